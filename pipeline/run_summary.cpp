// Printing the run summary.
#include "pipeline/run_summary.h"

#include <cstdio>

namespace sluice {

std::string RunSummary::ToText() const {
  char buf[512];
  std::string s;
  std::snprintf(buf, sizeof buf, "job %s (run %s) finished in %.2f s\n", job.c_str(),
                run_id.c_str(), seconds);
  s += buf;
  double rate = seconds > 0 ? rows_read / seconds : 0;
  std::snprintf(buf, sizeof buf,
                "  rows read     %12llu  (%.0f rows/s)\n"
                "  rows written  %12llu\n"
                "  rows filtered %12llu\n"
                "  rows rejected %12llu%s\n"
                "  commits       %12llu\n",
                static_cast<unsigned long long>(rows_read), rate,
                static_cast<unsigned long long>(rows_written),
                static_cast<unsigned long long>(rows_filtered),
                static_cast<unsigned long long>(rows_rejected),
                rejects_path.empty() || rows_rejected == 0 ? "" : ("  -> " + rejects_path).c_str(),
                static_cast<unsigned long long>(commits));
  s += buf;
  for (const auto& [what, count] : refusals) {
    std::snprintf(buf, sizeof buf, "    refused by %-32s %llu\n", what.c_str(),
                  static_cast<unsigned long long>(count));
    s += buf;
  }
  for (const RuleCount& r : rules) {
    if (r.violations == 0) continue;
    std::snprintf(buf, sizeof buf, "  rule %-10s on %-16s %-7s %llu rows\n", r.rule.c_str(),
                  r.column.c_str(), r.severity.c_str(),
                  static_cast<unsigned long long>(r.violations));
    s += buf;
  }
  if (!Balanced()) s += "  WARNING: the row accounting does not balance\n";
  return s;
}

}  // namespace sluice

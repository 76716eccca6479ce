// What a monitor run found: every metric of every table with its status, and for a checked
// metric the message and the expected range that decided it. The same shape is stored in
// data_quality_metrics (details JSON) and read back for reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sluice {

// Ordered by severity. INFO: measured, not checked.
enum class Status { kInfo, kPass, kWarning, kFail };

const char* StatusName(Status s);             // INFO, PASS, WARNING, FAIL (the stored spelling)
Status ParseStatus(const std::string& name);  // unknown: kInfo
Status Worst(Status a, Status b);

// The values a metric was expected to stay within, and how that was decided.
struct ExpectedRange {
  std::optional<double> low, high;
  std::string method;  // "level > 5%", "z-score over the last 6 runs (mean 1000, stddev 12.3)"
  std::string ToString() const;  // "[960, 1040]", ">= 800", "<= 5"
};

struct MetricResult {
  std::string table;
  std::string check;   // missing, duplicates, format, orphans, distribution, freshness, volume,
                       // schema
  std::string metric;  // "email.null_pct", "row_count"
  double value = 0;
  Status status = Status::kInfo;
  std::string message;  // set for a checked metric
  std::optional<ExpectedRange> expected;
  std::string extra;  // further JSON members, without braces: "\"count\": 3"
};

struct TableResult {
  std::string table;
  Status status = Status::kPass;
  int64_t rows = 0;
  std::vector<MetricResult> metrics;
};

struct MonitorResult {
  std::string monitor;
  std::string run_id;
  std::string started_at, ended_at;  // "YYYY-MM-DD HH:MM:SS" UTC
  Status status = Status::kPass;
  std::vector<TableResult> tables;
};

// details JSON of a stored metric: {"message": ..., "expected": {...}, extra...}.
std::string MetricDetailsJson(const MetricResult& m);
// Fills message, expected and extra back from stored details (extra keeps the members other
// than message and expected, as JSON text).
void ReadMetricDetails(const std::string& details, MetricResult& m);

}  // namespace sluice

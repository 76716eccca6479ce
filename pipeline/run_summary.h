// What a run did: the row accounting (read = written + filtered + rejected) and how long.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sluice {

struct RuleCount {
  std::string rule, column, severity;
  uint64_t violations = 0;
};

struct RunSummary {
  std::string job, run_id;
  uint64_t rows_read = 0;
  uint64_t rows_written = 0;
  uint64_t rows_filtered = 0;
  uint64_t rows_rejected = 0;
  uint64_t batches = 0;
  uint64_t commits = 0;
  double seconds = 0;
  std::vector<RuleCount> rules;
  // Refusals by "column: rule" (a row refused for two reasons counts under both).
  std::map<std::string, uint64_t> refusals;
  std::string rejects_path;

  bool Balanced() const { return rows_read == rows_written + rows_filtered + rows_rejected; }
  // The human summary printed at the end of `sluice run`.
  std::string ToText() const;
};

}  // namespace sluice

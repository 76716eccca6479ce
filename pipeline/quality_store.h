// Where run history and quality metrics are kept: a `sluice_runs` row per run and
// `data_quality_metrics` rows per metric, in the target or a configured database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice {

struct MetricRow {
  std::string table_name;
  std::string check_type;   // "column", "rule", "rows"
  std::string metric_name;  // "email.null_pct", "rule.email.violations", "rows_rejected"
  double metric_value = 0;
  std::string details;  // JSON
  std::string status;   // PASS | WARNING | FAIL | INFO
};

struct RunRecord {
  std::string run_id, job, started_at, ended_at;  // times as "YYYY-MM-DD HH:MM:SS" UTC
  std::string status;                             // succeeded | failed | rejected
  uint64_t rows_read = 0, rows_written = 0, rows_filtered = 0, rows_rejected = 0;
  int exit_code = 0;
  std::string message;  // the error, for a failed run (secrets already masked)
};

class QualityStore {
 public:
  virtual ~QualityStore() = default;
  // Stores the run and its metrics in one transaction of their own (after the data's
  // commit or rollback, so a failed run is recorded too).
  virtual void Save(const RunRecord& run, const std::vector<MetricRow>& metrics) = 0;
};

}  // namespace sluice

// The monitor's history in data_quality_metrics (the table the load jobs write, same columns)
// with a sluice_runs row per run: saving a run, reading the last runs back for change levels,
// anomaly detection, schema comparison and reports, and deleting what retention_days outlived.
#pragma once

#include <string>
#include <vector>

#include "monitor/metric_history.h"
#include "monitor/monitor_result.h"

namespace sluice {

class HistoryStore {
 public:
  HistoryStore(std::string connection, std::string metrics_table);

  // One transaction: the run's sluice_runs row (job = the monitor's name) and every metric.
  void Save(const MonitorResult& run, int exit_code);
  // The monitor's last `runs` runs, oldest first (none before the first save).
  std::vector<MonitorResult> LoadRecent(const std::string& monitor, int runs);
  // The monitor's runs that started at or after `since` ("YYYY-MM-DD HH:MM:SS"), oldest first.
  std::vector<MonitorResult> LoadSince(const std::string& monitor, const std::string& since);
  // Deletes the monitor's runs (and their metrics) that started before `cutoff`; returns the
  // number of runs deleted.
  int64_t DeleteBefore(const std::string& monitor, const std::string& cutoff);

 private:
  std::vector<MonitorResult> Load(const std::string& monitor, const std::string& since, int runs);

  std::string connection_;
  std::string metrics_table_;
};

// Metric series and latest schemas from loaded runs (oldest first).
MetricHistory HistoryFromRuns(const std::vector<MonitorResult>& runs);

}  // namespace sluice

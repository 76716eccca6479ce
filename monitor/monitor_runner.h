// One `sluice check` run: describe the tables, plan and measure them, judge the measures
// against levels and history; then store the run in the history and apply retention.
#pragma once

#include <optional>

#include "monitor/monitor_result.h"
#include "monitor/monitor_spec.h"
#include "monitor/timestamps.h"

namespace sluice {

struct CheckRunOptions {
  bool read_history = true;         // false: no change levels, anomalies or schema comparison
  std::optional<SystemTime> as_of;  // freshness is measured against this time instead of now
};

MonitorResult RunMonitor(const MonitorSpec& spec, const CheckRunOptions& options = {});

// Saves the run with the exit code the command ends with, and deletes what retention_days
// outlived.
void StoreRun(const MonitorSpec& spec, const MonitorResult& result, int exit_code);

}  // namespace sluice

// Anomaly detection against a metric's history: a z-score over the last runs and a relative
// change against their mean. A verdict always states the expected range it used.
#pragma once

#include <optional>
#include <vector>

#include "monitor/monitor_result.h"
#include "monitor/monitor_spec.h"

namespace sluice {

struct Anomaly {
  ExpectedRange expected;
  std::string reason;  // "z = -7.2", "change -52.0%"
};

// nullopt: no anomaly, or too little history (fewer than spec.min_runs values) to tell.
std::optional<Anomaly> DetectAnomaly(double value, const std::vector<double>& history,
                                     const AnomalySpec& spec);

// Mean and sample standard deviation.
struct HistoryStats {
  double mean = 0, stddev = 0;
};
HistoryStats Summarize(const std::vector<double>& values);

}  // namespace sluice

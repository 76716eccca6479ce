// The JSON report of a run: overall and per-table status, every checked metric with its
// message and expected range, every measured value; with history, the runs and each
// metric's series over time (`sluice report --json`, the webhook's body).
#pragma once

#include <string>
#include <vector>

#include "monitor/monitor_result.h"

namespace sluice {

// `history` (oldest first, may include `run`) adds "runs" and "trends".
std::string JsonReport(const MonitorResult& run, const std::vector<MonitorResult>& history = {});

}  // namespace sluice

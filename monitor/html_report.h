// The HTML report: one self-contained page (inline CSS and SVG, no script, no external font
// or image) with the run's status per table, the checks that warned or failed with their
// expected ranges, and trend charts of each table's metrics over the stored runs.
#pragma once

#include <string>
#include <vector>

#include "monitor/monitor_result.h"

namespace sluice {

// `history`: earlier runs and this one, oldest first (may be empty).
std::string HtmlReport(const MonitorResult& run, const std::vector<MonitorResult>& history);

}  // namespace sluice

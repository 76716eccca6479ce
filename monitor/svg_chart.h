// A small line chart of one metric over runs as inline SVG (no script): the series, its
// first and last run times, the lowest and highest value, and the last point colored by
// the metric's status.
#pragma once

#include <string>
#include <vector>

#include "monitor/monitor_result.h"

namespace sluice {

struct ChartPoint {
  std::string when;  // run start, "YYYY-MM-DD HH:MM:SS"
  double value = 0;
  Status status = Status::kInfo;
};

std::string SvgLineChart(const std::string& title, const std::vector<ChartPoint>& points);

// "#1a7f37" for pass ... the color the report gives a status.
const char* StatusColor(Status s);

}  // namespace sluice

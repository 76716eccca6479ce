// Applies a check's warn and fail levels to one observation: the measured value, its share of
// the rows, and the history of the metric a change level compares against.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "monitor/monitor_result.h"
#include "monitor/threshold.h"

namespace sluice {

struct Observation {
  double value = 0;                              // a count, hours, rows
  std::optional<double> percent;                 // share of the rows or values, when there is one
  const std::vector<double>* history = nullptr;  // earlier values of the stored metric
  double history_value = 0;                      // the current value of that stored metric
};

struct LevelVerdict {
  Status status = Status::kInfo;  // kInfo: no level could be applied (no history yet)
  std::string breached;           // "warn level > 1%" when one was breached
  std::optional<ExpectedRange> expected;
};

LevelVerdict ApplyLevels(const Levels& levels, const Observation& observation);

}  // namespace sluice

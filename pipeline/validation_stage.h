// The validation stage: the job's rules over the rows still kept. Unordered rules run here in
// parallel; ordered ones (unique) run in the serial writer stage through CheckOrderedRules.
#pragma once

#include <cstdint>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/run_plan.h"

namespace sluice {

// Rule violations of one batch, merged by the writer (a sum of parts).
struct BatchMetrics {
  std::vector<uint64_t> rule_violations;  // by rule index in the plan
  void Merge(const BatchMetrics& other);
};

// Applies the unordered rules; `metrics` receives their violations.
void ValidateBatch(const RunPlan& plan, Batch& batch, BatchMetrics& metrics);
// Applies the ordered rules, serially and in source order.
void CheckOrderedRules(const RunPlan& plan, Batch& batch, BatchMetrics& metrics);

}  // namespace sluice

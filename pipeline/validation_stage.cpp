// Rules with their severities.
#include "pipeline/validation_stage.h"

#include "pipeline/errors.h"

namespace sluice {

void BatchMetrics::Merge(const BatchMetrics& other) {
  if (rule_violations.size() < other.rule_violations.size()) {
    rule_violations.resize(other.rule_violations.size());
  }
  for (size_t i = 0; i < other.rule_violations.size(); ++i) {
    rule_violations[i] += other.rule_violations[i];
  }
}

static void RunRules(const RunPlan& plan, Batch& batch, BatchMetrics& metrics, bool ordered) {
  metrics.rule_violations.resize(plan.rules.size());
  std::string reason;
  for (size_t ri = 0; ri < plan.rules.size(); ++ri) {
    const RulePlan& rp = plan.rules[ri];
    if (rp.rule->Ordered() != ordered) continue;
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      if (batch.states[row] != RowState::kKeep) continue;
      if (rp.rule->Check(batch, row, reason)) continue;
      ++metrics.rule_violations[ri];
      switch (rp.severity) {
        case Severity::kReject:
          batch.Reject(static_cast<uint32_t>(row), rp.column, rp.name, reason);
          break;
        case Severity::kWarn:
          break;
        case Severity::kFail:
          throw DataRejectedError(batch.source_name + ":" +
                                  std::to_string(batch.origins[row].line) + ": rule " + rp.name +
                                  " on " + rp.column + " (on_fail: fail): " + reason);
      }
    }
  }
}

void ValidateBatch(const RunPlan& plan, Batch& batch, BatchMetrics& metrics) {
  RunRules(plan, batch, metrics, /*ordered=*/false);
}

void CheckOrderedRules(const RunPlan& plan, Batch& batch, BatchMetrics& metrics) {
  RunRules(plan, batch, metrics, /*ordered=*/true);
}

}  // namespace sluice

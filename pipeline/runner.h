// Runs a compiled job through the oneTBB flow graph:
//   reader (serial) -> limiter (max_in_flight) -> transform (parallel) -> validate (parallel)
//   -> sequencer (source order) -> ordered rules (serial) -> { metrics (parallel) -> aggregator
//   (serial) ; writer (serial, commits) }
// A batch goes back to the pool, and the limiter lets the next one in, when both branches are
// done with it.
#pragma once

#include <functional>

#include "pipeline/metrics/table_metrics.h"
#include "pipeline/run_plan.h"
#include "pipeline/run_summary.h"

namespace sluice {

struct RunResult {
  RunSummary summary;
  TableMetrics metrics;  // empty unless plan.collect_metrics
};

// Moves every row; throws (RunError, DataRejectedError, ...) after rolling back what is not
// committed, leaving in `result` the counts reached. `before_final_commit` may throw to refuse
// the last commit (quality thresholds). On success everything is committed and the summary
// balances.
void RunPipeline(RunPlan& plan, RunResult& result,
                 const std::function<void(const RunResult&)>& before_final_commit = {});

}  // namespace sluice

// Runs a compiled job through the oneTBB flow graph:
//   reader (serial) -> limiter (max_in_flight) -> transform (parallel) -> validate (parallel,
//   metrics side output) -> sequencer (source order) -> writer (serial, commits)
#pragma once

#include "pipeline/run_plan.h"
#include "pipeline/run_summary.h"

namespace sluice {

// Moves every row; throws (RunError, DataRejectedError, ...) after rolling back what is not
// committed. On success everything is committed and the summary balances.
RunSummary RunPipeline(RunPlan& plan);

}  // namespace sluice

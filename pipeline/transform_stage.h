// The transform stage: filter rows, then build every target column from its source column or
// constant through its transform chain and cast it to the declared type. Runs on many
// batches at once; each call touches only its own batch.
#pragma once

#include "pipeline/batch.h"
#include "pipeline/run_plan.h"

namespace sluice {

// Rewrites `batch` from source columns to target columns (schema and columns replaced).
// Values that fail become rejections; a transform with on_invalid: fail throws RunError.
void TransformBatch(const RunPlan& plan, Batch& batch);

}  // namespace sluice

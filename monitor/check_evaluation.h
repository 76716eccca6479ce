// Turns a table's measures into metrics with a status: each check's warn and fail levels
// (counts, percentages, change against the last runs), anomaly detection against history,
// and schema changes since the last run.
#pragma once

#include "monitor/metric_history.h"
#include "monitor/monitor_result.h"
#include "monitor/table_measures.h"
#include "monitor/table_plan.h"
#include "monitor/timestamps.h"

namespace sluice {

struct EvaluationContext {
  const MetricHistory* history = nullptr;
  AnomalySpec anomaly;
  SystemTime now;  // freshness ages are measured against it
};

TableResult EvaluateTable(const TablePlan& plan, const TableMeasures& measures,
                          const EvaluationContext& context);

}  // namespace sluice

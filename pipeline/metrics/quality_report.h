// The data-quality report of a table's metrics as JSON, for the report file and the run summary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "pipeline/metrics/column_metrics.h"
#include "pipeline/metrics/table_metrics.h"
#include "pipeline/schema.h"

namespace sluice {

// {"rows":N,"columns":[<column>, ...]} with the columns in schema order; `schema` names the
// columns of `metrics` (same count). See AppendColumnQualityJson for one column.
std::string QualityReportJson(const TableMetrics& metrics, const Schema& schema, size_t top_k = 5);

// Appends one column's object:
//   {"name","type","rows","nulls","null_pct","empties","distinct","distinct_exact","min","max",
//    "mean","stddev","min_length","max_length","top":[{"value","count"}],"top_count_error"}
// Every key is always present; a metric that does not apply or has no value is null. Values
// (min, max, top) are JSON numbers for integer, decimal and double columns, booleans for
// boolean, strings otherwise. Counts are exact integers; null_pct (0-100), mean and stddev are
// shortest round-trip doubles. top_count_error bounds how much each top count may be low (0:
// exact).
void AppendColumnQualityJson(std::string& out, std::string_view name, const ColumnMetrics& column,
                             size_t top_k = 5);

}  // namespace sluice

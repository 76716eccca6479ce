// Table metrics: per-batch observation and merging, column by column.
#include "pipeline/metrics/table_metrics.h"

#include <string>

#include "pipeline/errors.h"

namespace sluice {

TableMetrics::TableMetrics(const Schema& schema, size_t top_capacity) {
  columns.reserve(schema.size());
  for (const Field& field : schema.fields) columns.emplace_back(field.type, top_capacity);
}

void TableMetrics::ObserveBatch(const Batch& batch) {
  if (batch.columns.size() != columns.size()) {
    throw RunError("internal: metrics for " + std::to_string(columns.size()) +
                   " columns given a batch of " + std::to_string(batch.columns.size()));
  }
  rows += batch.CountState(RowState::kKeep);
  for (size_t c = 0; c < columns.size(); ++c) {
    columns[c].ObserveColumn(batch.columns[c], batch.states);
  }
}

void TableMetrics::Merge(const TableMetrics& other) {
  if (columns.empty() && rows == 0) {
    *this = other;
    return;
  }
  if (other.columns.size() != columns.size()) {
    throw RunError("internal: merging metrics of " + std::to_string(other.columns.size()) +
                   " columns into metrics of " + std::to_string(columns.size()));
  }
  rows += other.rows;
  for (size_t c = 0; c < columns.size(); ++c) columns[c].Merge(other.columns[c]);
}

void TableMetrics::Clear() {
  rows = 0;
  for (ColumnMetrics& c : columns) c.Clear();
}

}  // namespace sluice

// Data-quality metrics of a whole table: the rows kept and one ColumnMetrics per target column.
// The validation stage fills one per batch; the serial aggregator merges them.
#pragma once

#include <cstdint>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/metrics/column_metrics.h"
#include "pipeline/schema.h"

namespace sluice {

struct TableMetrics {
  uint64_t rows = 0;                   // rows kept
  std::vector<ColumnMetrics> columns;  // by target column

  TableMetrics() = default;
  explicit TableMetrics(const Schema& schema, size_t top_capacity = TopValues::kDefaultCapacity);

  // Observes the rows of `batch` whose state is kKeep; its columns are the target columns.
  void ObserveBatch(const Batch& batch);
  // Adds the metrics of other rows of the same table. A default-constructed TableMetrics
  // takes the other's columns.
  void Merge(const TableMetrics& other);
  void Clear();
};

}  // namespace sluice

// Data-quality metrics of one column (nulls, empties, distinct, range, mean, lengths, top values)
// as a state filled per batch in the parallel stage and merged, in any order, into the run's.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/metrics/hyperloglog.h"
#include "pipeline/metrics/top_values.h"
#include "pipeline/metrics/welford.h"
#include "pipeline/types.h"

namespace sluice {

// A value and how often it occurred, the value in its canonical text (FormatInt's for
// int-backed types; a value cut at TopValues::kMaxKeyBytes ends in "…").
struct ValueCount {
  std::string value;
  uint64_t count = 0;
};

// What is measured, by type:
//   every type        rows, nulls, distinct, min/max
//   text              empties (empty or ASCII-whitespace only), min/max length in code points,
//                     top values; min/max compare bytes
//   int-backed types  top values; min/max compare the integers (so dates and decimals order
//                     by value)
//   integer, decimal, double   mean and sample standard deviation
// Empty and blank strings are values: they count in distinct, min/max, lengths and top values.
// NaN doubles count as rows and distinct values but not in min/max, mean or deviation.
class ColumnMetrics {
 public:
  explicit ColumnMetrics(DataType type = {}, size_t top_capacity = TopValues::kDefaultCapacity);

  // Observes one row (kept or not: the caller decides).
  void Observe(const Column& column, size_t row);
  // Observes every row whose state is kKeep. `column` has the type given at construction and
  // as many rows as `states`.
  void ObserveColumn(const Column& column, const std::vector<RowState>& states);
  // Adds another state of the same column (same type); the result does not depend on the order
  // of merges, except for top values beyond capacity (see TopValues).
  void Merge(const ColumnMetrics& other);
  // Back to empty, keeping allocated memory for reuse.
  void Clear();

  const DataType& type() const { return type_; }
  uint64_t rows() const { return rows_; }
  uint64_t nulls() const { return nulls_; }
  uint64_t values() const { return rows_ - nulls_; }
  uint64_t empties() const { return empties_; }
  // Exact while the top values are exact (at most top_capacity distinct values), otherwise the
  // HyperLogLog estimate (~0.8% standard error).
  uint64_t Distinct() const;
  bool DistinctIsExact() const;
  // Canonical text of the smallest / largest value; nullopt when there is none.
  std::optional<std::string> Min() const;
  std::optional<std::string> Max() const;
  // Mean and sample standard deviation (n - 1), for integer, decimal and double columns;
  // nullopt for other types, when there is no value, or (deviation) fewer than two values.
  std::optional<double> Mean() const;
  std::optional<double> StdDev() const;
  // Lengths in UTF-8 code points (bytes that are not continuation bytes), text only.
  std::optional<uint64_t> MinLength() const;
  std::optional<uint64_t> MaxLength() const;
  // The `k` most frequent values, most frequent first (text and int-backed types).
  std::vector<ValueCount> Top(size_t k) const;
  // How much any count of Top() may be below the truth (0: exact); see TopValues.
  uint64_t TopMaxError() const { return top_.max_error(); }

 private:
  class TextObserver;
  class IntObserver;
  class DoubleObserver;

  // Rows [begin, end) whose state is kKeep; every row when `states` is null.
  void ObserveRows(const Column& column, const RowState* states, size_t begin, size_t end);
  bool HasMoments() const;
  bool HasTop() const;
  std::string FormatValue(int64_t v) const;

  DataType type_;
  uint64_t rows_ = 0;
  uint64_t nulls_ = 0;
  uint64_t empties_ = 0;
  HyperLogLog distinct_;
  TopValues top_;
  Welford moments_;  // decimals unscaled: scaled back when read
  int64_t min_int_ = std::numeric_limits<int64_t>::max();
  int64_t max_int_ = std::numeric_limits<int64_t>::min();
  double min_double_ = std::numeric_limits<double>::infinity();
  double max_double_ = -std::numeric_limits<double>::infinity();
  std::string min_text_;
  std::string max_text_;
  uint64_t min_length_ = std::numeric_limits<uint64_t>::max();
  uint64_t max_length_ = 0;
};

}  // namespace sluice

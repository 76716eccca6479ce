// What the queries of a table's plan measured, aligned with the plan's lists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "monitor/check_sql.h"

namespace sluice {

struct FormatMeasure {
  bool applies = true;  // false: the column's type admits no bad value here
  int64_t invalid = 0;
};

struct DuplicateMeasure {
  int64_t groups = 0;          // key values held by more than one row
  int64_t rows_in_groups = 0;  // rows holding them; rows_in_groups - groups are extra copies
};

struct OrphanMeasure {
  std::string method;  // "anti-join" or "key range" (the parent's keys are exactly [lo, hi])
  int64_t orphans = 0;
  std::optional<int64_t> distinct_keys;
  std::optional<std::string> example;  // the smallest orphan key
};

struct NumericMeasure {
  NumericStats stats;
  int64_t outliers = 0;
  double low = 0, high = 0;  // mean -/+ z * stddev
};

struct CategoricalMeasure {
  int64_t non_null = 0;
  std::optional<TopValue> top;  // nullopt with non_null > 0: too many distinct values
};

struct TableMeasures {
  int64_t rows = 0;
  std::vector<int64_t> nulls, empties;  // per plan.missing
  std::vector<FormatMeasure> formats;
  std::optional<DuplicateMeasure> duplicates;  // nullopt: kept unique by the database
  std::vector<OrphanMeasure> orphans;
  std::vector<NumericMeasure> numeric;
  std::vector<CategoricalMeasure> categorical;
  std::optional<std::string> newest;  // freshness column's MAX
};

}  // namespace sluice

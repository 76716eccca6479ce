// Measures tables by their plans with the fewest scans: per table one fused aggregate SELECT
// for every column metric, a second one for outliers once mean and deviation are known (and
// for orphans whose parent keys form a dense integer range), one GROUP BY for duplicates, one
// anti-join per remaining foreign key; independent queries run side by side.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "monitor/query_pool.h"
#include "monitor/table_measures.h"
#include "monitor/table_plan.h"

namespace sluice {

// `parents` describes every table a plan's references point to.
std::vector<TableMeasures> MeasureTables(const std::vector<TablePlan>& plans,
                                         const std::map<std::string, TableInfo>& parents,
                                         QueryPool& pool);

}  // namespace sluice

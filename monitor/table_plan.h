// What will be measured on one table: the monitor file's checks resolved against the catalog,
// with the defaults for what the file leaves out (formats by column name, distribution by
// column type, duplicates by primary key, declared foreign keys).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "monitor/monitor_spec.h"
#include "monitor/table_info.h"

namespace sluice {

struct LeveledColumn {
  std::string column;
  Levels levels;
};

struct PlannedDuplicates {
  std::vector<std::string> columns;
  std::string basis;           // "primary key", "configured columns", "all columns"
  bool skip_null_keys = true;  // false for whole-row duplicates
  bool kept_unique = false;    // a constraint or unique index already guarantees it
  Levels levels;
};

struct PlannedFormat {
  ColumnInfo column;
  FormatKind kind = FormatKind::kEmail;
  std::string pattern;
  Levels levels;
};

struct PlannedReference {
  std::string name;  // "customer_id -> customers(id)"
  std::vector<std::string> columns;
  std::string parent;
  std::vector<std::string> parent_columns;
  bool declared = false;
  Levels levels;
};

struct TablePlan {
  const TableSpec* spec = nullptr;
  TableInfo info;
  std::vector<LeveledColumn> missing;
  std::optional<PlannedDuplicates> duplicates;
  std::vector<PlannedFormat> formats;
  std::vector<PlannedReference> references;
  std::vector<LeveledColumn> numeric;      // statistics and outliers
  std::vector<LeveledColumn> categorical;  // dominance of one value
  std::optional<LeveledColumn> freshness;
};

// Throws ConfigError (at the table's place in the monitor file) for a column the table does
// not have. A reference whose parent columns are left out needs the parent's primary key:
// `parent_key` looks it up.
TablePlan PlanTable(const TableSpec& spec, const TableInfo& info,
                    const std::function<std::vector<std::string>(const std::string&)>& parent_key);

}  // namespace sluice

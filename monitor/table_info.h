// What the catalog says about a monitored table: its columns with a coarse type, its keys and
// its foreign keys.
#pragma once

#include <string>
#include <vector>

namespace sluice {

enum class ColumnKind { kText, kInteger, kDecimal, kDouble, kBoolean, kDate, kTimestamp, kOther };

const char* ColumnKindName(ColumnKind kind);
bool IsNumericKind(ColumnKind kind);

struct ColumnInfo {
  std::string name;
  std::string type_name;  // as the database spells it ("character varying", "DECIMAL(12,2)")
  ColumnKind kind = ColumnKind::kOther;
};

struct ForeignKeyInfo {
  std::string name;  // the constraint's name when the catalog has one
  std::vector<std::string> columns;
  std::string parent_table;
  std::vector<std::string> parent_columns;  // empty: the parent's primary key
};

struct TableInfo {
  std::string name;
  bool exists = false;
  std::vector<ColumnInfo> columns;
  std::vector<std::string> primary_key;
  // Column sets the database keeps unique (the primary key and unique indexes).
  std::vector<std::vector<std::string>> unique_keys;
  std::vector<ForeignKeyInfo> foreign_keys;

  const ColumnInfo* Find(const std::string& column) const;
  // Whether the database guarantees that `columns` (in any order) hold no duplicate.
  bool KeptUnique(const std::vector<std::string>& columns) const;
};

// The coarse kind of a declared type name, by SQLite's affinity rules extended with dates
// and timestamps ("INT" anywhere: integer; "CHAR", "CLOB", "TEXT": text; ...).
ColumnKind KindFromTypeName(const std::string& type_name);

}  // namespace sluice

// Catalog look-ups through ODBC's catalog functions: which tables exist, a table's columns
// (with the DataType each becomes), primary key, foreign keys and indexes, and the order in
// which tables can be loaded so every referenced table comes first.
#pragma once

#include <string>
#include <vector>

#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_type_map.h"
#include "pipeline/types.h"

namespace sluice {

// Whether `table` exists (exact name) as the connection sees it.
bool OdbcTableExists(OdbcConnection& connection, const std::string& table);

// Where a table lives. MariaDB names databases as catalogs; PostgreSQL has schemas; SQLite
// has neither.
struct TableRef {
  std::string catalog;
  std::string schema;
  std::string name;
  std::string type;  // TABLE or VIEW
};

// Tables and views the connection's user sees, in name order: in `schema` when given, else
// PostgreSQL's visible schemas / MariaDB's current database / the SQLite file.
std::vector<TableRef> ListTables(OdbcConnection& connection, const std::string& schema = "");

// The table named exactly `table` (in `schema` when given). Throws OdbcError with SQLSTATE
// 42S02 when there is none, RunError when several schemas hold one and none was named.
TableRef FindTable(OdbcConnection& connection, const std::string& table,
                   const std::string& schema = "");

struct CatalogColumn {
  std::string name;
  OdbcColumnType odbc;  // SQL type, the driver's type name, size, decimal digits
  DataType type;        // what the column becomes when read (MapOdbcType)
  bool nullable = true;
  int ordinal = 0;  // 1-based
};

struct ForeignKey {
  std::string name;  // may be empty (SQLite)
  std::vector<std::string> columns;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
};

struct IndexInfo {
  std::string name;
  bool unique = false;
  std::vector<std::string> columns;
};

struct TableDescription {
  TableRef table;
  std::vector<CatalogColumn> columns;    // in ordinal order
  std::vector<std::string> primary_key;  // in key order
  std::vector<ForeignKey> foreign_keys;
  std::vector<IndexInfo> indexes;
};

TableDescription DescribeTable(OdbcConnection& connection, const TableRef& table);

// Tables ordered so that a table comes after every table its foreign keys reference
// (self-references and references to tables not in the list ignored), ties in name order.
// Tables on a reference cycle, and those that reference them, cannot be ordered: they follow
// the others in name order and are also listed in `cyclic`.
struct DependencyOrder {
  std::vector<std::string> tables;
  std::vector<std::string> cyclic;
};
DependencyOrder OrderByDependencies(const std::vector<TableDescription>& tables);

}  // namespace sluice

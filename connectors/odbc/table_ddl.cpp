// Table and index DDL from a catalog description.
#include "connectors/odbc/table_ddl.h"

#include <algorithm>

namespace sluice {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool IsKeyColumn(const TableDescription& t, const std::string& column) {
  if (Contains(t.primary_key, column)) return true;
  return std::any_of(t.indexes.begin(), t.indexes.end(),
                     [&](const IndexInfo& i) { return Contains(i.columns, column); });
}

// MariaDB cannot index a TEXT column without a prefix length: key columns become VARCHAR,
// as wide as the source declares within InnoDB's 3072-byte key limit.
std::string ColumnType(const Dialect& d, const TableDescription& t, const CatalogColumn& c) {
  if (d.kind() == DialectKind::kMariaDb && c.type.IsText() && IsKeyColumn(t, c.name)) {
    int64_t width = c.odbc.column_size > 0 ? std::min<int64_t>(c.odbc.column_size, 768) : 255;
    return "VARCHAR(" + std::to_string(width) + ")";
  }
  return d.ColumnType(c.type);
}

std::string ColumnList(const Dialect& d, const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + d.QuoteIdentifier(c);
  return out;
}

}  // namespace

std::string CreateTableLike(const Dialect& d, const std::string& table,
                            const TableDescription& source) {
  std::string sql = "CREATE TABLE " + d.QuoteIdentifier(table) + " (";
  for (size_t i = 0; i < source.columns.size(); ++i) {
    const CatalogColumn& c = source.columns[i];
    if (i) sql += ", ";
    sql += d.QuoteIdentifier(c.name) + " " + ColumnType(d, source, c);
    if (!c.nullable || Contains(source.primary_key, c.name)) sql += " NOT NULL";
  }
  if (!source.primary_key.empty()) {
    sql += ", PRIMARY KEY (" + ColumnList(d, source.primary_key) + ")";
  }
  return sql + ")";
}

std::vector<std::string> CreateIndexesLike(const Dialect& d, const std::string& table,
                                           const TableDescription& source) {
  std::vector<std::string> out;
  for (const IndexInfo& index : source.indexes) {
    if (index.columns.empty() || index.columns == source.primary_key) continue;
    if (index.name == "PRIMARY" || index.name.rfind("sqlite_autoindex_", 0) == 0) continue;
    out.push_back(std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                  d.QuoteIdentifier(table + "_" + index.name) + " ON " + d.QuoteIdentifier(table) +
                  " (" + ColumnList(d, index.columns) + ")");
  }
  return out;
}

}  // namespace sluice

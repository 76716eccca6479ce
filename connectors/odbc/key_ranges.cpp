// SplitKeyRanges: the key from the catalog, MIN and MAX from one query, equal-width ranges.
#include "connectors/odbc/key_ranges.h"

#include <sql.h>
#include <sqlext.h>

#include <optional>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_handles.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string ResolveKey(const TableDescription& table, const std::string& key) {
  std::string name = key;
  if (name.empty()) {
    if (table.primary_key.size() != 1) {
      throw ConfigError("source.parallel", "splits a table on its key: table " + table.table.name +
                                               " has no one-column primary key, so set source.key");
    }
    name = table.primary_key.front();
  }
  for (const CatalogColumn& c : table.columns) {
    if (c.name != name) continue;
    if (c.type.id != TypeId::kInteger) {
      throw ConfigError("source.parallel", "splits a table on an integer key; " + name + " of " +
                                               table.table.name + " is " + c.odbc.type_name);
    }
    return name;
  }
  throw ConfigError("source.key", "table " + table.table.name + " has no column " + name);
}

// MIN and MAX of the key; nullopt for an empty table.
std::optional<std::pair<int64_t, int64_t>> KeyBounds(OdbcConnection& connection,
                                                     const std::string& sql) {
  OdbcStatement stmt(connection);
  OdbcCheck(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                          SQL_NTS),
            SQL_HANDLE_STMT, stmt.get(), "reading the key's bounds");
  SQLRETURN rc = SQLFetch(stmt.get());
  OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), "reading the key's bounds");
  int64_t bounds[2] = {0, 0};
  for (SQLUSMALLINT column = 1; column <= 2; ++column) {
    SQLLEN length = 0;
    OdbcCheck(SQLGetData(stmt.get(), column, SQL_C_SBIGINT, &bounds[column - 1], 0, &length),
              SQL_HANDLE_STMT, stmt.get(), "reading the key's bounds");
    if (length == SQL_NULL_DATA) return std::nullopt;
  }
  return std::make_pair(bounds[0], bounds[1]);
}

}  // namespace

KeyRanges SplitKeyRanges(const std::string& connection, const std::string& table,
                         const std::string& key, const std::string& where, size_t parts) {
  const Dialect dialect = DetectDialect(connection);
  OdbcConnection db(dialect.TuneConnectionString(connection), MaskConnectionString(connection));
  KeyRanges ranges;
  ranges.key = ResolveKey(DescribeTable(db, FindTable(db, table)), key);
  const std::string column = dialect.QuoteIdentifier(ranges.key);
  std::string sql =
      "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + dialect.QuoteIdentifier(table);
  if (!where.empty()) sql += " WHERE " + where;
  auto bounds = KeyBounds(db, sql);
  if (!bounds || parts <= 1 || bounds->first == bounds->second) {
    ranges.conditions.push_back(column + " IS NOT NULL");
    return ranges;
  }
  // Widths in unsigned arithmetic: MAX - MIN may not fit an int64.
  const auto [low, high] = *bounds;
  const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  if (span < parts) parts = static_cast<size_t>(span) + 1;
  std::vector<int64_t> cuts;  // the first key of every range but the first
  for (size_t i = 1; i < parts; ++i) {
    cuts.push_back(static_cast<int64_t>(static_cast<uint64_t>(low) + span / parts * i +
                                        span % parts * i / parts));
  }
  for (size_t i = 0; i < parts; ++i) {
    std::string condition;
    if (i > 0) condition = column + " >= " + std::to_string(cuts[i - 1]);
    if (i + 1 < parts) {
      condition += (condition.empty() ? "" : " AND ") + column + " < " + std::to_string(cuts[i]);
    }
    ranges.conditions.push_back(condition);
  }
  return ranges;
}

}  // namespace sluice

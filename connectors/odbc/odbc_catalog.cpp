// Catalog look-ups: SQLTables, SQLColumns, SQLPrimaryKeys, SQLForeignKeys, SQLStatistics, and
// a topological order of tables by their foreign keys.
#include "connectors/odbc/odbc_catalog.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "pipeline/errors.h"

namespace sluice {
namespace {

// One row at a time of a catalog function's result, read by column number.
class CatalogRows {
 public:
  explicit CatalogRows(OdbcConnection& connection) : stmt_(connection) {}
  SQLHSTMT get() const { return stmt_.get(); }
  bool Next() {
    SQLRETURN rc = SQLFetch(stmt_.get());
    if (rc == SQL_NO_DATA) return false;
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt_.get(), "reading the catalog");
    return true;
  }
  std::optional<std::string> Text(SQLUSMALLINT column) const {
    std::string out;
    char buf[1024];
    for (;;) {
      SQLLEN len = 0;
      SQLRETURN rc = SQLGetData(stmt_.get(), column, SQL_C_CHAR, buf, sizeof buf, &len);
      if (rc == SQL_NO_DATA) break;
      OdbcCheck(rc, SQL_HANDLE_STMT, stmt_.get(), "reading the catalog");
      if (len == SQL_NULL_DATA) return std::nullopt;
      const bool partial = len == SQL_NO_TOTAL || len >= static_cast<SQLLEN>(sizeof buf);
      out.append(buf, partial ? sizeof buf - 1 : static_cast<size_t>(len));
      if (!partial) break;
    }
    return out;
  }
  std::string TextOr(SQLUSMALLINT column, const std::string& fallback = "") const {
    return Text(column).value_or(fallback);
  }
  int64_t Int(SQLUSMALLINT column, int64_t fallback = 0) const {
    SQLBIGINT v = 0;
    SQLLEN len = 0;
    SQLRETURN rc = SQLGetData(stmt_.get(), column, SQL_C_SBIGINT, &v, 0, &len);
    if (!SQL_SUCCEEDED(rc) || len == SQL_NULL_DATA) return fallback;
    return v;
  }

 private:
  OdbcStatement stmt_;
};

// Catalog arguments: an empty string means "any" (a null pointer).
struct Arg {
  explicit Arg(const std::string& s) : text(s) {}
  SQLCHAR* ptr() { return text.empty() ? nullptr : reinterpret_cast<SQLCHAR*>(text.data()); }
  SQLSMALLINT len() const { return text.empty() ? 0 : SQL_NTS; }
  std::string text;
};

// SQLTables and SQLColumns take patterns where '_' and '%' are wildcards: escape them (and
// still compare names exactly, for drivers that ignore the escape).
std::string EscapePattern(OdbcConnection& connection, const std::string& name) {
  char escape[8] = {0};
  SQLSMALLINT len = 0;
  SQLGetInfo(connection.get(), SQL_SEARCH_PATTERN_ESCAPE, escape, sizeof escape, &len);
  if (escape[0] == '\0') return name;
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '%' || c == escape[0]) out += escape[0];
    out += c;
  }
  return out;
}

std::string CurrentCatalog(OdbcConnection& connection) {
  char buf[512] = {0};
  SQLINTEGER len = 0;
  SQLRETURN rc =
      SQLGetConnectAttr(connection.get(), SQL_ATTR_CURRENT_CATALOG, buf, sizeof buf - 1, &len);
  return SQL_SUCCEEDED(rc) ? std::string(buf) : std::string();
}

std::vector<TableRef> Tables(OdbcConnection& connection, const std::string& catalog,
                             const std::string& schema, const std::string& name_pattern) {
  CatalogRows rows(connection);
  Arg cat(catalog), sch(schema), tab(name_pattern), types("TABLE,VIEW");
  OdbcCheck(SQLTables(rows.get(), cat.ptr(), cat.len(), sch.ptr(), sch.len(), tab.ptr(), tab.len(),
                      types.ptr(), types.len()),
            SQL_HANDLE_STMT, rows.get(), "listing tables");
  std::vector<TableRef> out;
  while (rows.Next()) {
    out.push_back({rows.TextOr(1), rows.TextOr(2), rows.TextOr(3), rows.TextOr(4)});
  }
  return out;
}

// Catalog and schema arguments for the functions that take a table: PostgreSQL wants the
// schema, MariaDB (no schemas) the catalog.
struct Where {
  explicit Where(const TableRef& t)
      : catalog(t.schema.empty() ? t.catalog : ""), schema(t.schema), table(t.name) {}
  Arg catalog;
  Arg schema;
  Arg table;
};

}  // namespace

bool OdbcTableExists(OdbcConnection& connection, const std::string& table) {
  OdbcStatement stmt(connection);
  OdbcCheck(
      SQLTables(stmt.get(), nullptr, 0, nullptr, 0,
                reinterpret_cast<SQLCHAR*>(const_cast<char*>(table.c_str())), SQL_NTS, nullptr, 0),
      SQL_HANDLE_STMT, stmt.get(), "looking up table " + table);
  bool found = false;
  while (SQL_SUCCEEDED(SQLFetch(stmt.get()))) {
    SQLCHAR name[512] = {0};
    SQLLEN len = 0;
    SQLGetData(stmt.get(), 3, SQL_C_CHAR, name, sizeof name, &len);
    if (table == reinterpret_cast<char*>(name)) found = true;
  }
  return found;
}

std::vector<TableRef> ListTables(OdbcConnection& connection, const std::string& schema) {
  // MariaDB lists every database's tables unless told which catalog; PostgreSQL's schemas
  // already stop at what the search path shows.
  std::string catalog = schema.empty() ? CurrentCatalog(connection) : "";
  std::vector<TableRef> tables = Tables(connection, catalog, EscapePattern(connection, schema), "");
  if (tables.empty() && !catalog.empty()) tables = Tables(connection, "", "", "");
  std::sort(tables.begin(), tables.end(), [](const TableRef& a, const TableRef& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
  return tables;
}

TableRef FindTable(OdbcConnection& connection, const std::string& table,
                   const std::string& schema) {
  std::vector<TableRef> found;
  for (TableRef& t : Tables(connection, "", EscapePattern(connection, schema),
                            EscapePattern(connection, table))) {
    if (t.name == table && (schema.empty() || t.schema == schema)) found.push_back(std::move(t));
  }
  if (found.size() > 1) {
    // Prefer the connection's own database (MariaDB) or the default schema (PostgreSQL).
    const std::string catalog = CurrentCatalog(connection);
    std::vector<TableRef> preferred;
    for (const TableRef& t : found) {
      if (t.schema == "public" || (t.schema.empty() && t.catalog == catalog)) {
        preferred.push_back(t);
      }
    }
    if (preferred.size() == 1) return preferred.front();
    std::string where;
    for (const TableRef& t : found) where += (where.empty() ? "" : ", ") + t.schema;
    throw RunError("table " + table + " exists in several schemas (" + where +
                   "): name the schema");
  }
  if (found.empty()) {
    throw OdbcError("table " + table + (schema.empty() ? "" : " in schema " + schema) +
                        " does not exist (or is not visible to this user)",
                    "42S02", 0);
  }
  return found.front();
}

TableDescription DescribeTable(OdbcConnection& connection, const TableRef& table) {
  TableDescription d;
  d.table = table;
  const std::string doing = "describing table " + table.name;
  {
    CatalogRows rows(connection);
    Arg cat(table.schema.empty() ? table.catalog : "");
    Arg sch(EscapePattern(connection, table.schema));
    Arg tab(EscapePattern(connection, table.name));
    OdbcCheck(SQLColumns(rows.get(), cat.ptr(), cat.len(), sch.ptr(), sch.len(), tab.ptr(),
                         tab.len(), nullptr, 0),
              SQL_HANDLE_STMT, rows.get(), doing);
    while (rows.Next()) {
      if (rows.TextOr(3) != table.name) continue;
      CatalogColumn c;
      c.name = rows.TextOr(4);
      c.odbc.sql_type = static_cast<int>(rows.Int(5));
      c.odbc.type_name = rows.TextOr(6);
      c.odbc.column_size = rows.Int(7);
      c.odbc.decimal_digits = static_cast<int>(rows.Int(9));
      c.nullable = rows.Int(11, SQL_NULLABLE) != SQL_NO_NULLS;
      c.ordinal = static_cast<int>(rows.Int(17, static_cast<int64_t>(d.columns.size() + 1)));
      c.type = MapOdbcType(c.odbc);
      d.columns.push_back(std::move(c));
    }
    std::stable_sort(
        d.columns.begin(), d.columns.end(),
        [](const CatalogColumn& a, const CatalogColumn& b) { return a.ordinal < b.ordinal; });
  }
  {
    CatalogRows rows(connection);
    Where w(table);
    OdbcCheck(SQLPrimaryKeys(rows.get(), w.catalog.ptr(), w.catalog.len(), w.schema.ptr(),
                             w.schema.len(), w.table.ptr(), w.table.len()),
              SQL_HANDLE_STMT, rows.get(), doing + " (primary key)");
    std::map<int64_t, std::string> by_seq;
    while (rows.Next()) by_seq[rows.Int(5)] = rows.TextOr(4);
    for (auto& [seq, name] : by_seq) d.primary_key.push_back(name);
  }
  {
    CatalogRows rows(connection);
    Where w(table);
    OdbcCheck(SQLForeignKeys(rows.get(), nullptr, 0, nullptr, 0, nullptr, 0, w.catalog.ptr(),
                             w.catalog.len(), w.schema.ptr(), w.schema.len(), w.table.ptr(),
                             w.table.len()),
              SQL_HANDLE_STMT, rows.get(), doing + " (foreign keys)");
    while (rows.Next()) {
      const std::string name = rows.TextOr(12);
      const std::string referenced = rows.TextOr(3);
      // A new key starts at KEY_SEQ 1; SQLite names none, so the sequence is what groups.
      if (rows.Int(9, 1) == 1 || d.foreign_keys.empty() || d.foreign_keys.back().name != name ||
          d.foreign_keys.back().referenced_table != referenced) {
        d.foreign_keys.push_back({name, {}, referenced, {}});
      }
      d.foreign_keys.back().columns.push_back(rows.TextOr(8));
      d.foreign_keys.back().referenced_columns.push_back(rows.TextOr(4));
    }
  }
  {
    CatalogRows rows(connection);
    Where w(table);
    OdbcCheck(SQLStatistics(rows.get(), w.catalog.ptr(), w.catalog.len(), w.schema.ptr(),
                            w.schema.len(), w.table.ptr(), w.table.len(), SQL_INDEX_ALL, SQL_QUICK),
              SQL_HANDLE_STMT, rows.get(), doing + " (indexes)");
    while (rows.Next()) {
      if (rows.Int(7) == SQL_TABLE_STAT) continue;
      const std::optional<std::string> name = rows.Text(6);
      if (!name) continue;
      if (d.indexes.empty() || d.indexes.back().name != *name) {
        d.indexes.push_back({*name, rows.Int(4, 1) == 0, {}});
      }
      d.indexes.back().columns.push_back(rows.TextOr(9));
    }
  }
  return d;
}

DependencyOrder OrderByDependencies(const std::vector<TableDescription>& tables) {
  std::map<std::string, std::set<std::string>> needs;  // table -> tables it references
  for (const TableDescription& t : tables) {
    std::set<std::string>& n = needs[t.table.name];
    for (const ForeignKey& fk : t.foreign_keys) {
      if (fk.referenced_table != t.table.name) n.insert(fk.referenced_table);
    }
  }
  // References to tables outside the list do not hold anything back.
  for (auto& [name, refs] : needs) {
    std::erase_if(refs, [&](const std::string& r) { return needs.count(r) == 0; });
  }
  DependencyOrder order;
  std::set<std::string> done;
  // Kahn's algorithm, always taking the first ready table by name.
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& [name, refs] : needs) {
      if (done.count(name)) continue;
      if (std::all_of(refs.begin(), refs.end(), [&](const auto& r) { return done.count(r); })) {
        order.tables.push_back(name);
        done.insert(name);
        progress = true;
        break;
      }
    }
  }
  for (const auto& [name, refs] : needs) {
    if (!done.count(name)) {
      order.cyclic.push_back(name);
      order.tables.push_back(name);
    }
  }
  return order;
}

}  // namespace sluice

// SQLite, PostgreSQL, MariaDB and generic ODBC dialects.
#include "connectors/odbc/dialect.h"

#include <algorithm>
#include <cctype>

#include "connectors/odbc/connection_string.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Appends key=value unless the user already set the key.
void AddSetting(std::string& conn, const std::string& key, const std::string& value) {
  if (!ConnectionValue(conn, key).empty()) return;
  if (!conn.empty() && conn.back() != ';') conn += ';';
  conn += key + "=" + value;
}

}  // namespace

const char* Dialect::Name() const {
  switch (kind_) {
    case DialectKind::kSqlite:
      return "sqlite";
    case DialectKind::kPostgres:
      return "postgresql";
    case DialectKind::kMariaDb:
      return "mariadb";
    case DialectKind::kGeneric:
      return "odbc";
  }
  return "odbc";
}

Dialect DetectDialect(const std::string& connection) {
  std::string driver =
      Lower(ConnectionValue(connection, "Driver") + " " + ConnectionValue(connection, "DSN"));
  if (driver.find("sqlite") != std::string::npos) return Dialect(DialectKind::kSqlite);
  if (driver.find("postgres") != std::string::npos || driver.find("psql") != std::string::npos) {
    return Dialect(DialectKind::kPostgres);
  }
  if (driver.find("maria") != std::string::npos || driver.find("mysql") != std::string::npos) {
    return Dialect(DialectKind::kMariaDb);
  }
  return Dialect(DialectKind::kGeneric);
}

std::string Dialect::QuoteIdentifier(const std::string& name) const {
  if (name.empty() || name.find('\0') != std::string::npos) {
    throw ConfigError("", "invalid identifier (empty or holding a NUL byte)");
  }
  // PostgreSQL cuts longer names to 63 bytes with only a notice: the data would land under
  // another name.
  if (kind_ == DialectKind::kPostgres && name.size() > 63) {
    throw ConfigError("",
                      "the name '" + name + "' is " + std::to_string(name.size()) +
                          " bytes long; PostgreSQL keeps only 63 and would silently shorten it");
  }
  const char q = kind_ == DialectKind::kMariaDb ? '`' : '"';
  std::string out(1, q);
  for (char c : name) {
    out += c;
    if (c == q) out += q;  // doubling is the escape in every dialect
  }
  out += q;
  return out;
}

std::string Dialect::ColumnType(const DataType& t) const {
  switch (t.id) {
    case TypeId::kText:
      return kind_ == DialectKind::kMariaDb ? "LONGTEXT" : "TEXT";
    case TypeId::kInteger:
      return kind_ == DialectKind::kSqlite ? "INTEGER" : "BIGINT";
    case TypeId::kDouble:
      return kind_ == DialectKind::kPostgres ? "DOUBLE PRECISION" : "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case TypeId::kBoolean:
      return kind_ == DialectKind::kSqlite ? "INTEGER" : "BOOLEAN";
    case TypeId::kDate:
      return "DATE";
    case TypeId::kTimestamp:
      return kind_ == DialectKind::kMariaDb ? "DATETIME(6)" : "TIMESTAMP";
  }
  return "TEXT";
}

std::string Dialect::TuneConnectionString(const std::string& connection) const {
  std::string c = connection;
  switch (kind_) {
    case DialectKind::kSqlite:
      AddSetting(c, "BigInt", "1");       // INTEGER as 64-bit, not SQL_INTEGER
      AddSetting(c, "Timeout", "10000");  // busy timeout in ms
      break;
    case DialectKind::kPostgres:
      AddSetting(c, "UseServerSidePrepare", "0");
      AddSetting(c, "BatchSize", "1000");
      AddSetting(c, "UseDeclareFetch", "1");
      AddSetting(c, "Fetch", "10000");
      AddSetting(c, "BoolsAsChar", "0");
      break;
    case DialectKind::kMariaDb:
    case DialectKind::kGeneric:
      break;
  }
  return c;
}

std::string Dialect::CreateTable(const std::string& table, const Schema& schema,
                                 const std::vector<std::string>& primary_key) const {
  auto in_key = [&](const std::string& name) {
    return std::find(primary_key.begin(), primary_key.end(), name) != primary_key.end();
  };
  std::string sql = "CREATE TABLE " + QuoteIdentifier(table) + " (";
  for (size_t i = 0; i < schema.size(); ++i) {
    const Field& f = schema.fields[i];
    if (i) sql += ", ";
    sql += QuoteIdentifier(f.name) + " ";
    if (!in_key(f.name)) {
      sql += ColumnType(f.type);
      continue;
    }
    sql += kind_ == DialectKind::kMariaDb && f.type.IsText() ? "VARCHAR(255)" : ColumnType(f.type);
    sql += " NOT NULL";
  }
  if (!primary_key.empty()) sql += ", PRIMARY KEY (" + ColumnList(primary_key) + ")";
  return sql + ")";
}

std::string Dialect::Insert(const std::string& table, const Schema& schema) const {
  std::string sql = "INSERT INTO " + QuoteIdentifier(table) + " (";
  std::string marks;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (i) {
      sql += ", ";
      marks += ", ";
    }
    sql += QuoteIdentifier(schema.fields[i].name);
    marks += "?";
  }
  return sql + ") VALUES (" + marks + ")";
}

std::string Dialect::Upsert(const std::string& table, const Schema& schema,
                            const std::vector<std::string>& key) const {
  std::string sql = Insert(table, schema);
  if (kind_ == DialectKind::kMariaDb)
    return sql + " ON DUPLICATE KEY UPDATE " + UpsertAction(schema, key);
  std::string action = UpsertAction(schema, key);
  return sql + " ON CONFLICT (" + ColumnList(key) + ") DO " +
         (action.empty() ? "NOTHING" : "UPDATE SET " + action);
}

std::string Dialect::UpsertAction(const Schema& schema, const std::vector<std::string>& key) const {
  std::string action;
  for (const Field& f : schema.fields) {
    if (std::find(key.begin(), key.end(), f.name) != key.end()) continue;
    const std::string column = QuoteIdentifier(f.name);
    action += (action.empty() ? "" : ", ") + column + " = ";
    action += kind_ == DialectKind::kMariaDb ? "VALUES(" + column + ")" : "excluded." + column;
  }
  // MariaDB has no DO NOTHING: assigning the key to itself keeps the row as it is.
  if (action.empty() && kind_ == DialectKind::kMariaDb && !key.empty()) {
    action = QuoteIdentifier(key[0]) + " = " + QuoteIdentifier(key[0]);
  }
  return action;
}

std::string Dialect::ColumnList(const std::vector<std::string>& columns) const {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + QuoteIdentifier(c);
  return out;
}

std::string Dialect::DeleteAll(const std::string& table) const {
  return "DELETE FROM " + QuoteIdentifier(table);
}

std::string Dialect::Savepoint(const std::string& name) const { return "SAVEPOINT " + name; }

std::string Dialect::RollbackToSavepoint(const std::string& name) const {
  return "ROLLBACK TO SAVEPOINT " + name;
}

std::string Dialect::ReleaseSavepoint(const std::string& name) const {
  return "RELEASE SAVEPOINT " + name;
}

std::string Dialect::TuneReadConnectionString(const std::string& connection) const {
  std::string c = TuneConnectionString(connection);
  // Without StepAPI sqliteodbc materializes the whole result before the first row.
  if (kind_ == DialectKind::kSqlite) AddSetting(c, "StepAPI", "1");
  return c;
}

std::vector<std::string> Dialect::SessionSetup() const {
  switch (kind_) {
    case DialectKind::kPostgres:
      // psqlODBC prints timestamptz in the session's zone and drops the offset.
      return {"SET TIME ZONE 'UTC'"};
    case DialectKind::kMariaDb:
      return {"SET time_zone = '+00:00'"};
    case DialectKind::kSqlite:
    case DialectKind::kGeneric:
      break;
  }
  return {};
}

std::string Dialect::ExactReal(const std::string& column) const {
  const std::string q = QuoteIdentifier(column);
  if (kind_ != DialectKind::kSqlite) return q;
  return "CASE WHEN typeof(" + q + ") = 'real' THEN 'r' || printf('%!.20e', " + q +
         ") ELSE 'v' || " + q + " END";
}

bool Dialect::MayHoldInexactReals(const std::string& declared_type) const {
  if (kind_ != DialectKind::kSqlite) return false;
  // SQLite's affinity rules (datatype3.html, 3.1), in their order.
  const std::string t = Lower(declared_type);
  if (t.find("int") != std::string::npos) return true;
  if (t.find("char") != std::string::npos || t.find("clob") != std::string::npos ||
      t.find("text") != std::string::npos) {
    return false;
  }
  return !t.empty() && t.find("blob") == std::string::npos;
}

std::string Dialect::SelectRows(const SelectRowsSpec& spec) const {
  std::string list;
  for (const std::string& item : spec.select_list) list += (list.empty() ? "" : ", ") + item;
  if (list.empty()) list = "*";
  std::string sql = "SELECT " + list + " FROM ";
  std::string conditions;
  if (!spec.table.empty()) {
    sql += QuoteIdentifier(spec.table);
    if (!spec.where.empty()) conditions = "(" + spec.where + ")";
  } else {
    std::string query = spec.query;
    while (!query.empty() &&
           (query.back() == ';' || std::isspace(static_cast<unsigned char>(query.back())))) {
      query.pop_back();
    }
    sql += "(" + query + ") AS sluice_query";
  }
  if (spec.after_key) {
    conditions += (conditions.empty() ? "" : " AND ") + QuoteIdentifier(spec.key) + " > ?";
  }
  if (!conditions.empty()) sql += " WHERE " + conditions;
  if (!spec.key.empty()) sql += " ORDER BY " + QuoteIdentifier(spec.key);
  if (spec.limit > 0) {
    const std::string n = std::to_string(spec.limit);
    sql += kind_ == DialectKind::kGeneric ? " FETCH FIRST " + n + " ROWS ONLY" : " LIMIT " + n;
  }
  return sql;
}

}  // namespace sluice

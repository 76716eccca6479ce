// Table descriptions from pg_attribute and pg_index; statement descriptions from
// PQdescribePrepared on the unnamed statement.
#include "connectors/postgres/pg_describe.h"

#include <cstdint>
#include <optional>

#include "connectors/odbc/dialect.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string ResultField(const PGresult* result, int code) {
  const char* v = result ? PQresultErrorField(result, code) : nullptr;
  return v ? v : "";
}

// Prepares `sql` as the unnamed statement; throws PgError when the server refuses it.
void Prepare(PgConnection& connection, const std::string& sql, const std::string& doing) {
  PgResult prepared(PQprepare(connection.get(), "", sql.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) == PGRES_COMMAND_OK) return;
  const std::string state = ResultField(prepared.get(), PG_DIAG_SQLSTATE);
  std::string message = ResultField(prepared.get(), PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = PQerrorMessage(connection.get());
  throw PgError(doing + ": " + (state.empty() ? "" : "[" + state + "] ") + message, state,
                ResultField(prepared.get(), PG_DIAG_COLUMN_NAME), "");
}

uint32_t ToOid(const std::optional<std::string>& v) {
  return v ? static_cast<uint32_t>(std::stoul(*v)) : 0;
}

}  // namespace

PgDescription DescribePgTable(PgConnection& connection, const std::string& table) {
  const auto found = connection.Query(
      "SELECT c.oid::int8 FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)"
      " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
      {Dialect(DialectKind::kPostgres).QuoteIdentifier(table)}, "looking up table " + table);
  if (found.empty()) {
    throw PgError("looking up table " + table + ": [42P01] table " + table +
                      " does not exist (or is not visible to this user)",
                  "42P01", "", "");
  }
  const PgConnection::Row relation = {found[0][0]};
  const auto columns = connection.Query(
      "SELECT a.attname,"
      " (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::int8,"
      " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, a.attnotnull"
      " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
      " WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
      relation, "describing table " + table);
  if (columns.empty()) throw RunError("table " + table + " has no columns");
  PgDescription d;
  for (const PgConnection::Row& c : columns) {
    const uint32_t oid = ToOid(c[1]);
    d.schema.fields.push_back({*c[0], PgColumnType(oid, std::stoi(*c[2])), c[3] != "t"});
    d.forms.push_back(PgTextFormOf(oid));
  }
  const auto key = connection.Query(
      "SELECT a.attname FROM pg_catalog.pg_index i"
      " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
      " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
      " WHERE i.indrelid = $1::oid AND i.indisprimary ORDER BY k.position",
      relation, "reading the primary key of " + table);
  for (const PgConnection::Row& k : key) d.primary_key.push_back(*k[0]);
  return d;
}

PgDescription DescribePgSelect(PgConnection& connection, const std::string& select) {
  Prepare(connection, select, "preparing the source query");
  PgResult described(PQdescribePrepared(connection.get(), ""));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
    throw PgError("describing the source query: " + std::string(PQerrorMessage(connection.get())),
                  ResultField(described.get(), PG_DIAG_SQLSTATE), "", "");
  }
  const PGresult* r = described.get();
  const int n = PQnfields(r);
  if (n == 0) throw RunError("the source query returns no columns");
  PgDescription d;
  for (int i = 0; i < n; ++i) {
    const uint32_t oid = PQftype(r, i);
    bool nullable = true;
    if (PQftable(r, i) != InvalidOid) {
      const auto rows = connection.Query(
          "SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid"
          " AND attnum = $2::int2",
          {std::to_string(PQftable(r, i)), std::to_string(PQftablecol(r, i))},
          "describing the source query");
      nullable = rows.empty() || rows[0][0] != "t";
    }
    d.schema.fields.push_back({PQfname(r, i), PgColumnType(oid, PQfmod(r, i)), nullable});
    d.forms.push_back(PgTextFormOf(oid));
  }
  return d;
}

void CheckPgStatement(PgConnection& connection, const std::string& sql, const std::string& doing) {
  Prepare(connection, sql, doing);
}

}  // namespace sluice

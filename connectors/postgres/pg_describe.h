// What a PostgreSQL table or query looks like through psqlODBC, read from the catalog (or from
// the server's description of a statement): its fields as MapOdbcType types them, how each
// value's text differs from the driver's, and a table's primary key.
#pragma once

#include <string>
#include <vector>

#include "connectors/postgres/pg_connection.h"
#include "connectors/postgres/pg_type_map.h"
#include "pipeline/schema.h"

namespace sluice {

struct PgDescription {
  Schema schema;                         // nullable from NOT NULL, as psqlODBC reports it
  std::vector<PgTextForm> forms;         // per field
  std::vector<std::string> primary_key;  // in key order; empty for a query
};

// The table, view, materialized view or foreign table `table` names on the search path (the
// name as written, quoted). A domain counts as its base type one level deep, as in psqlODBC's
// catalog. Throws PgError 42P01 when there is none, RunError when it has no columns.
PgDescription DescribePgTable(PgConnection& connection, const std::string& table);

// The columns of `select` without running it (the server reports a domain by its base type);
// a column taken straight from a table keeps its NOT NULL. Throws PgError with the server's
// SQLSTATE when the statement does not parse, RunError when it returns no columns.
PgDescription DescribePgSelect(PgConnection& connection, const std::string& select);

// Prepares (does not run) `sql`: PgError with the server's SQLSTATE when it does not parse.
void CheckPgStatement(PgConnection& connection, const std::string& sql, const std::string& doing);

}  // namespace sluice

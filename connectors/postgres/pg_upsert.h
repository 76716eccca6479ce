// Upsert for the COPY writer: COPY cannot update, so rows are copied into a temporary staging
// table and merged with INSERT ... ON CONFLICT, one chunk at a time.
#pragma once

#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "pipeline/schema.h"

namespace sluice {

// The staging table's name; temporary, so private to the session and gone with it.
inline constexpr char kPgUpsertStage[] = "sluice_upsert_stage";

struct PgUpsertStatements {
  // Creates the staging table with the target's column types, plus an arrival number.
  std::string create_stage;
  // Merges the staged rows into the target and empties the stage. ON CONFLICT refuses to
  // touch a row twice in one statement, so of rows sharing a key only the last one staged
  // goes in, as if each had been upserted in turn.
  std::string merge;
};

PgUpsertStatements PgUpsertSql(const Dialect& dialect, const std::string& table,
                               const Schema& schema, const std::vector<std::string>& key);

}  // namespace sluice

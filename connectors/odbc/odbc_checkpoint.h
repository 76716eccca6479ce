// Storing and reading a job's checkpoint through ODBC (connectors/odbc/checkpoint_sql.h says
// what the table holds). Reading works for every database target, the native ones included,
// because each has an ODBC driver too.
#pragma once

#include <optional>
#include <string>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "pipeline/sink.h"

namespace sluice {

// Creates the checkpoint table when missing. Sinks call it when they open, before any row:
// on MariaDB a CREATE TABLE commits the open transaction.
void EnsureOdbcCheckpointTable(OdbcConnection& connection, const Dialect& dialect);

// Rewrites the job's checkpoint row in the connection's open transaction .
void StoreOdbcCheckpoint(OdbcConnection& connection, const Dialect& dialect, const Checkpoint& cp);

// Writes `cp` in a transaction of its own (the overall state of a multi-table job).
void SaveOdbcCheckpoint(const std::string& connection, const Checkpoint& cp);

// The job's checkpoint in the database `connection` names; nothing when it has none.
std::optional<Checkpoint> ReadOdbcCheckpoint(const std::string& connection, const std::string& job,
                                             const std::string& partition);

}  // namespace sluice

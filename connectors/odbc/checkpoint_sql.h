// The checkpoint table a database target keeps for exactly-once resume: one row per job and
// partition, rewritten in the same transaction as the rows it covers. Its statements per
// dialect, and the conversion of a checkpoint to and from the table's text values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "pipeline/schema.h"
#include "pipeline/sink.h"

namespace sluice {

inline constexpr char kCheckpointTable[] = "sluice_checkpoints";

// job, part, run_id, byte_offset, line_number, source_key, rows_read, rows_committed,
// rejects_bytes, finished, updated_at.
const Schema& CheckpointTableSchema();

struct CheckpointStatements {
  std::string create;  // CREATE TABLE
  std::string remove;  // DELETE ... WHERE job = ? AND part = ?
  std::string insert;  // INSERT ... VALUES (?, ... ) in the schema's column order
  std::string select;  // SELECT <schema columns> ... WHERE job = ? AND part = ?
};

CheckpointStatements CheckpointSql(const Dialect& dialect);

// The insert's parameters as text (NULL for an empty source key), in schema order.
std::vector<std::optional<std::string>> CheckpointValues(const Checkpoint& cp);
// The inverse, from a selected row; throws RunError when a value is not what it must be.
Checkpoint CheckpointFromValues(const std::vector<std::optional<std::string>>& values);

}  // namespace sluice

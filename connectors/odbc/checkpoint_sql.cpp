// Checkpoint table statements and values.
#include "connectors/odbc/checkpoint_sql.h"

#include <charconv>
#include <ctime>

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

uint64_t Unsigned(const std::optional<std::string>& v, const char* column) {
  uint64_t out = 0;
  if (!v) return 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) {
    throw RunError(std::string("the checkpoint table ") + kCheckpointTable + " holds '" + *v +
                   "' in " + column + ", not a count");
  }
  return out;
}

}  // namespace

const Schema& CheckpointTableSchema() {
  static const Schema schema = [] {
    const DataType text{}, integer{TypeId::kInteger};
    Schema s;
    s.fields = {{"job", text, false},
                {"part", text, false},
                {"run_id", text, false},
                {"byte_offset", integer, false},
                {"line_number", integer, false},
                {"source_key", text, true},
                {"rows_read", integer, false},
                {"rows_committed", integer, false},
                {"rejects_bytes", integer, false},
                {"finished", integer, false},
                {"updated_at", text, false}};
    return s;
  }();
  return schema;
}

CheckpointStatements CheckpointSql(const Dialect& d) {
  const Schema& schema = CheckpointTableSchema();
  const std::string table = d.QuoteIdentifier(kCheckpointTable);
  const std::string where =
      " WHERE " + d.QuoteIdentifier("job") + " = ? AND " + d.QuoteIdentifier("part") + " = ?";
  std::string columns;
  for (const Field& f : schema.fields)
    columns += (columns.empty() ? "" : ", ") + d.QuoteIdentifier(f.name);
  return {d.CreateTable(kCheckpointTable, schema), "DELETE FROM " + table + where,
          d.Insert(kCheckpointTable, schema), "SELECT " + columns + " FROM " + table + where};
}

std::vector<std::optional<std::string>> CheckpointValues(const Checkpoint& cp) {
  std::optional<std::string> key;
  if (!cp.position.key.empty()) key = cp.position.key;
  return {cp.job,
          cp.partition,
          cp.run_id,
          std::to_string(cp.position.byte_offset),
          std::to_string(cp.position.line),
          key,
          std::to_string(cp.rows_read),
          std::to_string(cp.rows_committed),
          std::to_string(cp.rejects_bytes),
          cp.finished ? "1" : "0",
          UtcNow()};
}

Checkpoint CheckpointFromValues(const std::vector<std::optional<std::string>>& v) {
  if (v.size() != CheckpointTableSchema().size()) {
    throw RunError(std::string("the checkpoint table ") + kCheckpointTable +
                   " does not have the columns sluice expects");
  }
  Checkpoint cp;
  cp.job = v[0].value_or("");
  cp.partition = v[1].value_or("");
  cp.run_id = v[2].value_or("");
  cp.position.byte_offset = Unsigned(v[3], "byte_offset");
  cp.position.line = Unsigned(v[4], "line_number");
  cp.position.key = v[5].value_or("");
  cp.rows_read = Unsigned(v[6], "rows_read");
  cp.rows_committed = Unsigned(v[7], "rows_committed");
  cp.rejects_bytes = Unsigned(v[8], "rejects_bytes");
  cp.finished = Unsigned(v[9], "finished") != 0;
  cp.updated_at = v[10].value_or("");
  return cp;
}

}  // namespace sluice

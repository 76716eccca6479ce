// PgCopySink: COPY per chunk under a savepoint, bisection of a failed chunk.
#include "connectors/postgres/pg_copy_sink.h"

#include <algorithm>

#include "connectors/odbc/checkpoint_sql.h"
#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/job_lock.h"
#include "connectors/postgres/pg_upsert.h"

namespace sluice {
namespace {

// Rows per PQputCopyData: large pieces are what makes COPY fast (research/writer-paths.md).
constexpr size_t kFlushBytes = 1 << 20;
constexpr char kSavepoint[] = "sluice_chunk";

// The server types binary COPY writes each logical type as (pg_type OIDs): text also goes
// into varchar and char(n), whose binary input is text's; timestamps also into timestamptz,
// the same micros since 2000 UTC.
bool BinaryFits(TypeId id, long oid) {
  switch (id) {
    case TypeId::kText:
      return oid == 25 || oid == 1043 || oid == 1042;
    case TypeId::kInteger:
      return oid == 20;
    case TypeId::kDouble:
      return oid == 701;
    case TypeId::kDecimal:
      return oid == 1700;
    case TypeId::kBoolean:
      return oid == 16;
    case TypeId::kDate:
      return oid == 1082;
    case TypeId::kTimestamp:
      return oid == 1114 || oid == 1184;
  }
  return false;
}

// The 1-based row of the COPY the server was at ("COPY t, line N..."), or 0.
size_t CopyLine(const std::string& context, const std::string& table) {
  const std::string prefix = "COPY " + table + ", line ";
  size_t at = context.find(prefix);
  if (at == std::string::npos) return 0;
  size_t line = 0;
  for (size_t i = at + prefix.size(); i < context.size() && context[i] >= '0' && context[i] <= '9';
       ++i) {
    line = line * 10 + static_cast<size_t>(context[i] - '0');
  }
  return line;
}

// The column the server named for a refused row: its own field, or COPY's context.
std::string RefusedColumn(const PgError& e, const Schema& schema) {
  if (!e.column().empty()) return e.column();
  for (const Field& f : schema.fields) {
    const std::string mark = ", column " + f.name;
    size_t at = e.context().find(mark);
    if (at == std::string::npos) continue;
    size_t end = at + mark.size();
    if (end == e.context().size() || e.context()[end] == ':') return f.name;
  }
  return "";
}

}  // namespace

PgCopySink::PgCopySink(PgCopySinkOptions options)
    : options_(std::move(options)), masked_(MaskConnectionString(options_.connection)) {}

PgCopySink::~PgCopySink() { Close(); }

bool PgCopySink::TableExists(const std::string& table) {
  auto rows = connection_->Query("SELECT pg_catalog.to_regclass($1) IS NOT NULL",
                                 {dialect_.QuoteIdentifier(table)}, "looking up table " + table);
  return !rows.empty() && rows[0][0] == "t";
}

PgCopyFormat PgCopySink::ChooseFormat(const std::string& table, const Schema& schema) {
  if (!options_.binary) return PgCopyFormat::kText;
  auto rows = connection_->Query(
      "SELECT a.attname, a.atttypid::int8 FROM pg_catalog.pg_attribute a"
      " WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped",
      {dialect_.QuoteIdentifier(table)}, "reading the column types of " + table);
  for (const Field& f : schema.fields) {
    auto column = std::find_if(rows.begin(), rows.end(),
                               [&](const PgConnection::Row& r) { return r[0] == f.name; });
    // A missing column is the COPY's error to report; text keeps it the same as ODBC's.
    if (column == rows.end() || !BinaryFits(f.type.id, std::stol(*(*column)[1]))) {
      return PgCopyFormat::kText;
    }
  }
  return PgCopyFormat::kBinary;
}

std::string PgCopySink::CopyStatement(const std::string& table, const Schema& schema,
                                      PgCopyFormat format) const {
  std::string sql = "COPY " + dialect_.QuoteIdentifier(table) + " (";
  for (size_t i = 0; i < schema.size(); ++i) {
    if (i) sql += ", ";
    sql += dialect_.QuoteIdentifier(schema.fields[i].name);
  }
  return sql + ") FROM STDIN" + (format == PgCopyFormat::kBinary ? " (FORMAT binary)" : "");
}

void PgCopySink::Open(const Schema& schema) {
  schema_ = schema;
  connection_ = std::make_unique<PgConnection>(options_.connection);
  if (std::optional<JobLockStatements> lock = JobLockSql(dialect_, locked_job_);
      lock && !locked_job_.empty()) {
    WaitForJobLock(
        [&] {
          auto rows =
              connection_->Query(lock->try_lock, {}, "taking the lock of job " + locked_job_);
          return !rows.empty() && rows[0][0] == "1";
        },
        locked_job_, masked_);
  }
  // Creating, dropping and emptying happen in the first transaction: a replace that fails
  // leaves the old rows.
  Begin();
  const std::string& table = options_.table;
  bool exists = TableExists(table);
  if (options_.create == CreateMode::kAlways && exists && !continuing_) {
    connection_->Execute("DROP TABLE " + dialect_.QuoteIdentifier(table),
                         "dropping table " + table);
    exists = false;
  }
  if (!exists) {
    if (options_.create == CreateMode::kNever) {
      throw RunError("target table " + table + " does not exist in " + masked_ +
                     " (set create: if_missing to create it)");
    }
    const bool upsert = options_.mode == WriteMode::kUpsert;
    connection_->Execute(
        dialect_.CreateTable(table, schema_, upsert ? options_.key : std::vector<std::string>{}),
        "creating table " + table);
  } else if (options_.mode == WriteMode::kReplace && !continuing_) {
    connection_->Execute("TRUNCATE TABLE " + dialect_.QuoteIdentifier(table),
                         "emptying table " + table + " (mode: replace)");
  }
  format_ = ChooseFormat(table, schema_);
  if (options_.mode != WriteMode::kUpsert) {
    copy_ = CopyStatement(table, schema_, format_);
    return;
  }
  // Upsert: each chunk is copied into a session-private staging table, then merged.
  const PgUpsertStatements upsert = PgUpsertSql(dialect_, table, schema_, options_.key);
  connection_->Execute(upsert.create_stage, "creating the staging table for the upsert");
  copy_ = CopyStatement(kPgUpsertStage, schema_, format_);
  merge_ = upsert.merge;
  // A key without a unique index fails here, before any row, with the server's message.
  Merge();
}

void PgCopySink::Merge() {
  connection_->Execute(merge_, "merging into " + options_.table + " on key (" +
                                   dialect_.ColumnList(options_.key) +
                                   "), which must be its primary key or a unique index");
}

void PgCopySink::Begin() {
  if (in_transaction_) return;
  connection_->Execute("BEGIN", "starting a transaction");
  in_transaction_ = true;
}

void PgCopySink::Copy(const std::string& statement, PgCopyFormat format,
                      const std::vector<Column>& columns, const std::vector<uint32_t>& rows,
                      size_t lo, size_t hi, const std::string& doing) {
  connection_->BeginCopy(statement, doing);
  encoder_.Start(format);
  for (size_t i = lo; i < hi; ++i) {
    encoder_.AddRow(columns, rows[i]);
    if (encoder_.size() >= kFlushBytes) {
      connection_->PutCopyData(encoder_.data(), encoder_.size());
      encoder_.Clear();
    }
  }
  encoder_.Finish();
  connection_->PutCopyData(encoder_.data(), encoder_.size());
  connection_->EndCopy();
}

void PgCopySink::WriteRange(const std::vector<Column>& columns, const std::vector<uint32_t>& rows,
                            size_t lo, size_t hi, WriteResult& result) {
  if (lo >= hi) return;
  connection_->Execute(dialect_.Savepoint(kSavepoint), "setting a savepoint");
  try {
    Copy(copy_, format_, columns, rows, lo, hi, "inserting into " + options_.table);
    if (!merge_.empty()) Merge();
  } catch (const PgError& e) {
    if (!e.IsRowError()) throw;
    connection_->Execute(
        dialect_.RollbackToSavepoint(kSavepoint) + "; " + dialect_.ReleaseSavepoint(kSavepoint),
        "rolling back to a savepoint");
    if (hi - lo == 1) {
      result.refused.push_back({rows[lo], RefusedColumn(e, schema_), "database", e.what()});
      return;
    }
    // The server says which row it stopped at: the rows before it land in one piece, that row
    // is tried alone. Each piece is still checked, so a wrong hint only costs round trips.
    size_t line = CopyLine(e.context(), merge_.empty() ? options_.table : kPgUpsertStage);
    if (line >= 1 && line <= hi - lo) {
      size_t bad = lo + line - 1;
      WriteRange(columns, rows, lo, bad, result);
      WriteRange(columns, rows, bad, bad + 1, result);
      WriteRange(columns, rows, bad + 1, hi, result);
      return;
    }
    size_t mid = lo + (hi - lo) / 2;
    WriteRange(columns, rows, lo, mid, result);
    WriteRange(columns, rows, mid, hi, result);
    return;
  }
  connection_->Execute(dialect_.ReleaseSavepoint(kSavepoint), "releasing a savepoint");
  result.rows_written += hi - lo;
}

WriteResult PgCopySink::Write(const Batch& batch) {
  WriteResult result;
  std::vector<uint32_t> rows;
  rows.reserve(batch.num_rows());
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    if (batch.states[r] == RowState::kKeep) rows.push_back(static_cast<uint32_t>(r));
  }
  const size_t chunk = std::max<size_t>(options_.chunk_rows, 1);
  for (size_t lo = 0; lo < rows.size(); lo += chunk) {
    WriteRange(batch.columns, rows, lo, std::min(rows.size(), lo + chunk), result);
  }
  return result;
}

namespace {

// libpq numbers its parameters ($1, $2, ...) where ODBC and SQLite take '?'; the checkpoint
// statements hold no literals, so every '?' is a marker.
std::string NumberedParameters(const std::string& sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void PgCopySink::StoreCheckpoint(const Checkpoint& cp) {
  if (cp.job.empty()) return;
  const CheckpointStatements sql = CheckpointSql(dialect_);
  if (!TableExists(kCheckpointTable)) {
    connection_->Execute(sql.create, "creating the checkpoint table");
  }
  connection_->Query(NumberedParameters(sql.remove), {cp.job, cp.partition},
                     "storing the checkpoint");
  connection_->Query(NumberedParameters(sql.insert), CheckpointValues(cp),
                     "storing the checkpoint");
}

void PgCopySink::Commit(const Checkpoint& cp) {
  StoreCheckpoint(cp);
  connection_->Execute("COMMIT", "committing");
  in_transaction_ = false;
}

void PgCopySink::Rollback() {
  if (!connection_ || !in_transaction_) return;
  in_transaction_ = false;
  rejects_table_.clear();  // it may have been created by the transaction rolled back
  connection_->Execute("ROLLBACK", "rolling back");
}

void PgCopySink::WriteRejects(const std::string& table, const std::string& run_id,
                              const std::string& job, const std::vector<RejectRow>& rows) {
  const Schema schema = RejectTableSchema();
  if (rejects_table_ != table) {
    if (!TableExists(table)) {
      connection_->Execute(dialect_.CreateTable(table, schema), "creating table " + table);
    }
    rejects_format_ = ChooseFormat(table, schema);
    rejects_copy_ = CopyStatement(table, schema, rejects_format_);
    rejects_table_ = table;
  }
  // Columns of views into `rows`, which outlive the COPY.
  std::vector<Column> columns(schema.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    columns[c].type = schema.fields[c].type;
    columns[c].Reserve(rows.size());
  }
  std::vector<uint32_t> order(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const RejectRow& r = rows[i];
    order[i] = static_cast<uint32_t>(i);
    columns[0].AppendText(run_id);
    columns[1].AppendText(job);
    columns[2].AppendText(r.source);
    columns[3].AppendInt(static_cast<int64_t>(r.line));
    columns[4].AppendInt(static_cast<int64_t>(r.byte_offset));
    columns[5].AppendText(r.column);
    columns[6].AppendText(r.rule);
    columns[7].AppendText(r.reason);
    columns[8].AppendText(r.record);
  }
  Copy(rejects_copy_, rejects_format_, columns, order, 0, order.size(), "inserting into " + table);
}

void PgCopySink::Close() { connection_.reset(); }

}  // namespace sluice

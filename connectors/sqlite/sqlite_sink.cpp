// SqliteSink: prepared INSERT stepped per row inside explicit transactions.
#include "connectors/sqlite/sqlite_sink.h"

#include "connectors/odbc/checkpoint_sql.h"
#include "pipeline/errors.h"
#include "pipeline/value_cast.h"

namespace sluice {
namespace {

// Errors that belong to one row; anything else (I/O, full disk, locked) ends the run.
bool IsRowError(int rc) {
  int primary = rc & 0xff;
  return primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH || primary == SQLITE_TOOBIG;
}

}  // namespace

SqliteSink::SqliteSink(SqliteSinkOptions options) : options_(std::move(options)) {}

SqliteSink::~SqliteSink() { Close(); }

void SqliteSink::Fail(const std::string& doing, int rc) {
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    throw TransientError(doing + " (" + options_.database + "): " + message + " (SQLite error " +
                         std::to_string(rc) + ")");
  }
  throw RunError(doing + " (" + options_.database + "): " + message + " (SQLite error " +
                 std::to_string(rc) + ")");
}

void SqliteSink::Exec(const std::string& sql, const std::string& doing) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      throw TransientError(doing + " (" + options_.database + "): " + message);
    }
    throw RunError(doing + " (" + options_.database + "): " + message);
  }
}

bool SqliteSink::TableExists(const std::string& table) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              -1, &stmt, nullptr);
  if (rc != SQLITE_OK) Fail("looking up table " + table, rc);
  sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail("looking up table " + table, rc);
  return rc == SQLITE_ROW;
}

void SqliteSink::Open(const Schema& schema) {
  schema_ = schema;
  formatted_.assign(schema.size(), FormattedValue{});
  int rc =
      sqlite3_open_v2(options_.database.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) Fail("opening the SQLite database", rc);
  sqlite3_busy_timeout(db_, options_.busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
  Begin();
  const std::string& table = options_.table;
  bool exists = TableExists(table);
  if (options_.create == CreateMode::kAlways && exists && !continuing_) {
    Exec("DROP TABLE " + dialect_.QuoteIdentifier(table), "dropping table " + table);
    exists = false;
  }
  if (!exists) {
    if (options_.create == CreateMode::kNever) {
      throw RunError("target table " + table + " does not exist in " + options_.database +
                     " (set create: if_missing to create it)");
    }
    const bool upsert = options_.mode == WriteMode::kUpsert;
    Exec(dialect_.CreateTable(table, schema_, upsert ? options_.key : std::vector<std::string>{}),
         "creating table " + table);
  } else if (options_.mode == WriteMode::kReplace && !continuing_) {
    Exec(dialect_.DeleteAll(table), "emptying table " + table + " (mode: replace)");
  }
  if (!TableExists(kCheckpointTable)) {
    Exec(CheckpointSql(dialect_).create, "creating the checkpoint table");
  }
  const bool upsert = options_.mode == WriteMode::kUpsert;
  std::string sql =
      upsert ? dialect_.Upsert(table, schema_, options_.key) : dialect_.Insert(table, schema_);
  rc = sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &insert_, nullptr);
  if (rc != SQLITE_OK) {
    // SQLite refuses ON CONFLICT on columns without a primary key or unique index.
    Fail(upsert ? "preparing the upsert into " + table + " on key (" +
                      dialect_.ColumnList(options_.key) +
                      "), which must be its primary key or a unique index"
                : "preparing the insert into " + table,
         rc);
  }
}

void SqliteSink::Begin() {
  if (in_transaction_) return;
  Exec("BEGIN", "starting a transaction");
  in_transaction_ = true;
}

WriteResult SqliteSink::Write(const Batch& batch) {
  WriteResult result;
  const size_t columns = schema_.size();
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    if (batch.states[r] != RowState::kKeep) continue;
    for (size_t c = 0; c < columns; ++c) {
      const Column& col = batch.columns[c];
      int index = static_cast<int>(c + 1);
      if (col.IsNull(r)) {
        sqlite3_bind_null(insert_, index);
        continue;
      }
      switch (col.type.id) {
        case TypeId::kText:
          // The batch outlives the step, so no copy.
          // An empty view may have no data pointer, which SQLite would bind as NULL.
          sqlite3_bind_text(insert_, index, col.text[r].empty() ? "" : col.text[r].data(),
                            static_cast<int>(col.text[r].size()), SQLITE_STATIC);
          break;
        case TypeId::kInteger:
        case TypeId::kBoolean:
          sqlite3_bind_int64(insert_, index, col.ints[r]);
          break;
        case TypeId::kDouble:
          sqlite3_bind_double(insert_, index, col.doubles[r]);
          break;
        default:
          // Exact decimals and ISO dates as their canonical text, like the ODBC path.
          FormattedValue& f = formatted_[c];
          if (!f.valid || f.value != col.ints[r]) {
            FormatInt(col.ints[r], col.type, f.text);
            f.value = col.ints[r];
            f.valid = true;
          }
          // Static: the text is only changed by the next bind of this column, after the step.
          sqlite3_bind_text(insert_, index, f.text.data(), static_cast<int>(f.text.size()),
                            SQLITE_STATIC);
      }
    }
    int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (rc == SQLITE_DONE) {
      ++result.rows_written;
    } else if (IsRowError(rc)) {
      result.refused.push_back({static_cast<uint32_t>(r), "", "database",
                                "inserting into " + options_.table + ": " + sqlite3_errmsg(db_)});
    } else {
      Fail("inserting into " + options_.table, rc);
    }
  }
  return result;
}

void SqliteSink::StoreCheckpoint(const Checkpoint& cp) {
  const CheckpointStatements sql = CheckpointSql(dialect_);
  auto run = [&](const std::string& statement, const std::vector<std::optional<std::string>>& v) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, statement.c_str(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK) Fail("storing the checkpoint", rc);
    for (size_t i = 0; i < v.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (v[i]) {
        sqlite3_bind_text(stmt, index, v[i]->data(), static_cast<int>(v[i]->size()),
                          SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(stmt, index);
      }
    }
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) Fail("storing the checkpoint", rc);
  };
  run(sql.remove, {cp.job, cp.partition});
  run(sql.insert, CheckpointValues(cp));
}

void SqliteSink::Commit(const Checkpoint& cp) {
  if (!cp.job.empty()) StoreCheckpoint(cp);
  Exec("COMMIT", "committing");
  in_transaction_ = false;
}

void SqliteSink::Rollback() {
  if (db_ == nullptr || !in_transaction_) return;
  in_transaction_ = false;
  Exec("ROLLBACK", "rolling back");
}

void SqliteSink::WriteRejects(const std::string& table, const std::string& run_id,
                              const std::string& job, const std::vector<RejectRow>& rows) {
  if (insert_reject_ == nullptr) {
    Schema schema = RejectTableSchema();
    if (!TableExists(table)) Exec(dialect_.CreateTable(table, schema), "creating table " + table);
    std::string sql = dialect_.Insert(table, schema);
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &insert_reject_, nullptr);
    if (rc != SQLITE_OK) Fail("preparing the insert into " + table, rc);
  }
  auto text = [&](int i, const std::string& v) {
    sqlite3_bind_text(insert_reject_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  for (const RejectRow& r : rows) {
    text(1, run_id);
    text(2, job);
    text(3, r.source);
    sqlite3_bind_int64(insert_reject_, 4, static_cast<sqlite3_int64>(r.line));
    sqlite3_bind_int64(insert_reject_, 5, static_cast<sqlite3_int64>(r.byte_offset));
    text(6, r.column);
    text(7, r.rule);
    text(8, r.reason);
    text(9, r.record);
    int rc = sqlite3_step(insert_reject_);
    sqlite3_reset(insert_reject_);
    if (rc != SQLITE_DONE) Fail("inserting into " + table, rc);
  }
}

void SqliteSink::Close() {
  if (insert_reject_ != nullptr) {
    sqlite3_finalize(insert_reject_);
    insert_reject_ = nullptr;
  }
  if (insert_ != nullptr) {
    sqlite3_finalize(insert_);
    insert_ = nullptr;
  }
  if (db_ != nullptr) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
  }
}

}  // namespace sluice

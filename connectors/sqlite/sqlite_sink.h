// The native SQLite writer: SQLite's own C API (one prepared INSERT, static binds, one
// transaction per commit unit), 2-6x faster than the sqliteodbc driver, which re-prepares the
// INSERT for every row (research/writer-paths.md). Same semantics as OdbcSink: a row the
// database refuses is isolated (SQLite reports it per statement) and the rest still land.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "pipeline/sink.h"

namespace sluice {

struct SqliteSinkOptions {
  std::string database;  // a file path
  std::string table;
  WriteMode mode = WriteMode::kAppend;
  std::vector<std::string> key;  // mode upsert: the columns that identify a row
  CreateMode create = CreateMode::kIfMissing;
  int busy_timeout_ms = 10000;
};

class SqliteSink : public Sink {
 public:
  explicit SqliteSink(SqliteSinkOptions options);
  ~SqliteSink() override;

  void Open(const Schema& schema) override;
  void Begin() override;
  WriteResult Write(const Batch& batch) override;
  void Commit(const Checkpoint& cp) override;
  void Rollback() override;
  void Close() override;
  void WriteRejects(const std::string& table, const std::string& run_id, const std::string& job,
                    const std::vector<RejectRow>& rows) override;

 private:
  void Exec(const std::string& sql, const std::string& doing);
  [[noreturn]] void Fail(const std::string& doing, int rc);
  bool TableExists(const std::string& table);
  // The checkpoint row, in the transaction about to commit.
  void StoreCheckpoint(const Checkpoint& cp);

  SqliteSinkOptions options_;
  Dialect dialect_{DialectKind::kSqlite};
  Schema schema_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* insert_reject_ = nullptr;
  bool in_transaction_ = false;
  // Each column's last decimal or date as text: a constant column (run_started_at) or a run of
  // equal dates is formatted once.
  struct FormattedValue {
    bool valid = false;
    int64_t value = 0;
    std::string text;
  };
  std::vector<FormattedValue> formatted_;
};

}  // namespace sluice

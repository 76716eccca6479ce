// The ODBC writer: column-wise parameter arrays with explicit SQL types, autocommit off,
// a savepoint per chunk, and bisection of a failed chunk so its good rows still land and
// each bad row is refused with the database's own message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_row_inserter.h"
#include "pipeline/sink.h"

namespace sluice {

struct OdbcSinkOptions {
  std::string connection;  // secrets inside: print only MaskConnectionString(connection)
  std::string table;
  WriteMode mode = WriteMode::kAppend;
  std::vector<std::string> key;  // mode upsert: the columns that identify a row
  CreateMode create = CreateMode::kIfMissing;
  size_t paramset_size = 1000;  // rows per SQLExecute
};

class OdbcSink : public Sink {
 public:
  explicit OdbcSink(OdbcSinkOptions options);
  ~OdbcSink() override;

  void Open(const Schema& schema) override;
  void Begin() override {}  // autocommit is off: every statement is inside a transaction
  WriteResult Write(const Batch& batch) override;
  void Commit(const Checkpoint& cp) override;
  void Rollback() override;
  void Close() override;
  void WriteRejects(const std::string& table, const std::string& run_id, const std::string& job,
                    const std::vector<RejectRow>& rows) override;

 private:
  // Executes rows[lo, hi) under a savepoint; on a row-level error bisects.
  void WriteRange(const Batch& batch, const std::vector<uint32_t>& rows, size_t lo, size_t hi,
                  WriteResult& result);
  void BindAndExecute(const Batch& batch, const std::vector<uint32_t>& rows, size_t lo, size_t hi);
  // The statement each row goes through: an insert, or an upsert on the key.
  std::string InsertSql() const;
  // Throws RunError unless the key is the table's primary key or a unique index.
  void RequireUniqueKey();

  OdbcSinkOptions options_;
  Dialect dialect_;
  std::string masked_;
  Schema schema_;
  std::unique_ptr<OdbcConnection> connection_;
  std::unique_ptr<OdbcStatement> insert_;
  std::unique_ptr<OdbcRowInserter> rejects_;
  bool replace_pending_ = false;
  // Bind buffers, reused across chunks.
  std::vector<std::vector<char>> text_buffers_;
  std::vector<std::vector<int64_t>> int_buffers_;
  std::vector<std::vector<double>> double_buffers_;
  std::vector<std::vector<SQLLEN>> indicators_;
  std::string format_scratch_;
};

}  // namespace sluice

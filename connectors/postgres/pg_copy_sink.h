// The native PostgreSQL writer: libpq COPY FROM STDIN in binary (10-15x faster than psqlODBC,
// research/writer-paths.md), held to OdbcSink's semantics: one transaction per commit unit, a
// savepoint per chunk, and a failed chunk bisected until its bad rows are isolated and refused
// with the server's message while the rest still land.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/postgres/pg_copy_encoder.h"
#include "pipeline/sink.h"

namespace sluice {

struct PgCopySinkOptions {
  // ODBC-style ("Driver=PostgreSQL Unicode;Server=...;Port=...;Database=...;UID=...;PWD=..."),
  // the same string the ODBC path takes; secrets inside: print only MaskConnectionString.
  std::string connection;
  std::string table;
  WriteMode mode = WriteMode::kAppend;
  std::vector<std::string> key;  // mode upsert: the columns that identify a row
  CreateMode create = CreateMode::kIfMissing;
  size_t chunk_rows = 10000;  // rows per COPY, each under its own savepoint
  // Binary COPY when every target column has the type the binary encodings are for; text COPY
  // otherwise (a pre-existing table with, say, an integer or varchar(n) column), or when false.
  bool binary = true;
};

class PgCopySink : public Sink {
 public:
  explicit PgCopySink(PgCopySinkOptions options);
  ~PgCopySink() override;

  void Open(const Schema& schema) override;
  void Begin() override;
  WriteResult Write(const Batch& batch) override;
  void Commit(const Checkpoint& cp) override;
  void Rollback() override;
  void Close() override;
  void WriteRejects(const std::string& table, const std::string& run_id, const std::string& job,
                    const std::vector<RejectRow>& rows) override;

  // The format Open chose for the target table (for tests and the run log).
  PgCopyFormat format() const { return format_; }

 private:
  // Copies rows[lo, hi) under a savepoint; on a row-level error bisects.
  void WriteRange(const std::vector<Column>& columns, const std::vector<uint32_t>& rows, size_t lo,
                  size_t hi, WriteResult& result);
  // One COPY of rows[lo, hi) of `columns` into the target (or another table's statement).
  void Copy(const std::string& statement, PgCopyFormat format, const std::vector<Column>& columns,
            const std::vector<uint32_t>& rows, size_t lo, size_t hi, const std::string& doing);
  // Writes the job's checkpoint row in the transaction about to commit, so it commits with
  // the rows it covers.
  void StoreCheckpoint(const Checkpoint& cp);
  // Upsert: moves the staged rows into the target, the last row of a key winning.
  void Merge();
  bool TableExists(const std::string& table);
  // Binary when every column of `schema` exists in `table` with the type binary COPY writes.
  PgCopyFormat ChooseFormat(const std::string& table, const Schema& schema);
  std::string CopyStatement(const std::string& table, const Schema& schema,
                            PgCopyFormat format) const;

  PgCopySinkOptions options_;
  Dialect dialect_{DialectKind::kPostgres};
  std::string masked_;
  Schema schema_;
  std::unique_ptr<PgConnection> connection_;
  bool in_transaction_ = false;
  PgCopyFormat format_ = PgCopyFormat::kBinary;
  std::string copy_;   // COPY statement into the target (upsert: into the staging table)
  std::string merge_;  // upsert: the staging table into the target; empty otherwise
  PgCopyEncoder encoder_;
  std::string rejects_table_, rejects_copy_;
  PgCopyFormat rejects_format_ = PgCopyFormat::kBinary;
};

}  // namespace sluice

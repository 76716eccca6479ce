// A sink writes batches inside a transaction it owns; Commit stores the checkpoint with the
// rows it covers, so a crash never loses or repeats a row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/source.h"

namespace sluice {

// How a database target treats the rows already in its table. Upsert updates the row with
// the same key (the sink's `key` columns) and inserts the others.
enum class WriteMode { kAppend, kReplace, kUpsert };
// Whether a missing table is created from the target schema.
enum class CreateMode { kNever, kIfMissing, kAlways };

// Where a job stands in its target: stored with the rows it covers, read back by --resume.
struct Checkpoint {
  std::string job;
  std::string partition;  // empty for a one-table job
  std::string run_id;
  SourcePosition position;
  uint64_t rows_read = 0;       // source rows consumed, by every run of this load
  uint64_t rows_committed = 0;  // by every run of this load, resumed ones included
  uint64_t rejects_bytes = 0;   // the rejects file's size at this commit
  bool finished = false;        // the final commit of the load
  std::string updated_at;       // as read back (UTC)
};

struct WriteResult {
  uint64_t rows_written = 0;
  // Rows the database refused, with its message; they join the batch's rejections.
  std::vector<Rejection> refused;
};

// One refused row as a rejects table stores it.
struct RejectRow {
  std::string source;
  uint64_t line = 0, byte_offset = 0;
  std::string column, rule, reason, record;
};

// The columns of a rejects table, the same in every database.
Schema RejectTableSchema();

class Sink {
 public:
  virtual ~Sink() = default;
  // Connects, creates or truncates the table as the mode says; the schema is the target's.
  virtual void Open(const Schema& schema) = 0;
  virtual void Begin() = 0;
  // Writes the rows of `batch` whose state is kKeep.
  virtual WriteResult Write(const Batch& batch) = 0;
  virtual void Commit(const Checkpoint& cp) = 0;
  virtual void Rollback() = 0;
  // Releases the connection; called after the last Commit or Rollback.
  virtual void Close() = 0;
  // Stores refused rows in `table` of the target (created when missing) inside the current
  // transaction, so they commit or roll back with the good rows.
  virtual void WriteRejects(const std::string& table, const std::string& run_id,
                            const std::string& job, const std::vector<RejectRow>& rows);

  // Called before Open when this run continues an interrupted one: replace mode must not
  // empty the table again, nor create: always drop it.
  void ContinueEarlierRun() { continuing_ = true; }
  // Called before Open with the job's name: a database sink then holds the job's lock in its
  // session (connectors/odbc/job_lock.h) until it closes.
  void HoldJobLock(std::string job) { locked_job_ = std::move(job); }

 protected:
  bool continuing_ = false;
  std::string locked_job_;  // empty: take no lock
};

}  // namespace sluice

// The transaction of a file target, shared by the CSV and JSON writers: rows go to an
// AtomicOutputFile, commits only flush it, and the file appears under its final name when the
// run ends with a Commit. A file cannot hold a checkpoint, so a rerun rewrites it whole.
#pragma once

#include <memory>
#include <string>

#include "connectors/file/atomic_output_file.h"
#include "connectors/file/file_sink_options.h"
#include "pipeline/sink.h"

namespace sluice {

class FileSink : public Sink {
 public:
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  // Creates the temporary file and writes the header.
  void Open(const Schema& schema) override;
  void Begin() override;
  // Hands the rows written so far to the kernel; the file stays hidden until Close().
  void Commit(const Checkpoint& cp) override;
  // Deletes the temporary file: the final path keeps what it held before the run.
  void Rollback() override;
  // Writes the trailer and renames the file onto its final path when the last call before
  // this one was a Commit and no Rollback happened; otherwise deletes it like Rollback.
  void Close() override;

 protected:
  explicit FileSink(const FileTargetOptions& options) : target_(options) {}

  // Prepares what the rows of `schema` need and appends the header (if any) to `out`.
  virtual void StartFile(const Schema& schema, std::string& out) = 0;
  // Appends the trailer (if any) of a file about to be finished.
  virtual void EndFile(std::string& out) { (void)out; }
  // The open file a batch is written to; throws RunError when the sink is not open or the
  // batch lacks some of the schema's columns.
  AtomicOutputFile& FileFor(const Batch& batch);
  const Schema& schema() const { return schema_; }

 private:
  FileTargetOptions target_;
  Schema schema_;
  std::unique_ptr<AtomicOutputFile> file_;
  bool commit_was_last_ = false;
  bool rolled_back_ = false;
};

}  // namespace sluice

// FileSink: when a file target's output becomes visible (only at a successful end).
#include "connectors/file/file_sink.h"

#include "pipeline/errors.h"

namespace sluice {

void FileSink::Open(const Schema& schema) {
  if (file_) throw RunError("output file " + target_.path + ": opened twice");
  schema_ = schema;
  file_ = std::make_unique<AtomicOutputFile>(
      target_.path, AtomicOutputFile::Options{target_.gzip_level, target_.buffer_bytes});
  rolled_back_ = false;
  commit_was_last_ = false;
  StartFile(schema_, file_->buffer());
  file_->WriteIfFull();
}

void FileSink::Begin() { commit_was_last_ = false; }

AtomicOutputFile& FileSink::FileFor(const Batch& batch) {
  if (!file_ || rolled_back_) {
    throw RunError("output file " + target_.path + ": written while not open");
  }
  if (batch.columns.size() < schema_.size()) {
    throw RunError("output file " + target_.path + ": a batch has " +
                   std::to_string(batch.columns.size()) + " columns, the target " +
                   std::to_string(schema_.size()));
  }
  commit_was_last_ = false;
  return *file_;
}

void FileSink::Commit(const Checkpoint&) {
  if (!file_ || rolled_back_) {
    throw RunError("output file " + target_.path + ": committed while not open");
  }
  file_->Flush();
  commit_was_last_ = true;
}

void FileSink::Rollback() {
  rolled_back_ = true;
  commit_was_last_ = false;
  if (file_) file_->Abandon();
}

void FileSink::Close() {
  // Whatever happens below, the file object dies here and with it any temporary file.
  std::unique_ptr<AtomicOutputFile> file = std::move(file_);
  if (!file || !commit_was_last_ || rolled_back_) return;
  EndFile(file->buffer());
  file->Finish();
}

}  // namespace sluice

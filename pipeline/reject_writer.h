// The rejects output: one record per refusal (NDJSON or CSV), with where the row came from,
// why, and the record as read. The file is created with mode 0600: it holds the user's data.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "pipeline/batch.h"

namespace sluice {

enum class RejectFormat { kNdjson, kCsv };

class RejectWriter {
 public:
  // Creates (truncates) the file; with `continue_at`, keeps its first `continue_at` bytes
  // instead: what an interrupted run had committed, so a resumed run writes no refusal twice.
  RejectWriter(std::string path, std::string job, std::string run_id,
               RejectFormat format = RejectFormat::kNdjson,
               std::optional<uint64_t> continue_at = std::nullopt);
  ~RejectWriter();
  RejectWriter(const RejectWriter&) = delete;
  RejectWriter& operator=(const RejectWriter&) = delete;

  // Writes every rejection of the batch and the rows the database refused, in source order.
  void Write(const Batch& batch, const std::vector<Rejection>& refused);
  // Makes what was written durable (called before the sink commits).
  void Flush();
  // The file's size after the last Flush, stored with each checkpoint.
  uint64_t FlushedBytes() const { return flushed_bytes_; }
  const std::string& path() const { return path_; }

 private:
  void AppendNdjson(const Batch& batch, const Rejection& r);
  void AppendCsv(const Batch& batch, const Rejection& r);

  std::string path_, job_, run_id_;
  RejectFormat format_;
  FILE* file_ = nullptr;
  std::string buffer_;
  uint64_t flushed_bytes_ = 0;
};

}  // namespace sluice

// The rejects output: one NDJSON record per refusal, with where the row came from, why, and
// the record as read. The file is created with mode 0600: it holds the user's data.
#pragma once

#include <cstdio>
#include <string>

#include "pipeline/batch.h"

namespace sluice {

class RejectWriter {
 public:
  RejectWriter(std::string path, std::string job, std::string run_id);
  ~RejectWriter();
  RejectWriter(const RejectWriter&) = delete;
  RejectWriter& operator=(const RejectWriter&) = delete;

  // Writes every rejection of the batch and the rows the database refused, in source order.
  void Write(const Batch& batch, const std::vector<Rejection>& refused);
  // Makes what was written durable (called before the sink commits).
  void Flush();
  const std::string& path() const { return path_; }

 private:
  std::string path_, job_, run_id_;
  FILE* file_ = nullptr;
  std::string buffer_;
};

}  // namespace sluice

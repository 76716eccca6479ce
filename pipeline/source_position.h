// Where a source stands: what a checkpoint stores and `--resume` seeks back to.
#pragma once

#include <cstdint>
#include <string>

namespace sluice {

struct SourcePosition {
  uint64_t byte_offset = 0;  // files: the next unread byte
  uint64_t line = 0;         // files: physical lines consumed so far; databases: rows read
  std::string key;           // databases: the last key read; several files: the current file

  bool operator==(const SourcePosition&) const = default;
};

// For a database reader that resumes after the last key it read: throws RunError, naming
// `source`, when `at` is not the start and the reader cannot continue from it (it has no key,
// or the checkpoint holds none).
void RequireResumableByKey(const SourcePosition& at, const std::string& source, bool has_key,
                           bool is_query);

}  // namespace sluice

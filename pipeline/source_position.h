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

}  // namespace sluice

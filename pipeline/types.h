// Logical column types of a Batch and their parsing from job-file type names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

enum class TypeId : uint8_t {
  kText,       // UTF-8 bytes, stored as views into the batch arena
  kInteger,    // int64
  kDouble,     // IEEE double
  kDecimal,    // int64 scaled by 10^scale (exact; precision <= 18)
  kBoolean,    // int64 0 / 1
  kDate,       // int64 days since 1970-01-01
  kTimestamp,  // int64 microseconds since 1970-01-01T00:00:00 (UTC or naive)
};

struct DataType {
  TypeId id = TypeId::kText;
  int precision = 0;  // decimal only
  int scale = 0;      // decimal only

  bool operator==(const DataType&) const = default;
  bool IsText() const { return id == TypeId::kText; }
  // The spelling a user writes in a job file ("decimal(18,2)", "timestamp", ...).
  std::string ToString() const;
};

// Parses "text", "integer", "bigint", "double", "decimal(18,2)", "boolean", "date", "timestamp".
// Returns nullopt for an unknown name so the caller can report it with the job-file location.
std::optional<DataType> ParseDataType(std::string_view name);

}  // namespace sluice

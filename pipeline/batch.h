// The unit that flows through the graph: a few thousand rows stored by column, where each row
// came from, and the verdicts (rejections) reached on its rows so far.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/arena.h"
#include "pipeline/schema.h"
#include "pipeline/source_position.h"
#include "pipeline/types.h"

namespace sluice {

// One column: typed values and null flags. Text lives in `text` (views into the batch arena);
// every other type lives in `ints` (see TypeId) or `doubles`.
struct Column {
  DataType type;
  std::vector<std::string_view> text;
  std::vector<int64_t> ints;
  std::vector<double> doubles;
  std::vector<uint8_t> is_null;

  size_t size() const { return is_null.size(); }
  bool IsNull(size_t row) const { return is_null[row] != 0; }
  void Clear();
  void Reserve(size_t rows);
  // Appends one value of the column's storage class.
  void AppendNull();
  void AppendText(std::string_view v);
  void AppendInt(int64_t v);
  void AppendDouble(double v);
  // Re-types the column; values must be rewritten by the caller.
  void Retype(DataType t);
};

// Where a row came from, so a rejected row can always be found again.
struct RowOrigin {
  uint64_t line = 0;         // 1-based physical line of the record's first byte
  uint64_t byte_offset = 0;  // offset of the record's first byte in its file
};

// What happened to a row.
enum class RowState : uint8_t { kKeep, kFiltered, kRejected };

// One reason a row was refused (a row may collect several).
struct Rejection {
  uint32_t row = 0;
  std::string column;
  std::string rule;
  std::string reason;
};

struct Batch {
  uint64_t sequence = 0;    // gap-free from 0, restores source order before the writer
  std::string source_name;  // file path or table the rows came from
  Schema schema;
  std::vector<Column> columns;
  std::vector<RowOrigin> origins;
  std::vector<std::string_view> raw_records;  // the record as read, for the rejects output
  std::vector<RowState> states;
  std::vector<Rejection> rejections;
  // Where the source stands after this batch (checkpoints, --resume); set by the reader.
  SourcePosition end_position;
  StringArena arena;

  size_t num_rows() const { return states.size(); }
  size_t CountState(RowState s) const;
  void Reject(uint32_t row, std::string column, std::string rule, std::string reason);
  // Empties the batch for reuse, keeping the arena's first block.
  void Clear();
};

}  // namespace sluice

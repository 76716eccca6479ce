// Rows of a batch as COPY FROM STDIN data, in PostgreSQL's binary format (each value in the
// server's own representation: nothing to parse on its side) or its text format (for tables
// whose column types differ from what the binary encodings assume). One buffer is reused for
// every row, so encoding allocates nothing once it has grown.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/batch.h"

namespace sluice {

enum class PgCopyFormat { kBinary, kText };

// The server type each logical type is written as in binary: text, int8, float8, numeric,
// bool, date, timestamp. Text is written as "1"/"0" for booleans, canonical decimals, ISO
// dates and timestamps, and shortest round-trip doubles.
class PgCopyEncoder {
 public:
  // Empties the buffer and, in binary, writes the header.
  void Start(PgCopyFormat format);
  // Appends one row made of `row` of every column.
  void AddRow(const std::vector<Column>& columns, uint32_t row);
  // In binary, writes the trailer.
  void Finish();

  const char* data() const { return buffer_.data(); }
  size_t size() const { return size_; }
  // Forgets what was sent, keeping the buffer's memory (and the format).
  void Clear() { size_ = 0; }

 private:
  // Makes room for `n` more bytes and returns where they go.
  char* Grow(size_t n);
  void AppendBinaryValue(const Column& column, uint32_t row);
  void AppendTextValue(const Column& column, uint32_t row);
  // The numeric binary representation of a decimal scaled by 10^scale, length included.
  void AppendNumeric(int64_t scaled, int scale);

  PgCopyFormat format_ = PgCopyFormat::kBinary;
  std::vector<char> buffer_;
  size_t size_ = 0;
  std::string scratch_;  // FormatInt's output, reused
};

}  // namespace sluice

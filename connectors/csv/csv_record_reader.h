// Cuts a CSV file into whole records (a quoted field may hold newlines) and says where each
// one starts: 1-based physical line and byte offset, exact enough to resume from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "connectors/csv/csv_options.h"
#include "connectors/file/byte_reader.h"

namespace sluice {

struct CsvRecord {
  static constexpr size_t kNoNul = static_cast<size_t>(-1);

  // The record's bytes without its line ending (LF or CRLF); newlines inside quotes stay.
  // Valid until the next CsvRecordReader::Next().
  std::string_view bytes;
  uint64_t line = 0;         // 1-based physical line of the first byte
  uint64_t byte_offset = 0;  // offset of the first byte in the file
  size_t nul_at = kNoNul;    // offset in `bytes` of the first NUL byte, if any
};

class CsvRecordReader {
 public:
  // Opens options.path ("-": standard input, a path ending in ".gz": decompressed); throws
  // RunError naming the path and the reason.
  explicit CsvRecordReader(const CsvOptions& options);
  CsvRecordReader(const CsvRecordReader&) = delete;
  CsvRecordReader& operator=(const CsvRecordReader&) = delete;

  // The next record, or false at the end of the file. A UTF-8 BOM at offset 0 is skipped.
  // Throws RunError on a read error or a record longer than options.max_record_bytes.
  bool Next(CsvRecord& out);

  // Where the next record starts, and the physical lines consumed before it.
  uint64_t NextOffset() const { return base_offset_ + begin_; }
  uint64_t LinesConsumed() const { return lines_; }

  // Continues at a record boundary that NextOffset()/LinesConsumed() reported earlier.
  void SeekTo(uint64_t byte_offset, uint64_t lines_consumed);

 private:
  // Keeps [begin_, end_) and appends at least one more byte; false at the end of the file.
  bool Fill();

  std::string path_;
  ByteReader reader_;
  char delimiter_;
  char quote_;
  size_t block_bytes_;
  size_t max_record_bytes_;

  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;          // first byte of the next record
  size_t end_ = 0;            // end of the bytes read
  uint64_t base_offset_ = 0;  // file offset of buffer_[0]
  uint64_t lines_ = 0;
  bool eof_ = false;
  bool at_file_start_ = true;
};

}  // namespace sluice

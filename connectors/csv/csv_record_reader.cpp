// Our own block reader, not fccp's io::LineReader: that one strips \r inside quoted fields, ends a
// line silently at a NUL byte, reports no byte offsets (so no --resume) and cannot seek.
#include "connectors/csv/csv_record_reader.h"

#include <algorithm>
#include <cstring>

#include "connectors/csv/csv_scan.h"
#include "pipeline/errors.h"

namespace sluice {

CsvRecordReader::CsvRecordReader(const CsvOptions& options)
    : path_(options.path),
      reader_(options.path, "CSV file"),
      delimiter_(options.delimiter),
      quote_(options.quote),
      block_bytes_(std::max<size_t>(options.read_block_bytes, 1)),
      max_record_bytes_(options.max_record_bytes) {
  capacity_ = 2 * block_bytes_;
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
}

bool CsvRecordReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    base_offset_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ > max_record_bytes_) {
    throw RunError(path_ + ":" + std::to_string(lines_ + 1) +
                   ": a record longer than max_record_bytes (" + std::to_string(max_record_bytes_) +
                   " bytes) starts here; most likely a quote that is never closed");
  }
  if (capacity_ - end_ < block_bytes_) {
    const size_t wanted =
        std::min(std::max(capacity_ * 2, end_ + block_bytes_), max_record_bytes_ + block_bytes_);
    auto grown = std::make_unique_for_overwrite<char[]>(wanted);
    std::memcpy(grown.get(), buffer_.get(), end_);
    buffer_ = std::move(grown);
    capacity_ = wanted;
  }
  const size_t n = reader_.Read(buffer_.get() + end_, capacity_ - end_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

bool CsvRecordReader::Next(CsvRecord& out) {
  if (at_file_start_) {
    while (end_ - begin_ < 3 && Fill()) {
    }
    if (end_ - begin_ >= 3 && std::memcmp(buffer_.get() + begin_, "\xEF\xBB\xBF", 3) == 0) {
      begin_ += 3;
    }
    at_file_start_ = false;
  }
  if (begin_ == end_ && !Fill()) return false;

  // Offsets are relative to begin_ because Fill() may move the bytes.
  size_t scan = 0;
  size_t nul_at = CsvRecord::kNoNul;
  uint64_t quoted_newlines = 0;
  bool quoted = false;
  size_t record_end = 0;  // relative, excludes the line ending
  size_t terminator = 0;  // bytes of the line ending consumed after record_end
  for (;;) {
    const char* base = buffer_.get() + begin_;
    const char* limit = buffer_.get() + end_;
    const char* p = FindFirstOf3(base + scan, limit, '\n', quote_, '\0');
    if (p == limit) {
      scan = static_cast<size_t>(limit - base);
      if (Fill()) continue;
      record_end = scan;
      break;
    }
    const size_t at = static_cast<size_t>(p - base);
    if (*p == '\n') {
      if (quoted) {
        ++quoted_newlines;
        scan = at + 1;
        continue;
      }
      record_end = at;
      terminator = 1;
      break;
    }
    if (*p == '\0') {
      if (nul_at == CsvRecord::kNoNul) nul_at = at;
      scan = at + 1;
      continue;
    }
    if (quoted) {
      if (p + 1 == limit) {
        // A quote as the last byte read: the next byte decides between "" and a closing quote.
        scan = at;
        if (Fill()) continue;
        quoted = false;
        scan = at + 1;
        continue;
      }
      if (p[1] == quote_) {
        scan = at + 2;
        continue;
      }
      quoted = false;
      scan = at + 1;
      continue;
    }
    // Outside quotes a quote opens a quoted field only at the start of a field, the same rule
    // the splitter applies; elsewhere it is data (or an error the splitter reports).
    if (at == 0 || p[-1] == delimiter_) quoted = true;
    scan = at + 1;
  }

  const char* base = buffer_.get() + begin_;
  size_t length = record_end;
  if (!quoted && length > 0 && base[length - 1] == '\r') --length;
  out.bytes = std::string_view(base, length);
  out.line = lines_ + 1;
  out.byte_offset = base_offset_ + begin_;
  out.nul_at = nul_at < length ? nul_at : CsvRecord::kNoNul;
  // The record's physical lines: its quoted newlines plus the line it ends on, unless it ends
  // at the end of the file right after a quoted newline (that line is already counted).
  const bool counts_last_line = terminator == 1 || (record_end > 0 && base[record_end - 1] != '\n');
  lines_ += quoted_newlines + (counts_last_line ? 1 : 0);
  begin_ += record_end + terminator;
  return true;
}

void CsvRecordReader::SeekTo(uint64_t byte_offset, uint64_t lines_consumed) {
  reader_.Seek(byte_offset);
  base_offset_ = byte_offset;
  begin_ = 0;
  end_ = 0;
  lines_ = lines_consumed;
  eof_ = false;
  at_file_start_ = byte_offset == 0;
}

}  // namespace sluice

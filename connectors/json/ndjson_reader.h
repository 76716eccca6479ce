// Reads NDJSON (one document per line) in large chunks of whole lines: simdjson's iterate_many
// walks a chunk in one pass, and whatever it cannot vouch for (a broken line, two documents on
// one line, a document spread over lines) is parsed again line by line, so every line is
// exactly one row, a broken one rejected, and the rest of the file still loads.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "connectors/file/read_window.h"
#include "connectors/json/json_rows.h"
#include "pipeline/batch.h"

namespace sluice {

class NdjsonReader {
 public:
  NdjsonReader(ReadWindow& window, JsonRowBuilder& rows, size_t chunk_bytes);
  // The document stream points into its own members.
  NdjsonReader(const NdjsonReader&) = delete;
  NdjsonReader& operator=(const NdjsonReader&) = delete;

  // Appends up to max_rows rows to `out`; returns how many (0 at the end).
  size_t Read(Batch& out, size_t max_rows);

  // Where the next line starts and the lines consumed before it.
  uint64_t NextOffset() const { return window_.offset() + cursor_; }
  uint64_t LinesConsumed() const { return lines_; }
  // Continues at a line start: the window has just been reset to it.
  void Restart(uint64_t lines_consumed);

 private:
  enum class Mode { kStream, kLines };
  enum class Step { kRow, kNone, kFallBack };

  // Consumes the finished chunk and finds the next: whole lines at the window's front.
  // Appends the row of a line too long to be held, when that is what comes next. false at the end.
  bool NextChunk(Batch& out, size_t& rows);
  // Reads and drops the rest of a line longer than max_document_bytes, then appends its row
  // (none for a blank line); true when it did.
  bool SkipOversizedLine(Batch& out);
  Step StreamStep(Batch& out);
  // Parses the line at cursor_ on its own; kNone for a blank line.
  Step LineStep(Batch& out, bool& rejected);
  void StartStream();

  ReadWindow& window_;
  JsonRowBuilder& rows_;
  size_t chunk_bytes_;
  size_t stream_batch_bytes_;

  size_t cursor_ = 0;     // next unread byte, relative to window_.data()
  size_t chunk_end_ = 0;  // end of the whole lines held
  uint64_t lines_ = 0;

  Mode mode_ = Mode::kStream;
  int restarts_left_ = 0;
  simdjson::ondemand::parser stream_parser_;
  simdjson::ondemand::document_stream stream_;
  simdjson::ondemand::document_stream::iterator it_;
  bool stream_active_ = false;
  size_t stream_base_ = 0;  // where the stream's input starts, relative to window_.data()
  std::string oversized_prefix_;
};

}  // namespace sluice

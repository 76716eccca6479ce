// NdjsonReader: the fast path trusts iterate_many only while every document it yields starts a
// line and ends on it; anything else sends the rest of the chunk to the line-by-line path, which
// is exact by construction. After a rejected line the fast path gets a few more chances.
#include "connectors/json/ndjson_reader.h"

#include <algorithm>
#include <cstring>

namespace sluice {
namespace {

// Fresh iterate_many passes per chunk after a rejected line; beyond them the chunk ends line by
// line, so a file of many broken lines costs no more than parsing each line on its own.
constexpr int kStreamRestarts = 4;
constexpr char kBom[] = "\xEF\xBB\xBF";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool IsBlank(std::string_view line) { return std::all_of(line.begin(), line.end(), IsSpace); }

}  // namespace

NdjsonReader::NdjsonReader(ReadWindow& window, JsonRowBuilder& rows, size_t chunk_bytes)
    : window_(window),
      rows_(rows),
      chunk_bytes_(chunk_bytes),
      stream_batch_bytes_(std::max<size_t>(2 * chunk_bytes, 64 * 1024)) {
#ifdef SIMDJSON_THREADS_ENABLED
  // One window per chunk: a stage 1 thread would only add a thread per file.
  stream_parser_.threaded = false;
#endif
}

void NdjsonReader::Restart(uint64_t lines_consumed) {
  cursor_ = 0;
  chunk_end_ = 0;
  lines_ = lines_consumed;
  stream_active_ = false;
  mode_ = Mode::kStream;
}

size_t NdjsonReader::Read(Batch& out, size_t max_rows) {
  size_t rows = 0;
  while (rows < max_rows) {
    if (cursor_ >= chunk_end_) {
      if (!NextChunk(out, rows)) break;
      continue;
    }
    if (mode_ == Mode::kStream) {
      if (!stream_active_) StartStream();
      if (stream_active_) {
        const Step step = StreamStep(out);
        if (step == Step::kRow) ++rows;
        if (step != Step::kFallBack) continue;
        stream_active_ = false;
      }
      mode_ = Mode::kLines;
    }
    bool rejected = false;
    if (LineStep(out, rejected) == Step::kRow) {
      ++rows;
      if (rejected && restarts_left_ > 0) {
        --restarts_left_;
        mode_ = Mode::kStream;
      }
    }
  }
  return rows;
}

bool NdjsonReader::NextChunk(Batch& out, size_t& rows) {
  window_.Consume(chunk_end_);
  cursor_ = 0;
  chunk_end_ = 0;
  stream_active_ = false;
  mode_ = Mode::kStream;
  restarts_left_ = kStreamRestarts;
  window_.ShrinkIfLarge();
  if (window_.offset() == 0) {
    while (window_.size() < 3 && window_.Fill()) {
    }
    if (window_.size() >= 3 && std::memcmp(window_.data(), kBom, 3) == 0) window_.Consume(3);
  }
  size_t scanned = 0;  // bytes known to hold no newline
  for (;;) {
    if (!window_.at_eof() && window_.size() < chunk_bytes_) {
      window_.Fill();
      continue;
    }
    const char* data = window_.data();
    const size_t size = window_.size();
    if (size > scanned) {
      const void* newline = memrchr(data + scanned, '\n', size - scanned);
      if (newline != nullptr) {
        chunk_end_ = static_cast<size_t>(static_cast<const char*>(newline) - data) + 1;
        break;
      }
    }
    if (window_.at_eof()) {
      chunk_end_ = size;
      break;
    }
    scanned = size;
    // One partial line fills the window; +1: its '\r' is not part of the document.
    if (size > rows_.max_document_bytes() + 1) {
      if (SkipOversizedLine(out)) ++rows;
      return true;
    }
    window_.Fill();
  }
  return chunk_end_ > 0;
}

bool NdjsonReader::SkipOversizedLine(Batch& out) {
  const RowOrigin origin{lines_ + 1, window_.offset()};
  oversized_prefix_.clear();
  uint64_t length = 0;
  char last = '\0';
  bool blank = true;  // a line of nothing but spaces is skipped, however long
  for (;;) {
    const char* data = window_.data();
    const size_t size = window_.size();
    const auto* newline = static_cast<const char*>(std::memchr(data, '\n', size));
    const size_t n = newline != nullptr ? static_cast<size_t>(newline - data) : size;
    const size_t keep = std::min(n, JsonRowBuilder::kOversizedPrefix - oversized_prefix_.size());
    oversized_prefix_.append(data, keep);
    blank = blank && IsBlank(std::string_view(data, n));
    length += n;
    if (n > 0) last = data[n - 1];
    if (newline != nullptr) {
      window_.Consume(n + 1);
      break;
    }
    window_.Consume(size);
    if (!window_.Fill()) break;
  }
  if (last == '\r') --length;  // the line ending is not part of the document
  if (oversized_prefix_.size() > length) oversized_prefix_.resize(length);
  ++lines_;
  if (blank) return false;
  rows_.AppendOversized(out, oversized_prefix_, length, true, origin);
  return true;
}

void NdjsonReader::StartStream() {
  stream_base_ = cursor_;
  stream_active_ = false;
  if (stream_parser_
          .iterate_many(window_.data() + cursor_, chunk_end_ - cursor_, stream_batch_bytes_)
          .get(stream_)) {
    return;
  }
  it_ = stream_.begin();
  stream_active_ = true;
}

NdjsonReader::Step NdjsonReader::StreamStep(Batch& out) {
  if (!(it_ != stream_.end())) return Step::kFallBack;
  simdjson::ondemand::document_reference doc;
  if ((*it_).get(doc)) return Step::kFallBack;
  const char* data = window_.data();
  // The first document's index is where the stream's input starts, blank lines included.
  size_t doc_start = stream_base_ + it_.current_index();
  while (doc_start < chunk_end_ && (IsSpace(data[doc_start]) || data[doc_start] == '\n')) {
    ++doc_start;
  }
  // The rest of a line already taken (its row says why: two documents on one line).
  if (doc_start < cursor_) {
    ++it_;
    return Step::kNone;
  }
  if (doc_start >= chunk_end_) return Step::kFallBack;
  // Only blank lines may lie between the last line taken and this document.
  uint64_t lines = lines_;
  size_t line_start = cursor_;
  for (size_t i = cursor_; i < doc_start; ++i) {
    if (data[i] == '\n') {
      ++lines;
      line_start = i + 1;
    } else if (!IsSpace(data[i])) {
      return Step::kFallBack;
    }
  }
  const auto* newline =
      static_cast<const char*>(std::memchr(data + doc_start, '\n', chunk_end_ - doc_start));
  const size_t line_end = newline != nullptr ? static_cast<size_t>(newline - data) : chunk_end_;
  const size_t next = newline != nullptr ? line_end + 1 : chunk_end_;
  size_t content_end = line_end;
  if (content_end > line_start && data[content_end - 1] == '\r') --content_end;
  const std::string_view line(data + line_start, content_end - line_start);
  const RowOrigin origin{lines + 1, window_.offset() + line_start};

  if (line.size() > rows_.max_document_bytes()) {
    lines_ = lines + 1;
    cursor_ = next;
    rows_.AppendOversized(out, line, line.size(), true, origin);
    ++it_;
    return Step::kRow;
  }
  // Not an object: the line on its own says why (the stream may not have checked all of it).
  if (data[doc_start] != '{') return Step::kFallBack;
  const std::string_view source = it_.source();
  const auto doc_end = static_cast<size_t>(source.data() + source.size() - data);
  if (doc_end > content_end) return Step::kFallBack;
  for (size_t i = doc_end; i < content_end; ++i) {
    if (!IsSpace(data[i])) return Step::kFallBack;
  }
  simdjson::ondemand::object root;
  if (doc.get_object().get(root) || !rows_.walker().Walk(root, data + doc_end))
    return Step::kFallBack;
  lines_ = lines + 1;
  cursor_ = next;
  rows_.AppendWalked(out, line, origin);
  ++it_;
  return Step::kRow;
}

NdjsonReader::Step NdjsonReader::LineStep(Batch& out, bool& rejected) {
  const char* data = window_.data();
  const size_t start = cursor_;
  const auto* newline =
      static_cast<const char*>(std::memchr(data + start, '\n', chunk_end_ - start));
  const size_t line_end = newline != nullptr ? static_cast<size_t>(newline - data) : chunk_end_;
  size_t content_end = line_end;
  if (content_end > start && data[content_end - 1] == '\r') --content_end;
  cursor_ = newline != nullptr ? line_end + 1 : chunk_end_;
  ++lines_;
  const std::string_view line(data + start, content_end - start);
  if (IsBlank(line)) return Step::kNone;
  const RowOrigin origin{lines_, window_.offset() + start};
  rejected = !rows_.ParseAndAppend(out, line, window_.capacity_from_data() - start, origin,
                                   TextPosition{lines_, 1});
  return Step::kRow;
}

}  // namespace sluice

// JsonArrayReader: a small state machine over the array's punctuation; the elements themselves
// go to JsonRowBuilder, which parses each with On-Demand.
#include "connectors/json/json_array_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "pipeline/errors.h"

namespace sluice {
namespace {

constexpr std::string_view kUnclosed = "the file ends before the array's closing ']'";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimRight(const char* data, size_t size) {
  while (size > 0 && IsSpace(data[size - 1])) --size;
  return {data, size};
}

}  // namespace

JsonArrayReader::JsonArrayReader(ReadWindow& window, JsonRowBuilder& rows, std::string path)
    : window_(window), rows_(rows), path_(std::move(path)) {}

void JsonArrayReader::Restart(uint64_t offset, uint64_t lines, uint64_t line_start) {
  lines_ = lines;
  line_start_ = line_start;
  resume_offset_ = offset;
  resume_lines_ = lines;
  state_ = offset == 0 ? State::kStart : State::kResume;
}

TextPosition JsonArrayReader::Here() const {
  return {lines_ + 1, window_.offset() - line_start_ + 1};
}

bool JsonArrayReader::SkipSpace() {
  for (;;) {
    const char* data = window_.data();
    const size_t size = window_.size();
    size_t i = 0;
    while (i < size && IsSpace(data[i])) {
      if (data[i] == '\n') {
        ++lines_;
        line_start_ = window_.offset() + i + 1;
      }
      ++i;
    }
    window_.Consume(i);
    if (i < size) return true;
    if (!window_.Fill()) return false;
  }
}

void JsonArrayReader::Open() {
  if (window_.offset() == 0) {
    while (window_.size() < 3 && window_.Fill()) {
    }
    if (window_.size() >= 3 && std::memcmp(window_.data(), "\xEF\xBB\xBF", 3) == 0) {
      window_.Consume(3);
    }
  }
  if (!SkipSpace()) {
    state_ = State::kFinished;  // an empty file holds no documents
    return;
  }
  if (window_.data()[0] != '[') {
    throw RunError(path_ + ":" + std::to_string(lines_ + 1) + ": expected '[' at " +
                   FormatPosition(Here()) +
                   " to open the array of documents (format: array); use format: ndjson for "
                   "one document per line");
  }
  window_.Consume(1);
  state_ = State::kFirst;
}

size_t JsonArrayReader::Read(Batch& out, size_t max_rows) {
  size_t rows = 0;
  while (rows < max_rows && state_ != State::kFinished) {
    const size_t rows_before = out.num_rows();
    switch (state_) {
      case State::kStart:
        Open();
        break;
      case State::kFirst:
      case State::kExpect: {
        if (!SkipSpace()) {
          rows_.AppendRejected(out, "", HereOrigin(), "", std::string(kUnclosed));
          state_ = State::kFinished;
          break;
        }
        const char c = window_.data()[0];
        if (c == ']' && state_ == State::kFirst) {
          window_.Consume(1);
          state_ = State::kEnd;
        } else if (c == ']' || c == ',') {
          // Left in place: the next state reads it as the separator after this empty element.
          rows_.AppendRejected(out, "", HereOrigin(), "",
                               std::string("empty array element before the '") + c + "' at " +
                                   FormatPosition(Here()));
          state_ = State::kAfter;
        } else {
          if (!ReadElement(out, false, rows == 0 ? max_rows + 1 : max_rows - rows)) return rows;
        }
        break;
      }
      case State::kResume:
        // After an element, here or in an earlier run. Whitespace next means the element broke
        // off before a newline inside a string, so its ',' may be lost: none is required.
        if (window_.size() == 0 && !window_.Fill()) {
          state_ = State::kFinished;  // resumed at the end: nothing left, not even a report
        } else {
          const char c = window_.data()[0];
          state_ =
              c == ' ' || c == '\t' || c == '\r' || c == '\n' ? State::kAfterBroken : State::kAfter;
        }
        break;
      case State::kAfter:
      case State::kAfterBroken: {
        if (!SkipSpace()) {
          rows_.AppendRejected(out, "", HereOrigin(), "", std::string(kUnclosed));
          state_ = State::kFinished;
          break;
        }
        const char c = window_.data()[0];
        if (c == ',') {
          window_.Consume(1);
          state_ = State::kExpect;
        } else if (c == ']') {
          window_.Consume(1);
          state_ = State::kEnd;
        } else {
          if (!ReadElement(out, state_ == State::kAfter,
                           rows == 0 ? max_rows + 1 : max_rows - rows)) {
            return rows;
          }
        }
        break;
      }
      case State::kEnd:
        if (SkipSpace()) RejectRest(out);
        state_ = State::kFinished;
        break;
      case State::kFinished:
        break;
    }
    if (out.num_rows() > rows_before) {
      ++rows;
      resume_offset_ = window_.offset();
      resume_lines_ = lines_;
    }
  }
  if (state_ == State::kFinished) {
    resume_offset_ = window_.offset();
    resume_lines_ = lines_;
  }
  return rows;
}

bool JsonArrayReader::ReadElement(Batch& out, bool missing_comma, size_t room) {
  const TextPosition start = Here();
  const RowOrigin origin = HereOrigin();
  scanner_.Reset();
  size_t scanned = 0;
  uint64_t dropped = 0;  // bytes of an oversized element already let go
  size_t end = 0;
  ElementScanner::End how;
  bool at_eof = false;
  for (;;) {
    how = scanner_.Scan(window_.data(), scanned, window_.size(), window_.offset(), end);
    if (how != ElementScanner::End::kMore) break;
    scanned = window_.size();
    if (dropped + scanned > rows_.max_document_bytes()) {
      if (dropped == 0) oversized_prefix_.clear();
      oversized_prefix_.append(window_.data(), std::min(scanned, JsonRowBuilder::kOversizedPrefix -
                                                                     oversized_prefix_.size()));
      dropped += scanned;
      window_.Consume(scanned);
      scanned = 0;
    }
    if (!window_.Fill()) {
      at_eof = true;
      end = window_.size();
      break;
    }
  }
  const bool unclosed_after = at_eof && scanner_.complete();
  if (unclosed_after && dropped == 0 && room < 2) return false;
  const uint64_t line_start_before = line_start_;
  lines_ += scanner_.newlines();
  if (scanner_.newlines() > 0) line_start_ = scanner_.last_newline_offset() + 1;

  // The size limit counts an element's bytes up to its separator, trailing whitespace too:
  // an element dropped while read cannot tell where its whitespace began.
  const std::string_view span(window_.data(), end);
  const std::string_view element = TrimRight(span.data(), span.size());
  if (dropped > 0) {
    oversized_prefix_.append(span.data(), std::min(span.size(), JsonRowBuilder::kOversizedPrefix -
                                                                    oversized_prefix_.size()));
    rows_.AppendOversized(out, oversized_prefix_, dropped + span.size(), true, origin);
    if (at_eof) {
      // Its bytes are gone: the array's missing ']' is said here rather than in a row after.
      out.rejections.back().reason += "; the file ends before the array's closing ']'";
      window_.Consume(end);
      state_ = State::kFinished;
      return true;
    }
  } else if (span.size() > rows_.max_document_bytes()) {
    rows_.AppendOversized(out, span, span.size(), true, origin);
  } else if (missing_comma && element[0] == '{') {
    rows_.AppendRejected(out, element, origin, "",
                         "missing ',' before this array element at " + FormatPosition(start));
  } else {
    rows_.ParseAndAppend(out, element, window_.capacity_from_data(), origin, start);
  }
  if (at_eof) {
    // A whole element may stand before a missing ']', reported next (kAfter finds the end of
    // the file); a cut one says the rest itself. The whitespace after a whole one stays, so a
    // resume here (kResume) still finds the ']' missing, unless the element ends the file.
    if (unclosed_after) {
      lines_ -= static_cast<uint64_t>(std::count(element.end(), span.end(), '\n'));
      const size_t newline = element.rfind('\n');
      line_start_ =
          newline != std::string_view::npos ? window_.offset() + newline + 1 : line_start_before;
    }
    window_.Consume(unclosed_after ? element.size() : end);
    state_ = unclosed_after ? State::kAfter : State::kFinished;
  } else {
    window_.Consume(end);
    // Decided by the next byte, exactly as when resuming here (see kResume): a whole element
    // ends with its whitespace, a broken one before a newline or a closing bracket.
    state_ = State::kResume;
  }
  return true;
}

void JsonArrayReader::RejectRest(Batch& out) {
  const TextPosition start = Here();
  const RowOrigin origin = HereOrigin();
  oversized_prefix_.clear();
  do {
    const char* data = window_.data();
    oversized_prefix_.append(data, std::min(window_.size(), JsonRowBuilder::kOversizedPrefix -
                                                                oversized_prefix_.size()));
    for (size_t i = 0; i < window_.size(); ++i) {
      if (data[i] == '\n') ++lines_;
    }
    window_.Consume(window_.size());
  } while (window_.Fill());
  rows_.AppendRejected(
      out, oversized_prefix_, origin, "",
      "unexpected content after the array's closing ']' at " + FormatPosition(start));
}

}  // namespace sluice

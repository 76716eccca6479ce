// Reads a file holding one JSON array of documents, streaming: elements are cut out by an
// ElementScanner and parsed one by one, so memory stays bounded whatever the array's size. A
// broken element is one rejected row and the elements after it still load; so are the array's
// own defects (an empty element, a missing ',', content after ']', no closing ']').
//
// Where a broken element ends is a guess (see ElementScanner): at a newline inside a string (a
// JSON string cannot hold one, so the string was never closed; the element's ',' may be lost
// with it, so none is required next), or at a closing bracket that matches nothing open. A
// mismatched bracket closes through its nearest opener. An element over max_document_bytes is
// read to its end without being kept. One limit: with batches of a single row, resuming
// between an array's last element (the file's last byte) and the report of its missing ']' cannot
// tell that the report is still due.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "connectors/file/read_window.h"
#include "connectors/json/element_scanner.h"
#include "connectors/json/json_rows.h"
#include "pipeline/batch.h"

namespace sluice {

class JsonArrayReader {
 public:
  JsonArrayReader(ReadWindow& window, JsonRowBuilder& rows, std::string path);

  // Appends up to max_rows rows to `out`; returns how many (0 at the end).
  size_t Read(Batch& out, size_t max_rows);

  // Right after the last row's element (or 0 before the first), and the newlines before it.
  uint64_t NextOffset() const { return resume_offset_; }
  uint64_t LinesConsumed() const { return resume_lines_; }
  // Continues at a position NextOffset()/LinesConsumed() reported: the window has just been
  // reset to `offset`; `line_start` is the file offset where that line starts (for columns).
  void Restart(uint64_t offset, uint64_t lines, uint64_t line_start);

 private:
  enum class State {
    kStart,        // before the '['
    kFirst,        // after the '['
    kExpect,       // after a ','
    kAfter,        // after an element: ',' or ']' comes next
    kAfterBroken,  // after a broken element, whose end is a guess: no ',' required
    kResume,       // after an element (maybe in an earlier run): kAfter or kAfterBroken
    kEnd,          // after the ']': only whitespace may follow
    kFinished,
  };

  // Skips whitespace, counting lines; false at the end of the input.
  bool SkipSpace();
  TextPosition Here() const;
  RowOrigin HereOrigin() const { return {lines_ + 1, window_.offset()}; }
  void Open();
  // Reads the element at the window's front and appends its row. false: the element is the
  // last of an array never closed and the batch has no room for that report too; it is left
  // for the next batch, so that no position falls between the two rows (resuming there could
  // not tell whether the report was made). An empty batch always takes the element.
  bool ReadElement(Batch& out, bool missing_comma, size_t room);
  void RejectRest(Batch& out);

  ReadWindow& window_;
  JsonRowBuilder& rows_;
  std::string path_;
  ElementScanner scanner_;
  std::string oversized_prefix_;

  State state_ = State::kStart;
  uint64_t lines_ = 0;       // newlines before the window's front
  uint64_t line_start_ = 0;  // file offset where the front's line starts
  uint64_t resume_offset_ = 0;
  uint64_t resume_lines_ = 0;
};

}  // namespace sluice

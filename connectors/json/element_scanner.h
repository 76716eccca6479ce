// Finds where one element of a JSON array ends without parsing it: tracks strings, escapes and
// the stack of open brackets, so an array of any size can be cut into documents parsed one by
// one. It also decides where a broken element ends, so the elements after it still load.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sluice {

class ElementScanner {
 public:
  enum class End {
    kMore,  // the bytes so far do not finish the element
    // Ends before a ',' or ']' at depth 0, or before another value after a complete one (a
    // missing comma, for the caller to notice).
    kSeparator,
    // Ends before a newline inside a string (JSON strings cannot hold one, so the string was
    // never closed) or before a closing bracket that matches nothing open: the element is
    // broken, and what follows is most likely the next element.
    kBroken,
  };

  void Reset();
  // Scans data[from, size) of the element that starts at data[0], whose file offset is `base`.
  // Sets `end` (the element's bytes are data[0, end)) unless it returns kMore; call again with
  // the same element start and more bytes after kMore.
  End Scan(const char* data, size_t from, size_t size, uint64_t base, size_t& end);

  // Newlines inside the element (and the whitespace it ends with) scanned so far, and the file
  // offset of the last one.
  uint64_t newlines() const { return newlines_; }
  uint64_t last_newline_offset() const { return last_newline_offset_; }
  // A whole value has been seen (what is left may only be whitespace).
  bool complete() const { return complete_; }

 private:
  std::string open_;  // the open brackets, innermost last
  bool in_string_ = false;
  bool escape_ = false;
  bool complete_ = false;
  bool started_ = false;  // a byte of the element has been scanned
  uint64_t newlines_ = 0;
  uint64_t last_newline_offset_ = 0;
};

}  // namespace sluice

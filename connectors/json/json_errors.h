// Reasons for rejected JSON documents that say what is wrong and where (line and column in the
// file). simdjson reports some errors for a whole document only (invalid UTF-8, a string never
// closed, a raw control character): the exact byte is found here by scanning again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/json/document_walker.h"

namespace sluice {

// 1-based; columns count bytes.
struct TextPosition {
  uint64_t line = 1;
  uint64_t column = 1;
};

// The position of doc[at] when doc[0] is at `start`.
TextPosition PositionIn(std::string_view doc, size_t at, TextPosition start);
// "line 3, column 7"
std::string FormatPosition(TextPosition p);

// The reason for a document that is not valid JSON.
std::string DescribeSyntaxError(std::string_view doc, TextPosition start,
                                const JsonSyntaxError& error);
// The reason for a valid document that is not an object (doc starts at its first byte).
std::string DescribeNonObject(std::string_view doc, TextPosition start);

}  // namespace sluice

// PostgreSQL's COPY text format, read side: a field's backslash escapes decoded, and the
// field list of one row (tab-separated, \N for NULL).
#pragma once

#include <cstddef>
#include <string_view>

namespace sluice {

// Decodes COPY's escapes in [in, end) (\b \f \n \r \t \v, \ooo octal, \xhh hex, a backslash
// before any other byte stands for that byte) into `out`; returns the bytes written. Never
// writes more than it reads, so `out` may be sized by the input (or be `in` itself).
size_t DecodeCopyText(const char* in, const char* end, char* out);

// Whether a field's raw text is COPY's NULL marker.
inline bool IsCopyNull(std::string_view field) { return field == "\\N"; }

}  // namespace sluice

// Typed values -> text for the file writers: the spellings FormatInt (value_cast.h) lacks
// (shortest doubles, booleans as words, ISO 8601 timestamps), appended without allocating.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/batch.h"

namespace sluice {

struct ValueTextStyle {
  std::string_view true_text = "true";
  std::string_view false_text = "false";
  // Between a timestamp's date and time, and after it: ' ' and "" give SQL's
  // "2024-01-31 10:20:30"; 'T' and "Z" give ISO 8601's "2024-01-31T10:20:30Z".
  char timestamp_separator = ' ';
  std::string_view timestamp_suffix;
};

// Appends the decimal digits of v.
void AppendInteger(int64_t v, std::string& out);
// Appends the shortest text that reads back as the same double (std::to_chars). NaN and the
// infinities become "NaN", "Infinity" and "-Infinity", the spellings PostgreSQL accepts.
void AppendDouble(double v, std::string& out);

// Appends the text of non-null values of any column type; keeps one scratch string for
// FormatInt, so formatting a value never allocates once the scratch has grown.
class ValueFormatter {
 public:
  explicit ValueFormatter(ValueTextStyle style = {}) : style_(style) {}

  // Appends the value at `row` of `column` (which must not be NULL there): text as is,
  // decimals with exactly `scale` fraction digits, dates as YYYY-MM-DD, timestamps with
  // ".ffffff" only when the microseconds are not zero.
  void Append(const Column& column, size_t row, std::string& out);

 private:
  ValueTextStyle style_;
  std::string scratch_;
};

}  // namespace sluice

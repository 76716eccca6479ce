// Value formatting for the file writers; decimals, dates and timestamps go through FormatInt so
// every writer spells them the same way.
#include "pipeline/value_format.h"

#include <charconv>
#include <cmath>

#include "pipeline/value_cast.h"

namespace sluice {

void AppendInteger(int64_t v, std::string& out) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
}

void AppendDouble(double v, std::string& out) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Infinity" : "Infinity";
    return;
  }
  char buf[32];  // the longest shortest form is 24 characters (-2.2250738585072014e-308)
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
}

void ValueFormatter::Append(const Column& column, size_t row, std::string& out) {
  switch (column.type.id) {
    case TypeId::kText:
      out += column.text[row];
      return;
    case TypeId::kInteger:
      AppendInteger(column.ints[row], out);
      return;
    case TypeId::kDouble:
      AppendDouble(column.doubles[row], out);
      return;
    case TypeId::kBoolean:
      out += column.ints[row] != 0 ? style_.true_text : style_.false_text;
      return;
    case TypeId::kTimestamp:
      FormatInt(column.ints[row], column.type, scratch_);
      // FormatInt writes "<date> HH:MM:SS[.ffffff]"; the date may carry a sign or more than
      // four year digits, so the separator is found rather than assumed at offset 10.
      scratch_[scratch_.find(' ')] = style_.timestamp_separator;
      out += scratch_;
      out += style_.timestamp_suffix;
      return;
    case TypeId::kDecimal:
    case TypeId::kDate:
      FormatInt(column.ints[row], column.type, scratch_);
      out += scratch_;
      return;
  }
}

}  // namespace sluice

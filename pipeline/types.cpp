// Job-file spellings of the column types.
#include "pipeline/types.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sluice {

std::string DataType::ToString() const {
  switch (id) {
    case TypeId::kText:
      return "text";
    case TypeId::kInteger:
      return "integer";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
  }
  return "text";
}

std::optional<DataType> ParseDataType(std::string_view name) {
  std::string s;
  for (char c : name) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (s == "text" || s == "string" || s == "varchar") return DataType{TypeId::kText};
  if (s == "integer" || s == "int" || s == "bigint") return DataType{TypeId::kInteger};
  if (s == "double" || s == "float" || s == "real") return DataType{TypeId::kDouble};
  if (s == "boolean" || s == "bool") return DataType{TypeId::kBoolean};
  if (s == "date") return DataType{TypeId::kDate};
  if (s == "timestamp" || s == "datetime") return DataType{TypeId::kTimestamp};
  if (s.rfind("decimal(", 0) == 0 || s.rfind("numeric(", 0) == 0) {
    if (s.back() != ')') return std::nullopt;
    std::string_view args(s.data() + 8, s.size() - 9);
    size_t comma = args.find(',');
    int p = 0, sc = 0;
    std::string_view ps = args.substr(0, comma);
    auto r1 = std::from_chars(ps.data(), ps.data() + ps.size(), p);
    if (r1.ec != std::errc() || r1.ptr != ps.data() + ps.size()) return std::nullopt;
    if (comma != std::string_view::npos) {
      std::string_view ss = args.substr(comma + 1);
      auto r2 = std::from_chars(ss.data(), ss.data() + ss.size(), sc);
      if (r2.ec != std::errc() || r2.ptr != ss.data() + ss.size()) return std::nullopt;
    }
    // Scaled values live in an int64, so at most 18 significant digits.
    if (p < 1 || p > 18 || sc < 0 || sc > p) return std::nullopt;
    return DataType{TypeId::kDecimal, p, sc};
  }
  if (s == "decimal" || s == "numeric") return DataType{TypeId::kDecimal, 18, 2};
  return std::nullopt;
}

}  // namespace sluice

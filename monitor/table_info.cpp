// Column kinds and key look-ups of TableInfo.
#include "monitor/table_info.h"

#include <algorithm>
#include <cctype>

namespace sluice {

const char* ColumnKindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText:
      return "text";
    case ColumnKind::kInteger:
      return "integer";
    case ColumnKind::kDecimal:
      return "decimal";
    case ColumnKind::kDouble:
      return "double";
    case ColumnKind::kBoolean:
      return "boolean";
    case ColumnKind::kDate:
      return "date";
    case ColumnKind::kTimestamp:
      return "timestamp";
    case ColumnKind::kOther:
      return "other";
  }
  return "other";
}

bool IsNumericKind(ColumnKind kind) {
  return kind == ColumnKind::kInteger || kind == ColumnKind::kDecimal ||
         kind == ColumnKind::kDouble;
}

const ColumnInfo* TableInfo::Find(const std::string& column) const {
  for (const ColumnInfo& c : columns) {
    if (c.name == column) return &c;
  }
  return nullptr;
}

bool TableInfo::KeptUnique(const std::vector<std::string>& wanted) const {
  std::vector<std::string> sorted = wanted;
  std::sort(sorted.begin(), sorted.end());
  for (std::vector<std::string> key : unique_keys) {
    std::sort(key.begin(), key.end());
    // A superset of a unique key is unique too.
    if (std::includes(sorted.begin(), sorted.end(), key.begin(), key.end()) && !key.empty()) {
      return true;
    }
  }
  return false;
}

ColumnKind KindFromTypeName(const std::string& type_name) {
  std::string t;
  for (char c : type_name) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto has = [&t](const char* s) { return t.find(s) != std::string::npos; };
  if (has("TIMESTAMP") || has("DATETIME")) return ColumnKind::kTimestamp;
  if (has("INTERVAL")) return ColumnKind::kOther;
  if (has("POINT")) return ColumnKind::kOther;  // before INT
  if (has("INT")) return ColumnKind::kInteger;
  if (has("CHAR") || has("CLOB") || has("TEXT") || has("STRING") || has("UUID") || has("ENUM"))
    return ColumnKind::kText;
  if (has("BOOL") || t == "BIT") return ColumnKind::kBoolean;
  if (has("REAL") || has("FLOA") || has("DOUB")) return ColumnKind::kDouble;
  if (has("DEC") || has("NUMERIC") || has("MONEY")) return ColumnKind::kDecimal;
  if (t == "DATE") return ColumnKind::kDate;
  if (has("TIME")) return ColumnKind::kOther;  // a time of day
  return ColumnKind::kOther;
}

}  // namespace sluice

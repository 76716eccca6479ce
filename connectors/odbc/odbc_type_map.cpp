// ODBC SQL types (and driver type names) to sluice DataTypes.
#include "connectors/odbc/odbc_type_map.h"

#include <sql.h>
#include <sqlext.h>

#include <cctype>
#include <charconv>
#include <string_view>

namespace sluice {
namespace {

// Scaled decimals live in an int64: at most 18 digits.
constexpr int64_t kMaxDecimalPrecision = 18;

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct NameParts {
  std::string base;  // lowercased, without "(...)" and trailing blanks
  bool has_precision = false;
  int64_t precision = 0;
  bool has_scale = false;
  int scale = 0;
};

bool ParseInt(std::string_view s, int64_t& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

NameParts SplitTypeName(const std::string& name) {
  NameParts parts;
  std::string lower = Lower(name);
  size_t open = lower.find('(');
  parts.base = lower.substr(0, open);
  while (!parts.base.empty() && parts.base.back() == ' ') parts.base.pop_back();
  if (open == std::string::npos) return parts;
  size_t close = lower.find(')', open);
  if (close == std::string::npos) return parts;
  std::string_view args(lower.data() + open + 1, close - open - 1);
  size_t comma = args.find(',');
  int64_t scale = 0;
  parts.has_precision = ParseInt(args.substr(0, comma), parts.precision);
  if (parts.has_precision && comma != std::string_view::npos) {
    parts.has_scale = ParseInt(args.substr(comma + 1), scale);
    parts.scale = static_cast<int>(scale);
  }
  return parts;
}

bool IsDecimalName(const std::string& base) {
  return base == "numeric" || base == "decimal" || base == "number" || base == "dec";
}

DataType DecimalOrText(int64_t precision, int scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
    return DataType{TypeId::kText};
  }
  return DataType{TypeId::kDecimal, static_cast<int>(precision), scale};
}

}  // namespace

bool IsBinarySqlType(int t) {
  return t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
}

bool IsIntegerSqlType(int t) {
  return t == SQL_TINYINT || t == SQL_SMALLINT || t == SQL_INTEGER || t == SQL_BIGINT;
}

bool IsLongSqlType(int t) {
  return t == SQL_LONGVARCHAR || t == SQL_WLONGVARCHAR || t == SQL_LONGVARBINARY;
}

DataType MapOdbcType(const OdbcColumnType& c) {
  const NameParts name = SplitTypeName(c.type_name);
  if (IsDecimalName(name.base) || c.sql_type == SQL_DECIMAL || c.sql_type == SQL_NUMERIC) {
    if (name.has_precision) return DecimalOrText(name.precision, name.has_scale ? name.scale : 0);
    // Without a declared precision only a driver that calls it DECIMAL/NUMERIC knows one;
    // SQLite's bare NUMERIC holds anything, so its values stay text.
    if (c.sql_type == SQL_DECIMAL || c.sql_type == SQL_NUMERIC) {
      return DecimalOrText(c.column_size, c.decimal_digits);
    }
    return DataType{TypeId::kText};
  }
  if (name.base == "bool" || name.base == "boolean") return DataType{TypeId::kBoolean};
  switch (c.sql_type) {
    case SQL_TINYINT:
    case SQL_SMALLINT:
    case SQL_INTEGER:
      return DataType{TypeId::kInteger};
    case SQL_BIGINT:
      return DataType{c.is_unsigned ? TypeId::kText : TypeId::kInteger};
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
      return DataType{TypeId::kDouble};
    case SQL_BIT:
      return DataType{TypeId::kBoolean};
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return DataType{TypeId::kDate};
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return DataType{TypeId::kTimestamp};
    default:
      return DataType{TypeId::kText};
  }
}

}  // namespace sluice

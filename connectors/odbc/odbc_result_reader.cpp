// OdbcResultReader: buffer widths from the result's description, block fetches, and the
// SQLGetData paths for values longer than their buffer.
#include "connectors/odbc/odbc_result_reader.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "connectors/odbc/odbc_handles.h"

namespace sluice {
namespace {

// A column whose values may be wider than this is read as a long column.
constexpr int64_t kMaxBoundWidth = 8192;
// The first buffer width of a long column; most values fit, the rest go through SQLGetData.
constexpr size_t kLongWidth = 512;
constexpr size_t kChunkBytes = 64 << 10;

size_t NaturalWidth(const ResultColumn& c, bool& is_long) {
  const int t = c.type.sql_type;
  is_long = false;
  if (IsIntegerSqlType(t)) return 24;
  switch (t) {
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
    case SQL_GUID:
      return 48;
    case SQL_BIT:
      return 8;
    case SQL_TYPE_DATE:
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
    case SQL_DATE:
    case SQL_TIME:
    case SQL_TIMESTAMP:
      return 64;
    case SQL_DECIMAL:
    case SQL_NUMERIC:
      return static_cast<size_t>(std::clamp<int64_t>(c.type.column_size + 4, 48, kMaxBoundWidth));
    default:
      break;
  }
  int64_t bytes = IsBinarySqlType(t)
                      ? std::max<int64_t>(c.type.column_size, 0)
                      : std::max<int64_t>(c.octet_length, c.type.column_size * 4) + 1;
  if (IsLongSqlType(t) || c.type.column_size <= 0 || bytes > kMaxBoundWidth) {
    is_long = true;
    return kLongWidth;
  }
  return static_cast<size_t>(std::max<int64_t>(bytes, 16));
}

std::string ColumnName(SQLHSTMT stmt, SQLUSMALLINT i, SQLUSMALLINT field) {
  char buf[512] = {0};
  SQLSMALLINT len = 0;
  SQLColAttribute(stmt, i, field, buf, sizeof buf, &len, nullptr);
  return buf;
}

}  // namespace

bool IsLongColumn(const ResultColumn& column) {
  bool is_long = false;
  NaturalWidth(column, is_long);
  return is_long;
}

std::vector<ResultColumn> DescribeResult(SQLHSTMT stmt) {
  SQLSMALLINT n = 0;
  OdbcCheck(SQLNumResultCols(stmt, &n), SQL_HANDLE_STMT, stmt, "describing the result");
  std::vector<ResultColumn> out(static_cast<size_t>(n));
  for (SQLUSMALLINT i = 1; i <= n; ++i) {
    ResultColumn& c = out[i - 1];
    SQLCHAR name[512] = {0};
    SQLSMALLINT name_len = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    OdbcCheck(
        SQLDescribeCol(stmt, i, name, sizeof name, &name_len, &type, &size, &digits, &nullable),
        SQL_HANDLE_STMT, stmt, "describing result column " + std::to_string(i));
    c.name = reinterpret_cast<char*>(name);
    c.type.sql_type = type;
    c.type.column_size = static_cast<int64_t>(std::min<SQLULEN>(size, INT64_MAX));
    c.type.decimal_digits = digits;
    c.type.type_name = ColumnName(stmt, i, SQL_DESC_TYPE_NAME);
    c.nullable = nullable != SQL_NO_NULLS;
    SQLLEN value = 0;
    if (SQL_SUCCEEDED(SQLColAttribute(stmt, i, SQL_DESC_UNSIGNED, nullptr, 0, nullptr, &value))) {
      c.type.is_unsigned = value == SQL_TRUE;
    }
    value = 0;
    if (SQL_SUCCEEDED(
            SQLColAttribute(stmt, i, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr, &value))) {
      c.octet_length = value;
    }
  }
  return out;
}

OdbcResultReader::OdbcResultReader(SQLHSTMT stmt, std::vector<ResultColumn> columns,
                                   ResultReaderOptions options)
    : stmt_(stmt), columns_(std::move(columns)), options_(std::move(options)) {
  Plan();
}

void OdbcResultReader::Plan() {
  const size_t n = columns_.size();
  slots_.resize(n);
  values_.resize(n);
  nulls_.resize(n);
  const bool row_by_row = options_.block_rows <= 1;
  size_t row_bytes = sizeof(SQLUSMALLINT);
  for (size_t i = 0; i < n; ++i) {
    Slot& s = slots_[i];
    const int t = columns_[i].type.sql_type;
    s.c_type = IsBinarySqlType(t) ? SQL_C_BINARY : SQL_C_CHAR;
    s.format = i < options_.formats.size() ? options_.formats[i]
               : s.c_type == SQL_C_BINARY  ? ValueFormat::kHex
               : t == SQL_BIT              ? ValueFormat::kBit
                                           : ValueFormat::kText;
    bool is_long = false;
    s.width = NaturalWidth(columns_[i], is_long);
    if (i < options_.min_widths.size()) s.width = std::max(s.width, options_.min_widths[i]);
    // Row by row, long values come whole from SQLGetData; drivers without SQLGetData on any
    // column get every column that way.
    s.bound = !row_by_row || (!is_long && options_.get_data_any_column);
    if (s.bound) row_bytes += s.width + sizeof(SQLLEN);
  }
  block_rows_ = std::max<size_t>(1, std::min(std::max<size_t>(options_.block_rows, 1),
                                             options_.block_bytes_budget / row_bytes));
  row_status_.assign(block_rows_, SQL_ROW_SUCCESS);
  const auto set = [&](SQLINTEGER attr, SQLPOINTER value, const char* what) {
    OdbcCheck(SQLSetStmtAttr(stmt_, attr, value, 0), SQL_HANDLE_STMT, stmt_, what);
  };
  set(SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN),
      "setting column-wise binding");
  set(SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(block_rows_),
      "setting the row array size");
  set(SQL_ATTR_ROWS_FETCHED_PTR, &fetched_, "setting the rows-fetched pointer");
  set(SQL_ATTR_ROW_STATUS_PTR, row_status_.data(), "setting the row status array");
  for (size_t i = 0; i < n; ++i) {
    Slot& s = slots_[i];
    if (!s.bound) continue;
    s.buffer.resize(block_rows_ * s.width);
    s.indicators.resize(block_rows_);
    OdbcCheck(SQLBindCol(stmt_, static_cast<SQLUSMALLINT>(i + 1), s.c_type, s.buffer.data(),
                         static_cast<SQLLEN>(s.width), s.indicators.data()),
              SQL_HANDLE_STMT, stmt_, "binding result column " + columns_[i].name);
  }
}

bool OdbcResultReader::Overflowed(const Slot& s, SQLLEN indicator) const {
  if (indicator == SQL_NO_TOTAL) return true;
  const auto room = static_cast<SQLLEN>(s.c_type == SQL_C_CHAR ? s.width - 1 : s.width);
  return indicator > room;
}

bool OdbcResultReader::GetWhole(size_t column, std::string_view& out) {
  const Slot& s = slots_[column];
  chunk_.resize(kChunkBytes);
  whole_.clear();
  const size_t room = s.c_type == SQL_C_CHAR ? chunk_.size() - 1 : chunk_.size();
  for (;;) {
    SQLLEN len = 0;
    SQLRETURN rc = SQLGetData(stmt_, static_cast<SQLUSMALLINT>(column + 1), s.c_type, chunk_.data(),
                              static_cast<SQLLEN>(chunk_.size()), &len);
    if (rc == SQL_NO_DATA) break;
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt_, "reading the value of column " + columns_[column].name);
    if (len == SQL_NULL_DATA) return false;
    const bool partial = len == SQL_NO_TOTAL || len > static_cast<SQLLEN>(room);
    if (!partial && whole_.empty() && len >= 0) whole_.reserve(static_cast<size_t>(len));
    whole_.append(chunk_.data(), partial ? room : static_cast<size_t>(len));
    if (!partial) break;
  }
  out = scratch_.Store(whole_);
  return true;
}

std::string_view DecodeFetchedValue(ValueFormat format, std::string_view raw,
                                    StringArena& scratch) {
  switch (format) {
    case ValueFormat::kText:
      return raw;
    case ValueFormat::kHex: {
      static const char kDigits[] = "0123456789abcdef";
      char* out = scratch.Allocate(raw.size() * 2);
      for (size_t i = 0; i < raw.size(); ++i) {
        const auto b = static_cast<unsigned char>(raw[i]);
        out[2 * i] = kDigits[b >> 4];
        out[2 * i + 1] = kDigits[b & 15];
      }
      return {out, raw.size() * 2};
    }
    case ValueFormat::kBit:
      if (raw.size() == 1 && (raw[0] == '\0' || raw[0] == '\1')) return raw[0] ? "1" : "0";
      return raw;
    case ValueFormat::kTaggedReal:
    case ValueFormat::kTaggedFixed: {
      if (raw.empty()) return raw;
      const std::string_view rest = raw.substr(1);
      if (raw[0] != 'r') return rest;
      double d = 0;
      auto parsed = fast_float::from_chars(rest.data(), rest.data() + rest.size(), d);
      if (parsed.ec != std::errc() || parsed.ptr != rest.data() + rest.size() ||
          !std::isfinite(d)) {
        return rest;
      }
      // The shortest text that reads back as the same double: what was stored, digit for digit.
      char buf[400];
      auto written = format == ValueFormat::kTaggedFixed
                         ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, d);
      if (written.ec != std::errc()) return rest;
      return scratch.Store(std::string_view(buf, static_cast<size_t>(written.ptr - buf)));
    }
  }
  return raw;
}

std::string_view OdbcResultReader::Decode(const Slot& s, std::string_view raw) {
  return DecodeFetchedValue(s.format, raw, scratch_);
}

OdbcResultReader::Status OdbcResultReader::Fetch() {
  scratch_.Reset();
  rows_ = 0;
  fetched_ = 0;
  SQLRETURN rc = SQLFetch(stmt_);
  if (rc == SQL_NO_DATA) return Status::kEnd;
  OdbcCheck(rc, SQL_HANDLE_STMT, stmt_, "fetching rows");
  rows_ = static_cast<size_t>(fetched_);
  if (rows_ == 0) return Status::kEnd;
  for (size_t r = 0; r < rows_; ++r) {
    if (row_status_[r] == SQL_ROW_ERROR) {
      std::string state;
      long native = 0;
      std::string diag = OdbcDiagnostics(SQL_HANDLE_STMT, stmt_, &state, &native);
      throw OdbcError("fetching rows: row " + std::to_string(r + 1) + " of the block: " + diag,
                      state, native);
    }
  }
  for (size_t c = 0; c < slots_.size(); ++c) {
    Slot& s = slots_[c];
    std::vector<std::string_view>& values = values_[c];
    std::vector<uint8_t>& nulls = nulls_[c];
    values.assign(rows_, std::string_view());
    nulls.assign(rows_, 0);
    for (size_t r = 0; r < rows_; ++r) {
      std::string_view raw;
      if (s.bound) {
        const SQLLEN ind = s.indicators[r];
        if (ind == SQL_NULL_DATA) {
          nulls[r] = 1;
          continue;
        }
        if (!Overflowed(s, ind)) {
          values[r] =
              Decode(s, std::string_view(s.buffer.data() + r * s.width, static_cast<size_t>(ind)));
          continue;
        }
        if (block_rows_ > 1 && !options_.get_data_in_blocks) {
          overflow_column_ = c;
          overflow_bytes_ = ind == SQL_NO_TOTAL ? 0 : static_cast<size_t>(ind);
          rows_ = 0;
          return Status::kOverflow;
        }
        if (block_rows_ > 1) {
          OdbcCheck(
              SQLSetPos(stmt_, static_cast<SQLSETPOSIROW>(r + 1), SQL_POSITION, SQL_LOCK_NO_CHANGE),
              SQL_HANDLE_STMT, stmt_, "positioning on a row to read a long value");
        }
      }
      if (!GetWhole(c, raw)) {
        nulls[r] = 1;
        continue;
      }
      values[r] = Decode(s, raw);
    }
  }
  return Status::kRows;
}

}  // namespace sluice

// Reads an executed statement's result set in blocks of rows, every value as UTF-8 text:
// column-wise bound buffers for a block cursor, and values that outgrow their buffer fetched
// whole with SQLGetData, so a 1 MB text arrives intact.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/odbc/odbc_type_map.h"
#include "pipeline/arena.h"

namespace sluice {

// A result column as the driver describes it.
struct ResultColumn {
  std::string name;
  OdbcColumnType type;
  int64_t octet_length = 0;  // bytes a value may take, when the driver says
  bool nullable = true;
};

std::vector<ResultColumn> DescribeResult(SQLHSTMT stmt);

// Whether a column's values have no useful bound (TEXT, BLOB, huge VARCHAR): such columns are
// bound with a guess and their longer values fetched by SQLGetData.
bool IsLongColumn(const ResultColumn& column);

// How a column's fetched bytes become its text.
enum class ValueFormat : uint8_t {
  kText,         // as the driver wrote it
  kHex,          // binary, fetched as bytes and written as lowercase hex
  kBit,          // a single byte 0x00/0x01 (MariaDB's BIT) becomes "0"/"1"
  kTaggedReal,   // Dialect::ExactReal's 'r'/'v' tags; reals in their shortest exact form
  kTaggedFixed,  // the same, reals without an exponent (for decimal columns)
};

// A fetched value's text in `format`; decoded bytes go into `scratch`.
std::string_view DecodeFetchedValue(ValueFormat format, std::string_view raw, StringArena& scratch);

struct ResultReaderOptions {
  // Rows per SQLFetch. 1 reads row by row, with the long columns fetched by SQLGetData.
  size_t block_rows = 10000;
  // SQLSetPos + SQLGetData may fetch an overflowing value inside a block (Dialect).
  bool get_data_in_blocks = false;
  // The driver allows SQLGetData on any column, bound columns included (SQL_GETDATA_EXTENSIONS).
  bool get_data_any_column = false;
  std::vector<ValueFormat> formats;      // per column; missing: kHex for binary types, kBit for BIT
  std::vector<size_t> min_widths;        // per column; buffer widths learnt from earlier overflows
  size_t block_bytes_budget = 32 << 20;  // bound buffers of one block, all columns
};

class OdbcResultReader {
 public:
  enum class Status { kRows, kEnd, kOverflow };

  OdbcResultReader(SQLHSTMT stmt, std::vector<ResultColumn> columns, ResultReaderOptions options);
  OdbcResultReader(const OdbcResultReader&) = delete;
  OdbcResultReader& operator=(const OdbcResultReader&) = delete;

  const std::vector<ResultColumn>& columns() const { return columns_; }
  // Fetches the next block. kOverflow: a value outgrew its buffer in a block the driver cannot
  // complete (no positioned SQLGetData); that block's rows must be read again another way.
  Status Fetch();
  size_t rows() const { return rows_; }
  bool IsNull(size_t column, size_t row) const { return nulls_[column][row] != 0; }
  // Valid until the next Fetch.
  std::string_view Value(size_t column, size_t row) const { return values_[column][row]; }
  // After kOverflow: the column and the width its value needed (0 when the driver did not say).
  size_t overflow_column() const { return overflow_column_; }
  size_t overflow_bytes() const { return overflow_bytes_; }
  size_t width(size_t column) const { return slots_[column].width; }
  size_t block_rows() const { return block_rows_; }

 private:
  struct Slot {
    SQLSMALLINT c_type = SQL_C_CHAR;
    size_t width = 0;    // bytes per value in the bound buffer (with the NUL for text)
    bool bound = false;  // unbound columns are read with SQLGetData, row by row
    ValueFormat format = ValueFormat::kText;
    std::vector<char> buffer;
    std::vector<SQLLEN> indicators;
  };

  void Plan();
  bool Overflowed(const Slot& slot, SQLLEN indicator) const;
  // The whole value of `column` in the current row (positioned first in a block).
  bool GetWhole(size_t column, std::string_view& out);
  std::string_view Decode(const Slot& slot, std::string_view raw);

  SQLHSTMT stmt_;
  std::vector<ResultColumn> columns_;
  ResultReaderOptions options_;
  std::vector<Slot> slots_;
  size_t block_rows_ = 1;
  SQLULEN fetched_ = 0;
  std::vector<SQLUSMALLINT> row_status_;
  size_t rows_ = 0;
  std::vector<std::vector<std::string_view>> values_;
  std::vector<std::vector<uint8_t>> nulls_;
  StringArena scratch_{1 << 16};  // decoded and SQLGetData values of the current block
  std::vector<char> chunk_;
  std::string whole_;
  size_t overflow_column_ = 0;
  size_t overflow_bytes_ = 0;
};

}  // namespace sluice

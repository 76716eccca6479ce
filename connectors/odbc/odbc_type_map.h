// Which sluice DataType a database column becomes when it is read through ODBC, from how the
// driver describes it (SQL type, the driver's type name, size and digits).
#pragma once

#include <cstdint>
#include <string>

#include "pipeline/types.h"

namespace sluice {

// A column as the driver describes it, from SQLDescribeCol/SQLColAttribute or SQLColumns.
struct OdbcColumnType {
  int sql_type = 12;        // SQL_VARCHAR; an ODBC SQL data type (SQL_INTEGER, SQL_DECIMAL...)
  std::string type_name;    // the driver's name; SQLite's carries the declared "(p,s)"
  int64_t column_size = 0;  // precision for numbers, characters for text
  int decimal_digits = 0;   // scale
  bool is_unsigned = false;
};

// integer types -> integer (an unsigned BIGINT, which may pass int64, -> text);
// DECIMAL/NUMERIC(p,s) -> decimal(p,s) when p <= 18, else text (every digit kept);
// REAL/FLOAT/DOUBLE -> double; BIT/BOOLEAN -> boolean; DATE -> date;
// TIMESTAMP/DATETIME and time-zoned timestamps -> timestamp (sessions run in UTC);
// binary types -> text holding lowercase hex; everything else -> text.
// A precision or scale written in the type name ("NUMERIC(16,2)") wins over the driver's
// numbers: sqliteodbc reports NUMERIC columns as SQL_DOUBLE and garbles their sizes.
DataType MapOdbcType(const OdbcColumnType& column);

bool IsBinarySqlType(int sql_type);
bool IsIntegerSqlType(int sql_type);
// Types whose values have no useful upper size (TEXT, CLOB, BLOB, LONG VARCHAR ...).
bool IsLongSqlType(int sql_type);

}  // namespace sluice

// How ODBC column descriptions map to sluice types: one row per driver spelling seen on
// sqliteodbc, psqlODBC and MariaDB Connector/ODBC.
#include "connectors/odbc/odbc_type_map.h"

#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

namespace sluice {
namespace {

struct MapCase {
  int sql_type;
  const char* type_name;
  int64_t size;
  int digits;
  bool is_unsigned;
  const char* expected;  // DataType::ToString()
};

const MapCase kCases[] = {
    // integers
    {SQL_SMALLINT, "int2", 5, 0, false, "integer"},
    {SQL_INTEGER, "int4", 10, 0, false, "integer"},
    {SQL_BIGINT, "int8", 19, 0, false, "integer"},
    {SQL_TINYINT, "tinyint", 3, 0, false, "integer"},  // MariaDB TINYINT(1) / BOOLEAN too
    {SQL_BIGINT, "INTEGER", 19, 0, false, "integer"},  // sqliteodbc with BigInt=1
    {SQL_BIGINT, "bigint unsigned", 20, 0, true, "text"},
    {SQL_INTEGER, "int unsigned", 10, 0, true, "integer"},
    // exact numbers
    {SQL_NUMERIC, "numeric", 16, 2, false, "decimal(16,2)"},
    {SQL_DECIMAL, "decimal", 18, 0, false, "decimal(18,0)"},
    {SQL_DECIMAL, "decimal", 19, 2, false, "text"},
    {SQL_NUMERIC, "numeric", 28, 6, false, "text"},  // psqlODBC's unconstrained numeric
    {SQL_NUMERIC, "numeric", 30, 10, false, "text"},
    {SQL_DOUBLE, "NUMERIC(16,2)", 2, 16, false, "decimal(16,2)"},  // sqliteodbc
    {SQL_VARCHAR, "DECIMAL(30,10)", 10, 30, false, "text"},        // sqliteodbc
    {SQL_DOUBLE, "NUMERIC", 16, 0, false, "text"},  // SQLite's bare NUMERIC holds anything
    {SQL_DOUBLE, "decimal(5)", 5, 0, false, "decimal(5,0)"},
    // approximate numbers
    {SQL_REAL, "float4", 9, 0, false, "double"},
    {SQL_FLOAT, "float", 15, 0, false, "double"},
    {SQL_DOUBLE, "DOUBLE", 53, 0, false, "double"},
    // booleans
    {SQL_BIT, "bool", 1, 0, false, "boolean"},
    {SQL_BIT, "bit", 1, 0, false, "boolean"},
    {SQL_BIT, "BOOLEAN", 1, 0, false, "boolean"},
    {SQL_VARCHAR, "boolean", 1, 0, false, "boolean"},
    // dates and times
    {SQL_TYPE_DATE, "date", 10, 0, false, "date"},
    {SQL_DATE, "date", 10, 0, false, "date"},
    {SQL_TYPE_TIMESTAMP, "timestamp without time zone", 26, 6, false, "timestamp"},
    {SQL_TYPE_TIMESTAMP, "timestamptz", 26, 6, false, "timestamp"},
    {SQL_TYPE_TIMESTAMP, "datetime", 26, 6, false, "timestamp"},
    {SQL_TYPE_TIMESTAMP, "DATETIME", 32, 0, false, "timestamp"},
    {SQL_TYPE_TIME, "time", 8, 6, false, "text"},
    // text, binary and the rest
    {SQL_VARCHAR, "varchar", 20, 0, false, "text"},
    {SQL_LONGVARCHAR, "text", 8190, 0, false, "text"},
    {SQL_WVARCHAR, "varchar", 20, 0, false, "text"},
    {SQL_CHAR, "char", 3, 0, false, "text"},
    {SQL_LONGVARBINARY, "bytea", 0, 0, false, "text"},
    {SQL_BINARY, "BLOB", 0, 0, false, "text"},
    {SQL_GUID, "uuid", 37, 0, false, "text"},
    {SQL_VARCHAR, "", 0, 0, false, "text"},  // an SQLite column declared without a type
};

TEST(OdbcTypeMap, MapsEveryDriverSpellingToItsType) {
  for (const MapCase& c : kCases) {
    OdbcColumnType t;
    t.sql_type = c.sql_type;
    t.type_name = c.type_name;
    t.column_size = c.size;
    t.decimal_digits = c.digits;
    t.is_unsigned = c.is_unsigned;
    EXPECT_EQ(MapOdbcType(t).ToString(), c.expected)
        << "sql_type " << c.sql_type << " name '" << c.type_name << "' size " << c.size;
  }
}

TEST(OdbcTypeMap, TellsBinaryIntegerAndLongTypes) {
  EXPECT_TRUE(IsBinarySqlType(SQL_VARBINARY));
  EXPECT_TRUE(IsBinarySqlType(SQL_LONGVARBINARY));
  EXPECT_FALSE(IsBinarySqlType(SQL_VARCHAR));
  EXPECT_TRUE(IsIntegerSqlType(SQL_TINYINT));
  EXPECT_FALSE(IsIntegerSqlType(SQL_DECIMAL));
  EXPECT_TRUE(IsLongSqlType(SQL_WLONGVARCHAR));
  EXPECT_FALSE(IsLongSqlType(SQL_VARCHAR));
}

}  // namespace
}  // namespace sluice

// The type round-trip matrix: every column type, at its edges, goes through each database
// writer (SQLite C API and sqliteodbc, PostgreSQL COPY and psqlODBC, MariaDB ODBC) into a table
// sluice creates, and comes back out through sluice's database reader as CSV. What comes back
// must be what went in, except where the database itself stores less, each such case named.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/database_writers.h"

namespace sluice::testing {
namespace {

// One value per column type per row; row 4 is all NULL. BIG is the widest decimal the
// database keeps: SQLite's DECIMAL columns have NUMERIC affinity, which keeps 15 significant
// digits (documented in the README), the others keep all 18.
const char kHeader[] = "id,i,d,f,b,day,ts,s\n";
std::vector<std::string> Rows(const std::string& big) {
  return {
      R"(1,0,0.0000,0,false,1970-01-01,1970-01-01 00:00:00,"")",
      "2,9223372036854775807," + big +
          R"(,1.7976931348623157e308,true,9999-12-31,9999-12-31 23:59:59.999999,"Zoë 東京 😀")",
      R"(3,-9223372036854775808,-0.0001,-2.2250738585072014e-308,true,1000-01-01,)"
      R"(1969-12-31 23:59:59.999999,"quote "" comma , tab	 back\slash)"
      "\n"
      R"(line")",
      "4,,,,,,,",
      R"(5,-1,12345.6789,0.1,false,2000-02-29,2000-02-29 12:00:00.000001,x)",
  };
}

// The export's bytes: NULL as an empty field, the empty string as "", shortest doubles.
std::string ExpectedExport(const std::string& big, const std::string& true_text,
                           const std::string& false_text) {
  return std::string(kHeader) + "1,0,0.0000,0," + false_text +
         ",1970-01-01,1970-01-01 00:00:00,\"\"\n"
         "2,9223372036854775807," +
         big + ",1.7976931348623157e+308," + true_text +
         ",9999-12-31,9999-12-31 23:59:59.999999,Zoë 東京 😀\n"
         "3,-9223372036854775808,-0.0001,-2.2250738585072014e-308," +
         true_text +
         ",1000-01-01,1969-12-31 23:59:59.999999,\"quote \"\" comma , tab\t back\\slash\nline\"\n"
         "4,,,,,,,\n"
         "5,-1,12345.6789,0.1," +
         false_text + ",2000-02-29,2000-02-29 12:00:00.000001,x\n";
}

class TypeMatrix : public ::testing::TestWithParam<Writer> {
 protected:
  TempDir dir_;
  WriterTarget target_{GetParam(), dir_};
};

TEST_P(TypeMatrix, EveryTypeComesBackAsItWentIn) {
  const std::string table = "type_matrix";
  if (!target_.IsSqlite()) {
    target_.Execute("DROP TABLE IF EXISTS " + table + "; DROP TABLE IF EXISTS sluice_checkpoints");
  }
  const std::string big = target_.IsSqlite() ? "99999999999.9999" : "99999999999999.9999";
  std::string csv = kHeader;
  for (const std::string& row : Rows(big)) csv += row + "\n";
  WriteFile(dir_.File("in.csv"), csv);
  WriteFile(dir_.File("load.yaml"),
            "name: matrix_load\nsource: { type: csv, path: " + dir_.File("in.csv") +
                ", null: \"\" }\ntarget: { type: odbc, connection: \"" + target_.connection() +
                "\", table: " + table + ", create: always, " + target_.FastPathSetting() +
                " }\ncolumns:\n  id: { type: integer }\n  i: { type: integer }\n"
                "  d: { type: \"decimal(18,4)\" }\n  f: { type: double }\n"
                "  b: { type: boolean }\n  day: { type: date }\n  ts: { type: timestamp }\n"
                "  s: {}\n");
  CommandResult load = RunSluice("run -q " + dir_.File("load.yaml"));
  ASSERT_EQ(load.exit_code, 0) << load.output;

  // Read back in key order through the database reader (every column as the catalog types it).
  WriteFile(dir_.File("export.yaml"),
            "name: matrix_export\nsource: { type: odbc, connection: \"" + target_.connection() +
                "\", table: " + table +
                ", key: id }\ntarget: { type: csv, path: " + dir_.File("out.csv") + " }\n");
  CommandResult exported = RunSluice("run -q " + dir_.File("export.yaml"));
  ASSERT_EQ(exported.exit_code, 0) << exported.output;

  // SQLite has no boolean type (1/0 in an INTEGER column); MariaDB's BOOLEAN is TINYINT(1).
  const bool words = target_.IsPostgres();
  EXPECT_EQ(ReadFile(dir_.File("out.csv")),
            ExpectedExport(big, words ? "true" : "1", words ? "false" : "0"));
}

INSTANTIATE_TEST_SUITE_P(Writers, TypeMatrix, ::testing::ValuesIn(AllWriters()), WriterName);

}  // namespace
}  // namespace sluice::testing

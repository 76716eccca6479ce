// concat: a target column built from several source columns.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

TEST(Concat, JoinsTheNonNullPartsAndRunsTheChainOnTheResult) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), "first,last\n ann ,lee\n,kim\nbo,\n,\n");
  WriteFile(dir.File("job.yaml"),
            "name: c\nsource: { type: csv, path: " + dir.File("in.csv") +
                ", null: \"\" }\n"
                "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                dir.File("o.db") +
                "\", table: t }\n"
                "columns:\n"
                "  full: { concat: { columns: [first, last], separator: \" \" }, transforms: "
                "[collapse_whitespace, title] }\n"
                "  code: { concat: [last, first] }\n");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(QuerySqlite(dir.File("o.db"), "SELECT full, code FROM t ORDER BY rowid"),
            (std::vector<std::string>{"Ann Lee|lee  ann ", "Kim|kim", "Bo|bo", "\\N|\\N"}));
}

TEST(Concat, NeedsAtLeastTwoColumns) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), "a\n1\n");
  WriteFile(dir.File("job.yaml"),
            "name: c\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\n"
                "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                dir.File("o.db") +
                "\", table: t }\n"
                "columns:\n  x: { concat: [a] }\n");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("job.yaml:5:16: concat needs a list of at least two source columns"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace sluice::testing

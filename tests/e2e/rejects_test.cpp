// The rejects output as CSV: RFC 4180 records a spreadsheet opens, same content as NDJSON.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

TEST(Rejects, ACsvPathWritesRfc4180Records) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), "id,email\n1,a@b.co\n2,\"bad, \"\"quoted\"\"\"\n3,x\n");
  WriteFile(dir.File("job.yaml"),
            "name: r\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\n"
                "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                dir.File("o.db") +
                "\", table: t }\n"
                "columns: { id: { type: integer }, email: {} }\n"
                "validate: [ { column: email, rule: email } ]\n"
                "rejects: { path: " +
                dir.File("rej.csv") + " }\n");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string csv = ReadFile(dir.File("rej.csv"));
  size_t header_end = csv.find("\r\n");
  ASSERT_NE(header_end, std::string::npos);
  EXPECT_EQ(csv.substr(0, header_end),
            "run_id,job,source,line,byte_offset,column,rule,reason,record");
  EXPECT_NE(csv.find(",r," + dir.File("in.csv") +
                     ",3,18,email,email,"
                     "\"not an email address (no '@'): 'bad, \"\"quoted\"\"'\","
                     "\"2,\"\"bad, \"\"\"\"quoted\"\"\"\"\"\"\"\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",4,"), std::string::npos) << csv;
}

class RejectTable : public ::testing::TestWithParam<bool> {};

TEST_P(RejectTable, LandsInTheTargetWithTheRowsAndRollsBackWithThem) {
  TempDir dir;
  std::string fast_path = GetParam() ? "" : ", fast_path: false";
  WriteFile(dir.File("in.csv"), "id,email\n1,a@b.co\n2,nope\n3,c@d.co\n1,e@f.co\n");
  auto job = [&](const std::string& extra) {
    WriteFile(dir.File("job.yaml"),
              "name: r\nsource: { type: csv, path: " + dir.File("in.csv") +
                  " }\n"
                  "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                  dir.File("o.db") + "\", table: t, commit_every: 0" + fast_path +
                  " }\n"
                  "columns: { id: { type: integer }, email: {} }\n"
                  "validate: [ { column: email, rule: email }, { column: id, rule: unique } ]\n"
                  "rejects: { table: t_rejects }\n" +
                  extra);
  };
  job("");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(
      QuerySqlite(dir.File("o.db"),
                  "SELECT job, source = '" + dir.File("in.csv") +
                      "', line, column_name, rule, reason, record FROM t_rejects ORDER BY line"),
      (std::vector<std::string>{"r|1|3|email|email|not an email address (no '@'): 'nope'|2,nope",
                                "r|1|5|id|unique|duplicate of an earlier row (id=1)|1,e@f.co"}));
  // A run that fails leaves no reject rows behind either.
  job("max_rejects: 1\n");
  r = RunSluice("run " + dir.File("job.yaml"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_EQ(QuerySqlite(dir.File("o.db"), "SELECT count(*) FROM t_rejects"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(QuerySqlite(dir.File("o.db"), "SELECT count(*) FROM t"), std::vector<std::string>{"2"});
}

INSTANTIATE_TEST_SUITE_P(Writers, RejectTable, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "NativeSqlite" : "SqliteOdbc";
                         });

TEST(Rejects, AnUnknownFormatIsAConfigError) {
  TempDir dir;
  WriteFile(dir.File("job.yaml"),
            "name: r\nsource: { type: csv, path: in.csv }\n"
            "target: { type: odbc, connection: \"Driver=SQLite3;Database=o.db\", table: t }\n"
            "columns: { id: }\nrejects: { path: r.txt, format: xml }\n");
  CommandResult r = RunSluice("validate " + dir.File("job.yaml"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("rejects.format must be ndjson or csv, got 'xml'"), std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace sluice::testing

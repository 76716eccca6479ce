// End-to-end: the real sluice binary runs job files into real SQLite databases (through the
// sqliteodbc driver) and the tests compare what landed, row by row.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

std::vector<std::string> Rows(std::initializer_list<const char*> rows) {
  return std::vector<std::string>(rows.begin(), rows.end());
}

// Counts lines of an NDJSON file.
size_t LineCount(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// Every case runs twice: through SQLite's native writer (the default) and through the
// sqliteodbc driver (fast_path: false); both must behave the same.
class RunJob : public ::testing::TestWithParam<bool> {
 protected:
  std::string FastPath() const { return GetParam() ? "" : ", fast_path: false"; }
  void WriteJob(const std::string& extra_target = "", const std::string& extra = "") {
    WriteFile(dir_.File("job.yaml"),
              "version: 1\nname: small\n"
              "source: { type: csv, path: " +
                  dir_.File("in.csv") +
                  " }\n"
                  "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                  db() + "\", table: people" + FastPath() + extra_target +
                  " }\n"
                  "columns:\n"
                  "  id: { from: id, type: integer }\n"
                  "  name: { from: name, transforms: [trim] }\n"
                  "  email: { from: email, transforms: [trim, lower] }\n"
                  "  score: { from: score, type: \"decimal(10,2)\" }\n"
                  "  joined: { from: joined, type: date }\n"
                  "  source: { value: legacy }\n"
                  "filter: { column: status, not_equal: inactive }\n"
                  "validate:\n"
                  "  - { column: id, rule: unique }\n"
                  "  - { column: email, rule: email }\n"
                  "rejects: { path: " +
                  rejects() + " }\n" + extra);
  }
  std::string db() const { return dir_.File("out.db"); }
  std::string rejects() const { return dir_.File("rejects.ndjson"); }
  std::string job() const { return dir_.File("job.yaml"); }

  TempDir dir_;
};

const char* kInput =
    "id,name,email,score,joined,status\n"
    "1,  Ann ,ANN@EXAMPLE.COM,10.5,2020-01-02,active\n"
    "2,\"Bob, \"\"the\"\" builder\",bob@example.com,,2020-02-29,active\n"
    "3,Cid,cid-at-example.com,1,2020-03-01,active\n"
    "4,Dee,dee@example.com,2,2020-03-02,inactive\n"
    "1,Eve,eve@example.com,3,2020-03-03,active\n"
    "5,\"Fay\nSecond line\",fay@example.com,4,2021-02-29,active\n"
    "6,Gus,gus@example.com,x7,2020-03-05,active\n"
    "7,Hal,hal@example.com,7\n"
    "8,Ida,ida@example.com,8.25,2020-03-07,active";  // no newline at the end

TEST_P(RunJob, LandsTheGoodRowsAndExplainsEveryOtherOne) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob();
  CommandResult r = RunSluice("run " + job());
  ASSERT_EQ(r.exit_code, 0) << r.output;

  EXPECT_EQ(
      QuerySqlite(db(), "SELECT id, name, email, score, joined, source FROM people ORDER BY id"),
      Rows({"1|Ann|ann@example.com|10.5|2020-01-02|legacy",
            "2|Bob, \"the\" builder|bob@example.com|\\N|2020-02-29|legacy",
            "8|Ida|ida@example.com|8.25|2020-03-07|legacy"}));
  // read 9 = written 3 + filtered 1 + rejected 5
  EXPECT_NE(r.output.find("rows read                9"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("rows written             3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("rows filtered            1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("rows rejected            5"), std::string::npos) << r.output;

  std::string rej = ReadFile(rejects());
  EXPECT_EQ(LineCount(rej), 5u) << rej;
  EXPECT_NE(rej.find("\"line\":4,\"byte_offset\":142,\"column\":\"email\",\"rule\":\"email\","
                     "\"reason\":\"not an email address (no '@'): 'cid-at-example.com'\""),
            std::string::npos)
      << rej;
  EXPECT_NE(rej.find("\"rule\":\"unique\",\"reason\":\"duplicate of an earlier row (id=1)\""),
            std::string::npos)
      << rej;
  EXPECT_NE(rej.find("\"line\":7,"), std::string::npos)
      << rej;  // the multi-line record's first line
  EXPECT_NE(rej.find("no such date: '2021-02-29'"), std::string::npos) << rej;
  EXPECT_NE(rej.find("not a decimal number: 'x7'"), std::string::npos) << rej;
  EXPECT_NE(rej.find("\"line\":10,"), std::string::npos) << rej;  // too few fields
  EXPECT_NE(rej.find("\"record\":\"7,Hal,hal@example.com,7\""), std::string::npos) << rej;

  struct stat st {};
  ASSERT_EQ(stat(rejects().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_P(RunJob, TheDatabaseRefusingRowsIsolatesThemAndKeepsTheRest) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob(", create: never");
  CommandResult created =
      RunCommand("sqlite3 " + db() +
                 " \"CREATE TABLE people (id INTEGER CHECK (id <> 2), name TEXT,"
                 " email TEXT, score NUMERIC, joined DATE, source TEXT)\"");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  CommandResult r = RunSluice("run " + job());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(QuerySqlite(db(), "SELECT id FROM people ORDER BY id"), Rows({"1", "8"}));
  std::string rej = ReadFile(rejects());
  EXPECT_EQ(LineCount(rej), 6u) << rej;
  EXPECT_NE(rej.find("\"rule\":\"database\",\"reason\":\"inserting into people: "),
            std::string::npos)
      << rej;
  EXPECT_NE(rej.find("CHECK constraint failed: id <> 2"), std::string::npos) << rej;
}

TEST_P(RunJob, AFailingRuleRollsBackAndLeavesTheTargetUntouched) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob(", mode: replace", "");
  WriteFile(dir_.File("ok.csv"),
            "id,name,email,score,joined,status\n9,Old,old@example.com,1,2019-01-01,active\n");
  // First a good run fills the table...
  std::string first = ReadFile(job());
  std::string good = first;
  good.replace(good.find(dir_.File("in.csv")), dir_.File("in.csv").size(), dir_.File("ok.csv"));
  WriteFile(job(), good);
  ASSERT_EQ(RunSluice("run " + job()).exit_code, 0);
  // ...then a replace run with a fail rule must not empty it.
  std::string failing = first;
  failing.insert(failing.find("rejects:"),
                 "  - { column: joined, rule: not_null, on_fail: fail }\n");
  WriteFile(job(), failing);
  WriteFile(
      dir_.File("in.csv"),
      "id,name,email,score,joined,status\n1,A,a@b.co,1,2020-01-01,active\n2,B,b@b.co,1,,active\n");
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(
      r.output.find("in.csv:3: rule not_null on joined (on_fail: fail): value is missing (NULL)"),
      std::string::npos)
      << r.output;
  EXPECT_EQ(QuerySqlite(db(), "SELECT id, name FROM people"), Rows({"9|Old"}));
}

TEST_P(RunJob, TooManyRejectsFailsTheRunAndCommitsNothing) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob(", commit_every: 0", "max_rejects: 2\n");
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("rows rejected, more than max_rejects (2 rows)"), std::string::npos)
      << r.output;
  EXPECT_EQ(QuerySqlite(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'people'"),
            Rows({"0"}));
}

TEST_P(RunJob, APercentageLimitIsJudgedOnTheWholeRun) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob("", "max_rejects: 60%\n");  // 5 of 9 rejected = 55.6%
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  WriteJob("", "max_rejects: 50%\n");
  r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 3) << r.output;
}

TEST_P(RunJob, AConfigurationErrorNamesTheJobFileLineAndColumn) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteJob("", "pipeline: { batch_sise: 10 }\n");
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(job() + ":17:13: unknown key 'batch_sise' in pipeline"),
            std::string::npos)
      << r.output;
}

TEST_P(RunJob, AnUnknownSourceColumnIsAConfigurationError) {
  WriteFile(dir_.File("in.csv"), "id,nme\n1,a\n");
  WriteJob();
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("the source has no column 'name' (it has: id, nme)"), std::string::npos)
      << r.output;
}

TEST_P(RunJob, AMissingInputFileIsARuntimeFailureNamingTheFile) {
  WriteJob();
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find(dir_.File("in.csv")), std::string::npos) << r.output;
}

TEST_P(RunJob, ValidateChecksTheJobWithoutTouchingData) {
  WriteJob();
  CommandResult r = RunSluice("validate " + job());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ok (job small, 6 columns, 2 rules)"), std::string::npos) << r.output;
  EXPECT_EQ(QuerySqlite(":memory:", "SELECT 1"), Rows({"1"}));
}

TEST_P(RunJob, APasswordInTheConnectionStringNeverReachesTheOutput) {
  WriteFile(dir_.File("in.csv"), kInput);
  WriteFile(job(), "name: pw\nsource: { type: csv, path: " + dir_.File("in.csv") +
                       " }\ntarget: { type: odbc, connection: "
                       "\"Driver=NoSuchDriver;UID=u;PWD=${SECRET_PW}\", table: t }\n"
                       "columns: { id: }\n");
  CommandResult r = RunSluice("run " + job(), "SECRET_PW=hunter2-s3cret");
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("PWD=***"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("hunter2-s3cret"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Writers, RunJob, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "NativeSqlite" : "SqliteOdbc";
                         });

}  // namespace
}  // namespace sluice::testing

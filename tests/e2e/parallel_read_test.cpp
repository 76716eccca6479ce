// source.parallel end to end: a table split on its integer key is read over several
// connections at once, on SQLite (ODBC), PostgreSQL (COPY and ODBC) and MariaDB, and the
// export holds exactly the rows of a one-reader export: none lost, none doubled.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/database_writers.h"

namespace sluice::testing {
namespace {

class ParallelRead : public ::testing::TestWithParam<Writer> {
 protected:
  // 20,000 rows with keys from -3,000 in steps of 7, and a NULL in every 10th note.
  void CreateTable() {
    const std::string table = "parallel_src";
    if (target_.IsSqlite()) {
      target_.Execute(
          "CREATE TABLE parallel_src (id INTEGER PRIMARY KEY, note TEXT);"
          "WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < 19999)"
          " INSERT INTO parallel_src SELECT x * 7 - 3000, CASE WHEN x % 10 = 0 THEN NULL"
          " ELSE 'n' || x END FROM c");
    } else if (target_.IsPostgres()) {
      target_.Execute(
          "DROP TABLE IF EXISTS parallel_src; CREATE TABLE parallel_src (id BIGINT PRIMARY KEY,"
          " note TEXT); INSERT INTO parallel_src SELECT x * 7 - 3000, CASE WHEN x % 10 = 0 THEN"
          " NULL ELSE 'n' || x END FROM generate_series(0, 19999) x");
    } else {
      target_.Execute(
          "DROP TABLE IF EXISTS parallel_src; CREATE TABLE parallel_src (id BIGINT PRIMARY KEY,"
          " note TEXT); INSERT INTO parallel_src SELECT CAST(seq AS SIGNED) * 7 - 3000, CASE WHEN "
          "seq % 10 = 0"
          " THEN NULL ELSE CONCAT('n', seq) END FROM seq_0_to_19999");
    }
  }

  CommandResult Export(const std::string& out, const std::string& source_extra) {
    WriteFile(dir_.File("job.yaml"),
              "name: parallel_export\nsource: { type: odbc, connection: \"" + target_.connection() +
                  "\", table: parallel_src, " + target_.FastPathSetting() + ", " + source_extra +
                  " }\ntarget: { type: csv, path: " + dir_.File(out) + " }\n");
    return RunSluice("run -q " + dir_.File("job.yaml"));
  }

  std::vector<std::string> SortedLines(const std::string& file) {
    std::vector<std::string> lines = ReadCsvRows(dir_.File(file));
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  TempDir dir_;
  WriterTarget target_{GetParam(), dir_};
};

TEST_P(ParallelRead, ThreeReadersExportExactlyTheRowsOfOne) {
  CreateTable();
  CommandResult one = Export("one.csv", "parallel: 1");
  ASSERT_EQ(one.exit_code, 0) << one.output;
  CommandResult three = Export("three.csv", "parallel: 3");
  ASSERT_EQ(three.exit_code, 0) << three.output;
  std::vector<std::string> serial = SortedLines("one.csv");
  ASSERT_EQ(serial.size(), 20000u);
  EXPECT_EQ(SortedLines("three.csv"), serial);
  // With a filter of its own, each range keeps it.
  CommandResult filtered = Export("filtered.csv", "parallel: 4, where: \"id < 0\"");
  ASSERT_EQ(filtered.exit_code, 0) << filtered.output;
  EXPECT_EQ(SortedLines("filtered.csv").size(), 429u);  // x * 7 - 3000 < 0 for x <= 428
}

std::vector<Writer> SourceDatabases() {
  return {Writer::kSqliteOdbc, Writer::kPostgresCopy, Writer::kPostgresOdbc, Writer::kMariaDb};
}

INSTANTIATE_TEST_SUITE_P(Databases, ParallelRead, ::testing::ValuesIn(SourceDatabases()),
                         WriterName);

TEST(ParallelReadJob, RefusesWhatItCannotSplitOrOrder) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  ASSERT_EQ(RunCommand("sqlite3 " + db +
                       " 'CREATE TABLE words (w TEXT PRIMARY KEY); INSERT INTO words VALUES (1);"
                       " CREATE TABLE nums (id INTEGER PRIMARY KEY, w TEXT)'")
                .exit_code,
            0);
  struct Case {
    std::string source_extra, validate, message;
  };
  const std::vector<Case> cases = {
      {"table: words, parallel: 2", "", "splits a table on an integer key; w of words is"},
      {"query: \"SELECT 1 AS a\", parallel: 2", "", "a query is read by one reader"},
      {"table: nums, parallel: 0", "", "source.parallel must be from 1 to 64"},
      {"table: nums, parallel: 2",
       "columns: { id: { type: integer } }\nvalidate: [{ column: id, rule: unique }]\n",
       "which a unique rule needs"},
  };
  for (const Case& c : cases) {
    WriteFile(dir.File("job.yaml"),
              "name: p\nsource: { type: odbc, connection: \"Driver=SQLite3;"
              "Database=" +
                  db + "\", " + c.source_extra +
                  " }\ntarget: { type: csv, path: " + dir.File("o.csv") + " }\n" + c.validate);
    CommandResult r = RunSluice("run -q " + dir.File("job.yaml"));
    EXPECT_EQ(r.exit_code, 2) << c.source_extra << "\n" << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.source_extra << "\n" << r.output;
  }
}

}  // namespace
}  // namespace sluice::testing

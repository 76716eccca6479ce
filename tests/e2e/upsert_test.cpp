// mode: upsert end to end, on every writer: SQLite's C API and sqliteodbc, PostgreSQL's COPY
// (staging table and merge) and psqlODBC, MariaDB's ODBC driver. A second load updates the
// rows whose key exists and inserts the others; of rows sharing a key the last one wins, in
// one batch or across batches; a key that is not unique in the table is refused up front.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "tests/support/database_writers.h"

namespace sluice::testing {
namespace {

class Upsert : public ::testing::TestWithParam<Writer> {
 protected:
  void SetUp() override {
    table_ = "up_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
    table_ = table_.substr(0, table_.find('/'));
    // Unquoted names fold to lower case on PostgreSQL; the queries below do not quote.
    for (char& c : table_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!target_.IsSqlite()) {
      target_.Execute("DROP TABLE IF EXISTS " + table_ +
                      "; DROP TABLE IF EXISTS sluice_checkpoints");
    }
  }

  std::vector<std::string> Query(const std::string& sql) const { return target_.Query(sql); }
  void Execute(const std::string& sql) const { target_.Execute(sql); }

  // Runs a job loading `csv` into the test's table; `target_extra` goes into the target map.
  CommandResult Load(const std::string& csv, const std::string& target_extra,
                     const std::string& columns = "{ id: { type: integer }, note: {} }",
                     int batch_size = 8192) {
    WriteFile(dir_.File("in.csv"), csv);
    WriteFile(dir_.File("job.yaml"),
              "name: upsert_" + table_ + "\nsource: { type: csv, path: " + dir_.File("in.csv") +
                  " }\ntarget: { type: odbc, connection: \"" + target_.connection() +
                  "\", table: " + table_ + ", " + target_.FastPathSetting() + ", " + target_extra +
                  " }\ncolumns: " + columns +
                  "\npipeline: { batch_size: " + std::to_string(batch_size) +
                  " }\nrejects: { path: " + dir_.File("rejects.ndjson") + " }\n");
    return RunSluice("run -q " + dir_.File("job.yaml"));
  }

  TempDir dir_;
  WriterTarget target_{GetParam(), dir_};
  std::string table_;
};

std::string Rows(int from, int to, const std::string& note) {
  std::string csv;
  for (int i = from; i <= to; ++i) csv += std::to_string(i) + "," + note + std::to_string(i) + "\n";
  return csv;
}

TEST_P(Upsert, UpdatesExistingKeysAndInsertsNewOnes) {
  CommandResult first = Load("id,note\n" + Rows(1, 3000, "a"), "mode: upsert, key: id");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  // 2001..5000 again or new, each twice in the file: the second copy (b) must win, whether it
  // is in the same batch (small ids) or a later one.
  std::string csv = "id,note\n" + Rows(2001, 5000, "x") + Rows(2001, 5000, "b");
  CommandResult second = Load(csv, "mode: upsert, key: id", "{ id: { type: integer }, note: {} }",
                              /*batch_size=*/4000);
  ASSERT_EQ(second.exit_code, 0) << second.output;

  EXPECT_EQ(Query("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM " + table_),
            std::vector<std::string>{"5000|5000|1|5000"});
  EXPECT_EQ(Query("SELECT count(*), max(id) FROM " + table_ + " WHERE note LIKE 'a%'"),
            std::vector<std::string>{"2000|2000"});
  EXPECT_EQ(Query("SELECT id, note FROM " + table_ +
                  " WHERE id IN (2000, 2001, 3000, 5000)"
                  " ORDER BY id"),
            (std::vector<std::string>{"2000|a2000", "2001|b2001", "3000|b3000", "5000|b5000"}));
  EXPECT_EQ(Query("SELECT count(*) FROM " + table_ + " WHERE note LIKE 'x%'"),
            std::vector<std::string>{"0"});
}

TEST_P(Upsert, ACompositeKeyIdentifiesRowsByAllItsColumns) {
  const std::string columns = "{ region: {}, id: { type: integer }, note: {} }";
  ASSERT_EQ(
      Load("region,id,note\neu,1,first\nus,1,first\n", "mode: upsert, key: [region, id]", columns)
          .exit_code,
      0);
  CommandResult second =
      Load("region,id,note\nus,1,second\nasia,1,new\n", "mode: upsert, key: [region, id]", columns);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(Query("SELECT region, id, note FROM " + table_ + " ORDER BY region"),
            (std::vector<std::string>{"asia|1|new", "eu|1|first", "us|1|second"}));
}

TEST_P(Upsert, AKeyThatIsNotUniqueInTheTableIsRefusedBeforeAnyRowIsWritten) {
  Execute("CREATE TABLE " + table_ + " (id BIGINT, note VARCHAR(50))");
  Execute("INSERT INTO " + table_ + " VALUES (1, 'old')");
  CommandResult r = Load("id,note\n1,new\n2,new\n", "mode: upsert, key: id, create: never");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("primary key or a unique index"), std::string::npos) << r.output;
  EXPECT_EQ(Query("SELECT id, note FROM " + table_), std::vector<std::string>{"1|old"});
}

TEST_P(Upsert, ARowTheDatabaseRefusesIsRejectedAndTheOthersStillLand) {
  Execute("CREATE TABLE " + table_ +
          " (id BIGINT PRIMARY KEY, note VARCHAR(50) NOT NULL, CHECK (note <> 'bad'))");
  Execute("INSERT INTO " + table_ + " VALUES (1, 'old1'), (2, 'old2')");
  CommandResult r =
      Load("id,note\n1,new1\n2,bad\n3,new3\n", "mode: upsert, key: id, create: never");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Query("SELECT id, note FROM " + table_ + " ORDER BY id"),
            (std::vector<std::string>{"1|new1", "2|old2", "3|new3"}));
  std::string rejects = ReadFile(dir_.File("rejects.ndjson"));
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 1) << rejects;
  EXPECT_NE(rejects.find("\"line\":3"), std::string::npos) << rejects;
}

TEST_P(Upsert, OnlyKeyColumnsKeepTheExistingRows) {
  ASSERT_EQ(Load("id\n1\n2\n", "mode: upsert, key: id", "{ id: { type: integer } }").exit_code, 0);
  CommandResult r = Load("id\n2\n3\n3\n", "mode: upsert, key: id", "{ id: { type: integer } }");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Query("SELECT id FROM " + table_ + " ORDER BY id"),
            (std::vector<std::string>{"1", "2", "3"}));
}

INSTANTIATE_TEST_SUITE_P(Writers, Upsert, ::testing::ValuesIn(AllWriters()), WriterName);

TEST(UpsertJob, NeedsAKeyThatNamesTargetColumns) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), "id,note\n1,a\n");
  const std::string head = "name: k\nsource: { type: csv, path: " + dir.File("in.csv") +
                           " }\ncolumns: { id: { type: integer }, note: {} }\n";
  const std::string conn = "connection: \"Driver=SQLite3;Database=" + dir.File("t.db") + "\"";
  struct Case {
    std::string target, message;
  };
  const std::vector<Case> cases = {
      {"mode: upsert", "mode: upsert needs target.key"},
      {"mode: upsert, key: ident", "target.key names 'ident', which is not a column"},
      {"mode: upsert, key: [id, id]", "target.key names column 'id' twice"},
      {"mode: append, key: id", "target.key is only for mode: upsert"},
      {"mode: merge", "target.mode must be append, replace or upsert, got 'merge'"},
  };
  for (const Case& c : cases) {
    WriteFile(dir.File("job.yaml"),
              head + "target: { type: odbc, " + conn + ", table: t, " + c.target + " }\n");
    CommandResult r = RunSluice("validate " + dir.File("job.yaml"));
    EXPECT_EQ(r.exit_code, 2) << c.target << "\n" << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.target << "\n" << r.output;
    EXPECT_NE(r.output.find("job.yaml:"), std::string::npos) << r.output;
  }
}

}  // namespace
}  // namespace sluice::testing

namespace sluice::testing {
namespace {

TEST(UpsertTransfer, EachTableIsUpsertedOnItsOwnPrimaryKey) {
  TempDir dir;
  const std::string source = dir.File("source.db"), target = dir.File("target.db");
  auto sql = [&](const std::string& db, const std::string& statements) {
    WriteFile(dir.File("s.sql"), statements);
    ASSERT_EQ(RunCommand("sqlite3 " + db + " < " + dir.File("s.sql")).exit_code, 0) << statements;
  };
  sql(source,
      "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);"
      "CREATE TABLE b (x TEXT, y INTEGER, w TEXT, PRIMARY KEY (x, y));"
      "INSERT INTO a VALUES (1, 'one'), (2, 'two'); INSERT INTO b VALUES ('p', 1, 'first');");
  WriteFile(dir.File("job.yaml"),
            "name: sync\nsource: { type: odbc, connection: \"Driver=SQLite3;"
            "Database=" +
                source +
                "\", tables: all }\ntarget: { type: odbc, connection: "
                "\"Driver=SQLite3;Database=" +
                target + "\", mode: upsert }\n");
  CommandResult first = RunSluice("run -q " + dir.File("job.yaml"));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  sql(source,
      "UPDATE a SET v = 'TWO' WHERE id = 2; INSERT INTO a VALUES (3, 'three');"
      "UPDATE b SET w = 'second'; INSERT INTO b VALUES ('p', 2, 'new');");
  CommandResult second = RunSluice("run -q " + dir.File("job.yaml"));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(QuerySqlite(target, "SELECT id, v FROM a ORDER BY id"),
            (std::vector<std::string>{"1|one", "2|TWO", "3|three"}));
  EXPECT_EQ(QuerySqlite(target, "SELECT x, y, w FROM b ORDER BY y"),
            (std::vector<std::string>{"p|1|second", "p|2|new"}));

  // A table without a primary key stops the job before any table moves.
  sql(source, "CREATE TABLE c (v TEXT); UPDATE a SET v = 'changed';");
  CommandResult keyless = RunSluice("run -q " + dir.File("job.yaml"));
  EXPECT_EQ(keyless.exit_code, 2) << keyless.output;
  EXPECT_NE(keyless.output.find("table c has no primary key"), std::string::npos) << keyless.output;
  EXPECT_EQ(QuerySqlite(target, "SELECT count(*) FROM a WHERE v = 'changed'"),
            std::vector<std::string>{"0"});
}

}  // namespace
}  // namespace sluice::testing

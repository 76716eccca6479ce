// End-to-end: hostile table and column names land in exactly so-named tables and columns of
// SQLite, PostgreSQL and MariaDB (or are refused, creating nothing); hostile values land verbatim.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice::testing {
namespace {

const std::string kInjection = "Robert'); DROP TABLE x;--";

// Besides the quotes, separators and comments: ODBC's parameter and escape markers, PostgreSQL's
// positional parameter, a backslash (MariaDB's string escape) and a printf directive.
const std::vector<std::string> kHostileNames = {"a\"b",       "a`b",      "a'b",   "a;b",  "a--b",
                                                "a b",        kInjection, "Größe", "名前", "a?b",
                                                "{fn now()}", "$1",       "a\\b",  "%s"};

// Values that would end a string literal, a quoted identifier, a dollar quote or a COPY stream.
const std::vector<std::string> kHostileValues = {"'); DROP TABLE x;--",
                                                 "\"); DROP TABLE x;--",
                                                 "`); DROP TABLE x;--",
                                                 "\\'); DROP TABLE x;--",
                                                 "$$); DROP TABLE x;--",
                                                 "\\.",
                                                 "\\N",
                                                 "a\tb",
                                                 "\\",
                                                 "%s%n"};

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (const std::string& f : fields) {
    line += line.empty() ? "\"" : ",\"";
    for (char c : f) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\n";
}

// A YAML double-quoted scalar.
std::string Yaml(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "|") + s;
  return out;
}

enum class Target { kSqlite, kSqliteOdbc, kPostgresCopy, kPostgresOdbc, kMariaDb };

const char* WriterName(Target target) {
  switch (target) {
    case Target::kSqlite:
      return "SqliteNative";
    case Target::kSqliteOdbc:
      return "SqliteOdbc";
    case Target::kPostgresCopy:
      return "PostgresCopy";
    case Target::kPostgresOdbc:
      return "PostgresOdbc";
    case Target::kMariaDb:
      return "MariaDb";
  }
  return "";
}

void PrintTo(Target target, std::ostream* out) { *out << WriterName(target); }

// Each test runs against all five writers; the servers are shared by the suite and emptied
// before every test.
class HostileIdentifiers : public ::testing::TestWithParam<Target> {
 protected:
  static void TearDownTestSuite() {
    postgres_.reset();
    mariadb_.reset();
  }

  void SetUp() override {
    if (IsPostgres()) {
      if (!postgres_) postgres_ = std::make_unique<ThrowawayPostgres>();
      postgres_->Execute(
          "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    } else if (GetParam() == Target::kMariaDb) {
      if (!mariadb_) mariadb_ = std::make_unique<ThrowawayMariaDb>();
      mariadb_->Execute("DROP DATABASE sluice; CREATE DATABASE sluice");
    }
    // The table every injection attempt aims at.
    Execute("CREATE TABLE x (v INTEGER); INSERT INTO x VALUES (42)");
  }

  bool IsPostgres() const {
    return GetParam() == Target::kPostgresCopy || GetParam() == Target::kPostgresOdbc;
  }

  std::string TargetYaml(const std::string& table, const std::string& extra = "") const {
    std::string connection = GetParam() == Target::kMariaDb ? mariadb_->connection()
                             : IsPostgres()                 ? postgres_->connection()
                                            : "Driver=SQLite3;Database=" + dir_.File("out.db");
    const bool odbc = GetParam() == Target::kSqliteOdbc || GetParam() == Target::kPostgresOdbc;
    return "target: { type: odbc, connection: \"" + connection + "\", table: " + Yaml(table) +
           (odbc ? ", fast_path: false" : "") + extra + " }\n";
  }

  // Runs a job reading in.csv; `body` holds the target and whatever else the job needs.
  CommandResult Run(const std::string& body, const std::string& name = "hostile") const {
    WriteFile(dir_.File("job.yaml"),
              "name: " + Yaml(name) + "\nsource: { type: csv, path: " + dir_.File("in.csv") +
                  " }\n" + body + "rejects: { path: " + dir_.File("rejects.ndjson") + " }\n");
    return RunSluice("run " + dir_.File("job.yaml"));
  }

  std::string Quote(const std::string& name) const {
    const char q = GetParam() == Target::kMariaDb ? '`' : '"';
    std::string out(1, q);
    for (char c : name) out += c == q ? std::string(2, q) : std::string(1, c);
    return out + q;
  }

  void Execute(const std::string& sql) const {
    if (IsPostgres()) return postgres_->Execute(sql);
    if (GetParam() == Target::kMariaDb) return mariadb_->Execute(sql);
    sqlite3* db = nullptr;
    int rc = sqlite3_open(dir_.File("out.db").c_str(), &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("sqlite failed: " + sql);
  }

  std::vector<std::string> Query(const std::string& sql) const {
    if (IsPostgres()) return postgres_->Query(sql);
    if (GetParam() == Target::kMariaDb) return mariadb_->Query(sql);
    return QuerySqlite(dir_.File("out.db"), sql);
  }

  // Every table of the target with its columns in order, as the database's catalog names them.
  std::map<std::string, std::vector<std::string>> Catalog() const {
    std::vector<std::string> rows =
        IsPostgres() ? Query(
                           "SELECT table_name, column_name FROM information_schema.columns"
                           " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")
        : GetParam() == Target::kMariaDb
            ? Query(
                  "SELECT table_name, column_name FROM information_schema.columns"
                  " WHERE table_schema = 'sluice' ORDER BY table_name, ordinal_position")
            : Query(
                  "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
                  " WHERE m.type = 'table' ORDER BY m.name, p.cid");
    std::map<std::string, std::vector<std::string>> catalog;
    for (const std::string& row : rows) {
      const size_t bar = row.find('|');
      catalog[row.substr(0, bar)].push_back(row.substr(bar + 1));
    }
    return catalog;
  }

  std::vector<std::string> TableNames() const {
    std::vector<std::string> names;
    for (const auto& [table, columns] : Catalog()) names.push_back(table);
    return names;
  }

  void ExpectXUntouched() const {
    EXPECT_EQ(Query("SELECT v FROM x"), std::vector<std::string>{"42"});
  }

  TempDir dir_;
  static std::unique_ptr<ThrowawayPostgres> postgres_;
  static std::unique_ptr<ThrowawayMariaDb> mariadb_;
};

std::unique_ptr<ThrowawayPostgres> HostileIdentifiers::postgres_;
std::unique_ptr<ThrowawayMariaDb> HostileIdentifiers::mariadb_;

TEST_P(HostileIdentifiers, CsvHeaderNamesBecomeExactlySoNamedColumns) {
  std::vector<std::string> header = {"id"};
  header.insert(header.end(), kHostileNames.begin(), kHostileNames.end());
  std::vector<std::string> expected;
  std::string csv = CsvLine(header);
  for (int r = 1; r <= 2; ++r) {
    std::vector<std::string> row = {std::to_string(r)};
    for (size_t c = 1; c < header.size(); ++c)
      row.push_back("r" + std::to_string(r) + "c" + std::to_string(c));
    csv += CsvLine(row);
    expected.push_back(Join(row));
  }
  WriteFile(dir_.File("in.csv"), csv);

  CommandResult r = Run(TargetYaml(kInjection));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Catalog()[kInjection], header);
  EXPECT_EQ(TableNames(), (std::vector<std::string>{kInjection, "sluice_checkpoints", "x"}));
  EXPECT_EQ(Query("SELECT * FROM " + Quote(kInjection) + " ORDER BY " + Quote("id")), expected);
  ExpectXUntouched();
}

TEST_P(HostileIdentifiers, JobFileNamesBecomeExactlySoNamedTablesAndColumns) {
  const std::string table = "t\"`'; DROP TABLE x;--";
  std::vector<std::string> header = {"id"}, source = {"id"}, row = {"7"};
  std::string columns = "columns:\n  id: { type: integer }\n";
  for (size_t c = 0; c < kHostileNames.size(); ++c) {
    header.push_back(kHostileNames[c]);
    source.push_back("c" + std::to_string(c));
    row.push_back("value " + std::to_string(c));
    columns += "  " + Yaml(kHostileNames[c]) + ": { from: " + source.back() + " }\n";
  }
  WriteFile(dir_.File("in.csv"), CsvLine(source) + CsvLine(row));

  CommandResult r = Run(TargetYaml(table) + columns);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Catalog()[table], header);
  EXPECT_EQ(TableNames(), (std::vector<std::string>{"sluice_checkpoints", table, "x"}));
  EXPECT_EQ(Query("SELECT * FROM " + Quote(table)), std::vector<std::string>{Join(row)});
  ExpectXUntouched();
}

TEST_P(HostileIdentifiers, AnUpsertKeyWithAHostileNameUpdatesRowsInPlace) {
  const std::string key = "k'\"`;--", value = "v \"x\"";
  const std::string job = TargetYaml("up'\"`", ", mode: upsert, key: [" + Yaml(key) + "]") +
                          "columns:\n  " + Yaml(key) + ": { from: k, type: integer }\n  " +
                          Yaml(value) + ": { from: v }\n";
  WriteFile(dir_.File("in.csv"), "k,v\n1,a\n2,b\n");
  CommandResult first = Run(job);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  WriteFile(dir_.File("in.csv"), "k,v\n2,B\n3,c\n");
  CommandResult second = Run(job);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(Catalog()["up'\"`"], (std::vector<std::string>{key, value}));
  EXPECT_EQ(Query("SELECT * FROM " + Quote("up'\"`") + " ORDER BY " + Quote(key)),
            (std::vector<std::string>{"1|a", "2|B", "3|c"}));
  ExpectXUntouched();
}

TEST_P(HostileIdentifiers, HostileValuesAndRunTableNamesLandVerbatimAndTouchNothingElse) {
  const std::string job_name = "job'); DROP TABLE x;--";
  const std::string rejects_table = "rej\"); DROP TABLE x;--";
  const std::string quality_table = "dq`); DROP TABLE x;--";
  std::string csv = "id,v\n";
  std::vector<std::string> expected;
  for (size_t i = 0; i < kHostileValues.size(); ++i) {
    csv += CsvLine({std::to_string(i + 1), kHostileValues[i]});
    expected.push_back(std::to_string(i + 1) + "|" + kHostileValues[i]);
  }
  const std::string refused = CsvLine({"99", kInjection});
  WriteFile(dir_.File("in.csv"), csv + refused);

  CommandResult r =
      Run(TargetYaml("v") +
              "columns: { id: { type: integer }, v: {} }\n"
              "validate: [ { column: id, rule: range, max: 90, on_fail: reject } ]\n"
              "rejects: { table: " +
              Yaml(rejects_table) + " }\nquality: { table: " + Yaml(quality_table) + " }\n",
          job_name);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Query("SELECT id, v FROM v ORDER BY id"), expected);
  EXPECT_EQ(Query("SELECT count(*) FROM v WHERE v IS NULL"), std::vector<std::string>{"0"});
  EXPECT_EQ(Query("SELECT job, record FROM " + Quote(rejects_table)),
            std::vector<std::string>{job_name + "|" + refused.substr(0, refused.size() - 1)});
  EXPECT_EQ(Query("SELECT job, status FROM sluice_runs"),
            std::vector<std::string>{job_name + "|succeeded"});
  EXPECT_NE(Query("SELECT count(*) FROM " + Quote(quality_table)), std::vector<std::string>{"0"});
  std::vector<std::string> tables = {quality_table, rejects_table, "sluice_checkpoints",
                                     "sluice_runs", "v",           "x"};
  std::sort(tables.begin(), tables.end());
  EXPECT_EQ(TableNames(), tables);
  ExpectXUntouched();
}

// A name the database cannot hold as written (too long, equal to another but for case, a
// trailing space) must not land under another name: either it lands exactly, or the run fails
// naming it and creates nothing.
TEST_P(HostileIdentifiers, NamesTheDatabaseCannotHoldAreRefusedBeforeAnythingIsWritten) {
  std::string two_byte_64;
  for (int i = 0; i < 32; ++i) two_byte_64 += "ä";
  struct Case {
    const char* what;
    std::string table;
    std::vector<std::string> header;
    std::string offending;
  };
  const std::vector<Case> cases = {
      {"a 70-byte column name", "long_column", {"id", std::string(70, 'c')}, std::string(70, 'c')},
      {"a 64-byte column name", "wide_column", {"id", two_byte_64}, two_byte_64},
      {"a 70-byte table name", std::string(70, 't'), {"id"}, std::string(70, 't')},
      {"names equal but for case", "cased", {"id", "ID"}, "ID"},
      {"a trailing space", "spaced", {"id", "a "}, "a "},
  };
  for (const Case& c : cases) {
    WriteFile(dir_.File("in.csv"),
              CsvLine(c.header) + CsvLine(std::vector<std::string>(c.header.size(), "1")));
    CommandResult r = Run(TargetYaml(c.table));
    std::map<std::string, std::vector<std::string>> catalog = Catalog();
    if (r.exit_code == 0) {
      EXPECT_EQ(catalog[c.table], c.header) << c.what << " landed under another name\n" << r.output;
    } else {
      EXPECT_NE(r.output.find(c.offending), std::string::npos) << c.what << "\n" << r.output;
      EXPECT_EQ(catalog.count(c.table), 0u) << c.what;
    }
  }
  ExpectXUntouched();
}

INSTANTIATE_TEST_SUITE_P(Writers, HostileIdentifiers,
                         ::testing::Values(Target::kSqlite, Target::kSqliteOdbc,
                                           Target::kPostgresCopy, Target::kPostgresOdbc,
                                           Target::kMariaDb),
                         [](const ::testing::TestParamInfo<Target>& info) {
                           return std::string(WriterName(info.param));
                         });

TEST(HostileMonitor, ChecksTablesAndColumnsWithHostileNames) {
  TempDir dir;
  const std::string db = dir.File("shop.db");
  ASSERT_EQ(RunCommand("sqlite3 " + db + " < " +
                       dir.Write("shop.sql",
                                 "CREATE TABLE x (v INTEGER); INSERT INTO x VALUES (42);\n"
                                 "CREATE TABLE \"Robert'); DROP TABLE x;--\" (\"a\"\"b\" TEXT,"
                                 " \"名前\" TEXT, \"a`b\" TEXT);\n"
                                 "INSERT INTO \"Robert'); DROP TABLE x;--\" VALUES"
                                 " ('1', 'n', 'd'), (NULL, 'n', 'd'), ('3', 'm', 'e');\n"))
                .exit_code,
            0);
  WriteFile(dir.File("monitor.yaml"),
            "version: 1\nname: \"mon'); DROP TABLE x;--\"\n"
            "connection: \"Driver=SQLite3;Database=" +
                db +
                "\"\n"
                "history: { table: \"hist\\\"; DROP TABLE x;--\" }\n"
                "tables:\n"
                "  - name: \"Robert'); DROP TABLE x;--\"\n"
                "    missing: { columns: { \"a\\\"b\": { fail: \"> 0\" }, \"名前\": } }\n"
                "    duplicates: { columns: [\"a`b\"], fail: \"> 0\" }\n");

  CommandResult r = RunSluice("check --no-alerts " + dir.File("monitor.yaml"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("FAIL  missing  a\"b: 1 NULL in 3 rows"), std::string::npos) << r.output;
  EXPECT_EQ(
      QuerySqlite(db,
                  "SELECT metric_name, metric_value, status FROM \"hist\"\"; DROP TABLE x;--\""
                  " WHERE metric_name IN ('a\"b.null_count', '名前.null_count',"
                  " 'a`b.duplicate_rows') ORDER BY metric_name"),
      (std::vector<std::string>{"a\"b.null_count|1.0|FAIL", "a`b.duplicate_rows|1.0|FAIL",
                                "名前.null_count|0.0|PASS"}));
  EXPECT_EQ(QuerySqlite(db, "SELECT job, status FROM sluice_runs"),
            std::vector<std::string>{"mon'); DROP TABLE x;--|FAIL"});
  EXPECT_EQ(QuerySqlite(db, "SELECT v FROM x"), std::vector<std::string>{"42"});
  EXPECT_EQ(QuerySqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
            (std::vector<std::string>{"Robert'); DROP TABLE x;--", "hist\"; DROP TABLE x;--",
                                      "sluice_runs", "x"}));
}

}  // namespace
}  // namespace sluice::testing

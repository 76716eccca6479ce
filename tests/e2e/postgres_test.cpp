// End-to-end against a real PostgreSQL server (throwaway, on loopback): the example job lands
// exactly what the generator expects through psqlODBC, and rows the database refuses are
// isolated by savepoint bisection.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

TEST(Postgres, TheExampleJobLandsExactlyWhatTheGeneratorExpects) {
  ThrowawayPostgres pg;
  TempDir dir;
  ASSERT_EQ(RunCommand(std::string(SLUICE_GENERATOR) + " --rows 3000 --seed 5 --out " +
                       dir.File("legacy.csv") + " --expected " + dir.File("expected.csv"))
                .exit_code,
            0);
  std::string job = ReadFile(std::string(SLUICE_SOURCE_DIR) + "/examples/legacy_customers.yaml");
  const std::string sqlite = "\"Driver=SQLite3;Database=${SLUICE_DB:-customers.db}\"";
  ASSERT_NE(job.find(sqlite), std::string::npos);
  job.replace(job.find(sqlite), sqlite.size(), "\"" + pg.connection() + "\"");
  WriteFile(dir.File("job.yaml"), job);

  CommandResult run =
      RunCommand("cd " + dir.path() + " && env SLUICE_INPUT=" + dir.File("legacy.csv") + " " +
                 SLUICE_BINARY + " run " + dir.File("job.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;

  std::vector<std::string> expected = ReadCsvRows(dir.File("expected.csv"), /*escape_breaks=*/true);
  std::vector<std::string> landed = pg.Query(
      "SELECT customer_id, replace(replace(name, E'\\r', '\\r'), E'\\n', '\\n'), industry, email,"
      " phone, annual_revenue, created_date, active FROM customers ORDER BY customer_id");
  std::sort(expected.begin(), expected.end(), [](const std::string& a, const std::string& b) {
    return std::stoll(a.substr(0, a.find('|'))) < std::stoll(b.substr(0, b.find('|')));
  });
  ASSERT_EQ(landed.size(), expected.size());
  size_t mismatches = 0;
  for (size_t i = 0; i < expected.size() && mismatches < 10; ++i) {
    if (landed[i] != expected[i]) {
      ++mismatches;
      ADD_FAILURE() << "row " << i << "\n  landed:   " << landed[i]
                    << "\n  expected: " << expected[i];
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(pg.Query("SELECT status, rows_written FROM sluice_runs"),
            std::vector<std::string>{"succeeded|" + std::to_string(expected.size())});
}

TEST(Postgres, RowsTheDatabaseRefusesAreIsolatedAndTheRestLand) {
  ThrowawayPostgres pg;
  TempDir dir;
  pg.Execute("CREATE TABLE t (id BIGINT PRIMARY KEY, note TEXT CHECK (note <> 'bad'))");
  std::string csv = "id,note\n";
  for (int i = 1; i <= 2500; ++i) {
    csv += std::to_string(i % 1000 == 0 ? 1 : i) + "," + (i % 777 == 0 ? "bad" : "ok") + "\n";
  }
  WriteFile(dir.File("in.csv"), csv);
  WriteFile(dir.File("job.yaml"),
            "name: pgrefuse\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\n"
                "target: { type: odbc, connection: \"" +
                pg.connection() +
                "\", table: t, create: never }\n"
                "columns: { id: { type: integer }, note: {} }\n"
                "rejects: { path: " +
                dir.File("rej.ndjson") + " }\n");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Ids 1000 and 2000 repeat id 1 (primary key); rows 777, 1554 and 2331 break the CHECK.
  EXPECT_EQ(pg.Query("SELECT count(*), sum(id) FROM t"),
            std::vector<std::string>{
                "2495|" + std::to_string(2500 * 2501 / 2 - 1000 - 2000 - 777 - 1554 - 2331)});
  std::string rejects = ReadFile(dir.File("rej.ndjson"));
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 5) << rejects;
  EXPECT_NE(rejects.find("[23505]"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("[23514]"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("\"line\":1001,"), std::string::npos) << rejects;
}

}  // namespace
}  // namespace sluice::testing

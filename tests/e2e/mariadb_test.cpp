// End-to-end against a real MariaDB server (throwaway, on loopback): the example job lands
// exactly what the generator expects through the MariaDB ODBC driver, and rows the database
// refuses are isolated by savepoint bisection with MariaDB's own message.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice::testing {
namespace {

TEST(MariaDb, TheExampleJobLandsExactlyWhatTheGeneratorExpects) {
  ThrowawayMariaDb db;
  TempDir dir;
  ASSERT_EQ(RunCommand(std::string(SLUICE_GENERATOR) + " --rows 3000 --seed 5 --out " +
                       dir.File("legacy.csv") + " --expected " + dir.File("expected.csv"))
                .exit_code,
            0);
  std::string job = ReadFile(std::string(SLUICE_SOURCE_DIR) + "/examples/legacy_customers.yaml");
  const std::string sqlite = "\"Driver=SQLite3;Database=${SLUICE_DB:-customers.db}\"";
  ASSERT_NE(job.find(sqlite), std::string::npos);
  job.replace(job.find(sqlite), sqlite.size(), "\"" + db.connection() + "\"");
  WriteFile(dir.File("job.yaml"), job);

  CommandResult run =
      RunCommand("cd " + dir.path() + " && env SLUICE_INPUT=" + dir.File("legacy.csv") + " " +
                 SLUICE_BINARY + " run " + dir.File("job.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;

  std::vector<std::string> expected = ReadCsvRows(dir.File("expected.csv"), /*escape_breaks=*/true);
  std::vector<std::string> landed = db.Query(
      "SELECT customer_id, REPLACE(REPLACE(name, '\\r', '\\\\r'), '\\n', '\\\\n'), industry,"
      " email, phone, annual_revenue, created_date, active FROM customers ORDER BY customer_id");
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
  EXPECT_EQ(db.Query("SELECT status, rows_written FROM sluice_runs"),
            std::vector<std::string>{"succeeded|" + std::to_string(expected.size())});
}

TEST(MariaDb, RowsTheDatabaseRefusesAreIsolatedAndTheRestLand) {
  ThrowawayMariaDb db;
  TempDir dir;
  db.Execute(
      "CREATE TABLE t (id BIGINT PRIMARY KEY, note TEXT, CONSTRAINT note_ok CHECK"
      " (note <> 'bad')) ENGINE=InnoDB");
  std::string csv = "id,note\n";
  for (int i = 1; i <= 2500; ++i) {
    csv += std::to_string(i % 1000 == 0 ? 1 : i) + "," + (i % 777 == 0 ? "bad" : "ok") + "\n";
  }
  WriteFile(dir.File("in.csv"), csv);
  WriteFile(dir.File("job.yaml"),
            "name: mariarefuse\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\n"
                "target: { type: odbc, connection: \"" +
                db.connection() +
                "\", table: t, create: never }\n"
                "columns: { id: { type: integer }, note: {} }\n"
                "rejects: { path: " +
                dir.File("rej.ndjson") + " }\n");
  CommandResult r = RunSluice("run " + dir.File("job.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Ids 1000 and 2000 repeat id 1 (primary key); rows 777, 1554 and 2331 break the CHECK.
  EXPECT_EQ(db.Query("SELECT count(*), sum(id) FROM t"),
            std::vector<std::string>{
                "2495|" + std::to_string(2500 * 2501 / 2 - 1000 - 2000 - 777 - 1554 - 2331)});
  std::string rejects = ReadFile(dir.File("rej.ndjson"));
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 5) << rejects;
  EXPECT_NE(rejects.find("Duplicate entry '1' for key 'PRIMARY'"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("CONSTRAINT `note_ok` failed"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("\"line\":1001,"), std::string::npos) << rejects;
}

TEST(MariaDb, ThrowawayQueriesTellNullFromTextAndKeepBytes) {
  ThrowawayMariaDb db;
  EXPECT_EQ(db.Query("SELECT 1, NULL, 'NULL', '', 'a<b>&\"c\\'', 'Zoë 東京'"),
            std::vector<std::string>{"1|\\N|NULL||a<b>&\"c'|Zoë 東京"});
}

}  // namespace
}  // namespace sluice::testing

// A lost connection mid-load: the server terminates sluice's session (pg_terminate_backend)
// twice during a 200,000-row load into PostgreSQL; the run retries from its last commit and
// ends with exactly the rows the generator says must land, none twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

TEST(ConnectionLoss, APostgresLoadRetriesFromItsLastCommitAndEndsExact) {
  ThrowawayPostgres pg;
  TempDir dir;
  ASSERT_EQ(RunCommand(std::string(SLUICE_GENERATOR) + " --rows 200000 --seed 9 --out " +
                       dir.File("legacy.csv") + " --expected " + dir.File("expected.csv"))
                .exit_code,
            0);
  std::string job = ReadFile(std::string(SLUICE_SOURCE_DIR) + "/examples/legacy_customers.yaml");
  const std::string sqlite = "\"Driver=SQLite3;Database=${SLUICE_DB:-customers.db}\"";
  ASSERT_NE(job.find(sqlite), std::string::npos);
  job.replace(job.find(sqlite), sqlite.size(), "\"" + pg.connection() + "\"");
  job.replace(job.find("commit_every: 50000"), 19, "commit_every: 2000");
  WriteFile(dir.File("job.yaml"), job);

  ChildProcess run("env SLUICE_INPUT=" + dir.File("legacy.csv") + " sh -c 'cd " + dir.path() +
                       " && exec " + SLUICE_BINARY + " run job.yaml'",
                   dir.File("run.log"));
  // Terminate the session once rows have been committed, and again a little later.
  int terminated = 0;
  for (int wait = 0; wait < 600 && terminated < 2; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::vector<std::string> committed;
    try {
      committed = pg.Query(
          "SELECT coalesce(max(rows_committed), 0) FROM sluice_checkpoints "
          "WHERE part = '' AND finished = 0");
    } catch (const std::exception&) {
      continue;  // the checkpoint table is not there yet
    }
    if (committed.empty() || committed[0] == "0") continue;
    if (terminated == 1 && std::stoll(committed[0]) < 60000) continue;
    std::vector<std::string> killed = pg.Query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'sluice' "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    if (!killed.empty() && killed[0] != "0") ++terminated;
  }
  ASSERT_EQ(run.Wait(), 0) << ReadFile(dir.File("run.log"));
  EXPECT_EQ(terminated, 2);
  const std::string log = ReadFile(dir.File("run.log"));
  EXPECT_NE(log.find("retrying from the last commit"), std::string::npos) << log;

  std::vector<std::string> expected = ReadCsvRows(dir.File("expected.csv"), /*escape_breaks=*/true);
  std::sort(expected.begin(), expected.end(), [](const std::string& a, const std::string& b) {
    return std::stoll(a.substr(0, a.find('|'))) < std::stoll(b.substr(0, b.find('|')));
  });
  std::vector<std::string> landed = pg.Query(
      "SELECT customer_id, replace(replace(name, E'\\r', '\\r'), E'\\n', '\\n'), industry, email,"
      " phone, annual_revenue, created_date, active FROM customers ORDER BY customer_id");
  EXPECT_EQ(landed.size(), expected.size());
  EXPECT_TRUE(landed == expected) << "the landed rows differ from the expected ones";
  EXPECT_EQ(pg.Query("SELECT finished FROM sluice_checkpoints WHERE part = ''"),
            std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace sluice::testing

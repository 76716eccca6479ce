// Exactly-once under crashes: the example job (200,000 rows, a commit every 3,000) is killed
// with SIGKILL at spread-out random points, resumed with --resume, and must end with exactly
// what one uninterrupted run lands, row for row, and the same rejects file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <random>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

constexpr int kRows = 200000;
constexpr int kKillPoints = 20;

const char kColumns[] =
    "customer_id, name, industry, email, phone, annual_revenue, created_date, active";

// The rejects file without each line's run id (a resumed run has its own).
std::vector<std::string> RejectsWithoutRunIds(const std::string& path) {
  std::vector<std::string> lines;
  std::string text = ReadFile(path);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    size_t job = line.find(",\"job\":");
    lines.push_back(job == std::string::npos ? line : line.substr(job));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

class CrashResume : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCommand(std::string(SLUICE_GENERATOR) + " --rows " + std::to_string(kRows) +
                         " --seed 11 --out " + dir_.File("legacy.csv"))
                  .exit_code,
              0);
  }

  // The example job with commits every 3,000 rows into `connection`.
  void WriteJob(const std::string& connection) {
    std::string job = ReadFile(std::string(SLUICE_SOURCE_DIR) + "/examples/legacy_customers.yaml");
    Replace(job, "\"Driver=SQLite3;Database=${SLUICE_DB:-customers.db}\"",
            "\"" + connection + "\"");
    Replace(job, "commit_every: 50000", "commit_every: 3000");
    WriteFile(dir_.File("job.yaml"), job);
  }

  static void Replace(std::string& text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }

  std::string Command(const std::string& flags) const {
    return "env SLUICE_INPUT=" + dir_.File("legacy.csv") + " sh -c 'cd " + dir_.path() +
           " && exec " + SLUICE_BINARY + " run -q " + flags + " job.yaml'";
  }

  // Runs to the end; the exit code.
  int RunToEnd(const std::string& flags) {
    ChildProcess p(Command(flags), dir_.File("run.log"));
    int code = p.Wait();
    if (code != 0) ADD_FAILURE() << ReadFile(dir_.File("run.log"));
    return code;
  }

  // Starts a run and kills it after `delay`; true when it was still running.
  bool RunAndKill(const std::string& flags, std::chrono::microseconds delay) {
    ChildProcess p(Command(flags), dir_.File("killed.log"));
    std::this_thread::sleep_for(delay);
    bool killed = p.Kill();
    p.Wait();
    return killed;
  }

  // Kills runs at spread-out random points (some resumed runs are killed again) and checks
  // every load against the clean one. `reset` empties the target; `landed` reads it.
  void KillAndResumeEverywhere(const std::function<void()>& reset,
                               const std::function<std::vector<std::string>()>& landed) {
    reset();
    auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(RunToEnd(""), 0);
    auto clean_time = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    const std::vector<std::string> clean = landed();
    const std::vector<std::string> clean_rejects = RejectsWithoutRunIds(rejects());
    ASSERT_GT(clean.size(), static_cast<size_t>(kRows / 2));

    std::mt19937_64 random(7);
    int interrupted = 0, exact = 0;
    for (int point = 0; point < kKillPoints; ++point) {
      reset();
      // Spread over the whole run: point i lands in the i-th twentieth of it.
      std::uniform_real_distribution<double> within(point, point + 1.0);
      auto delay = std::chrono::microseconds(
          static_cast<int64_t>(clean_time.count() * within(random) / kKillPoints));
      // A run that ended before its kill (the machine got faster) is tried again, earlier.
      bool killed = RunAndKill("", delay);
      for (int retry = 0; !killed && retry < 4; ++retry) {
        reset();
        delay = delay * 6 / 10;
        killed = RunAndKill("", delay);
      }
      // Every other point also kills the resumed run.
      if (killed && point % 2 == 1) RunAndKill("--resume", delay / 2);
      interrupted += killed;
      ASSERT_EQ(RunToEnd("--resume"), 0) << "kill point " << point;
      std::vector<std::string> rows = landed();
      bool same = rows == clean && RejectsWithoutRunIds(rejects()) == clean_rejects;
      EXPECT_TRUE(same) << "kill point " << point << " after " << delay.count()
                        << " us: " << rows.size() << " rows landed, " << clean.size()
                        << " expected";
      exact += same;
    }
    std::cout << "[ crash ] " << interrupted << " of " << kKillPoints
              << " kill points interrupted a run; " << exact << " ended exactly as the clean run ("
              << clean.size() << " rows)\n";
    EXPECT_EQ(interrupted, kKillPoints);
    EXPECT_EQ(exact, kKillPoints);
  }

  std::string rejects() const { return dir_.File("rejects/legacy_customers.ndjson"); }

  TempDir dir_;
};

TEST_F(CrashResume, SqliteEndsExactlyAsAnUninterruptedRun) {
  const std::string db = dir_.File("crash.db");
  WriteJob("Driver=SQLite3;Database=" + db);
  KillAndResumeEverywhere([&] { std::filesystem::remove(db); },
                          [&] {
                            return QuerySqlite(db, std::string("SELECT ") + kColumns +
                                                       " FROM customers ORDER BY rowid");
                          });
}

TEST_F(CrashResume, PostgresEndsExactlyAsAnUninterruptedRun) {
  ThrowawayPostgres pg;
  WriteJob(pg.connection());
  KillAndResumeEverywhere(
      [&] {
        pg.Execute(
            "DROP TABLE IF EXISTS customers, sluice_checkpoints, sluice_runs, "
            "data_quality_metrics");
      },
      [&] {
        return pg.Query(std::string("SELECT ") + kColumns + " FROM customers ORDER BY customer_id");
      });
  // The primary-key-free table must not hold a row twice.
  EXPECT_EQ(pg.Query("SELECT count(*) = count(DISTINCT customer_id) FROM customers"),
            std::vector<std::string>{"t"});
}

}  // namespace
}  // namespace sluice::testing

// The job lock on the server writers (PostgreSQL COPY and psqlODBC, MariaDB): a run waits for
// a session that still holds its job (a killed run's server session finishing its COMMIT)
// before it reads the checkpoint, and a run of a job that another session is writing is
// refused, naming the job and the database, with nothing written.
#include "connectors/odbc/job_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <thread>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "pipeline/errors.h"
#include "tests/support/database_writers.h"
#include "tests/support/process.h"

namespace sluice::testing {
namespace {

std::vector<Writer> ServerWriters() {
  return {Writer::kPostgresCopy, Writer::kPostgresOdbc, Writer::kMariaDb};
}

class JobLock : public ::testing::TestWithParam<Writer> {
 protected:
  void SetUp() override {
    table_ = "job_lock_" + std::to_string(static_cast<int>(GetParam()));
    job_ = "lock_test_" + table_;
    target_.Execute("DROP TABLE IF EXISTS " + table_);
    std::string csv = "id\n";
    for (int i = 1; i <= 1000; ++i) csv += std::to_string(i) + "\n";
    WriteFile(dir_.File("in.csv"), csv);
    WriteFile(dir_.File("job.yaml"),
              "name: " + job_ + "\nsource: { type: csv, path: " + dir_.File("in.csv") +
                  " }\ntarget: { type: odbc, connection: \"" + target_.connection() +
                  "\", table: " + table_ + ", " + target_.FastPathSetting() +
                  " }\ncolumns: { id: { type: integer } }\nrejects: { path: " +
                  dir_.File("rejects.ndjson") + " }\n");
  }

  // Another session that holds the job's lock, as a still-running (or still-dying) run would.
  std::unique_ptr<OdbcConnection> HoldTheJob() {
    const Dialect dialect = DetectDialect(target_.connection());
    auto session = std::make_unique<OdbcConnection>(
        dialect.TuneConnectionString(target_.connection()), "holder");
    EXPECT_TRUE(TakeOdbcJobLock(*session, dialect, job_, "holder"));
    return session;
  }

  std::string Landed() const { return target_.Query("SELECT count(*) FROM " + table_).at(0); }
  bool TableExists() const {
    return target_
               .Query("SELECT count(*) FROM information_schema.tables WHERE table_name = '" +
                      table_ + "'")
               .at(0) != "0";
  }

  TempDir dir_;
  WriterTarget target_{GetParam(), dir_};
  std::string table_, job_;
};

TEST_P(JobLock, ARunWaitsForTheSessionThatHoldsItsJob) {
  auto holder = HoldTheJob();
  ChildProcess run(
      "env SLUICE_LOCK_WAIT=60 " + std::string(SLUICE_BINARY) + " run -q " + dir_.File("job.yaml"),
      dir_.File("run.log"));
  // Unblocked, this job takes well under a second; while the lock is held nothing may land.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_FALSE(TableExists()) << "the run wrote while another session held its job";
  holder.reset();  // the session ends, as a killed run's does once its COMMIT is through
  EXPECT_EQ(run.Wait(), 0) << ReadFile(dir_.File("run.log"));
  EXPECT_EQ(Landed(), "1000");
}

TEST_P(JobLock, ARunOfAJobThatAnotherSessionHoldsIsRefused) {
  auto holder = HoldTheJob();
  CommandResult refused = RunSluice("run -q " + dir_.File("job.yaml"), "SLUICE_LOCK_WAIT=1");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("job " + job_ + " is held by another session of"),
            std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find(MaskConnectionString(target_.connection())), std::string::npos)
      << refused.output;
  const std::string password = ConnectionValue(target_.connection(), "PWD");
  if (!password.empty()) {
    EXPECT_EQ(refused.output.find(password), std::string::npos) << refused.output;
  }
  EXPECT_FALSE(TableExists());

  holder.reset();
  CommandResult after = RunSluice("run -q " + dir_.File("job.yaml"));
  EXPECT_EQ(after.exit_code, 0) << after.output;
  EXPECT_EQ(Landed(), "1000");
}

TEST_P(JobLock, TheWritingSessionHoldsItsJobUntilTheRunEnds) {
  std::string csv = "id\n";
  for (int i = 1; i <= 300000; ++i) csv += std::to_string(i) + "\n";
  WriteFile(dir_.File("in.csv"), csv);
  std::string job = ReadFile(dir_.File("job.yaml"));
  job.insert(job.find(" }\ncolumns"), ", commit_every: 1000");
  WriteFile(dir_.File("job.yaml"), job);
  ChildProcess run(std::string(SLUICE_BINARY) + " run -q " + dir_.File("job.yaml"),
                   dir_.File("run.log"));
  // Once the first commit is visible the writer is mid-run: stop it there.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!TableExists() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(::kill(run.pid(), SIGSTOP), 0);
  EXPECT_NE(Landed(), "300000") << "the run ended before it could be stopped";
  ::setenv("SLUICE_LOCK_WAIT", "0", 1);
  const Dialect dialect = DetectDialect(target_.connection());
  OdbcConnection other(dialect.TuneConnectionString(target_.connection()), "other");
  EXPECT_THROW(TakeOdbcJobLock(other, dialect, job_, "other"), RunError);
  ::kill(run.pid(), SIGCONT);
  EXPECT_EQ(run.Wait(), 0) << ReadFile(dir_.File("run.log"));
  EXPECT_EQ(Landed(), "300000");
  ::setenv("SLUICE_LOCK_WAIT", "5", 1);  // the ended run's session may take a moment to go
  EXPECT_TRUE(TakeOdbcJobLock(other, dialect, job_, "other"));
  ::unsetenv("SLUICE_LOCK_WAIT");
}

INSTANTIATE_TEST_SUITE_P(ServerWriters, JobLock, ::testing::ValuesIn(ServerWriters()), WriterName);

TEST(JobLockSql, NamesTheLockByAHashOfTheJobAndOnlyOnServers) {
  const Dialect postgres(DialectKind::kPostgres), mariadb(DialectKind::kMariaDb);
  const std::string hostile = "x'); DROP TABLE t;--";
  for (const Dialect* d : {&postgres, &mariadb}) {
    auto a = JobLockSql(*d, hostile), b = JobLockSql(*d, "x");
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->try_lock, b->try_lock);
    EXPECT_EQ(a->try_lock, JobLockSql(*d, hostile)->try_lock);
    EXPECT_EQ(a->try_lock.find("DROP"), std::string::npos) << a->try_lock;
  }
  EXPECT_FALSE(JobLockSql(Dialect(DialectKind::kSqlite), "x"));
}

}  // namespace
}  // namespace sluice::testing

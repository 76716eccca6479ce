// Job locks: PostgreSQL advisory locks and MariaDB named locks, both held by the session.
#include "connectors/odbc/job_lock.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "pipeline/errors.h"

namespace sluice {
namespace {

// FNV-1a, 64 bits: stable across runs and builds, unlike std::hash.
uint64_t LockHash(const std::string& job) {
  uint64_t h = 14695981039346656037ull;
  for (char c : std::string("sluice job lock\n") + job) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::chrono::seconds LockWait() {
  const char* text = std::getenv("SLUICE_LOCK_WAIT");
  int seconds = 60;
  if (text != nullptr && *text != '\0') {
    const char* end = text + std::char_traits<char>::length(text);
    auto [stop, ec] = std::from_chars(text, end, seconds);
    if (ec != std::errc() || stop != end || seconds < 0) {
      throw RunError(std::string("SLUICE_LOCK_WAIT must be a whole number of seconds, not '") +
                     text + "'");
    }
  }
  return std::chrono::seconds(seconds);
}

// The first value of the first row of `sql` as text ("" for none or NULL).
std::string FirstValue(OdbcConnection& connection, const std::string& sql,
                       const std::string& doing) {
  OdbcStatement stmt(connection);
  OdbcCheck(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                          SQL_NTS),
            SQL_HANDLE_STMT, stmt.get(), doing);
  SQLRETURN rc = SQLFetch(stmt.get());
  if (rc == SQL_NO_DATA) return "";
  OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), doing);
  char buffer[32];
  SQLLEN length = 0;
  OdbcCheck(SQLGetData(stmt.get(), 1, SQL_C_CHAR, buffer, sizeof buffer, &length), SQL_HANDLE_STMT,
            stmt.get(), doing);
  if (length == SQL_NULL_DATA || length < 0) return "";
  return std::string(buffer, std::min<size_t>(static_cast<size_t>(length), sizeof buffer - 1));
}

}  // namespace

std::optional<JobLockStatements> JobLockSql(const Dialect& dialect, const std::string& job) {
  const uint64_t hash = LockHash(job);
  switch (dialect.kind()) {
    case DialectKind::kPostgres: {
      const std::string key = std::to_string(static_cast<int64_t>(hash));
      return JobLockStatements{
          "SELECT CASE WHEN pg_catalog.pg_try_advisory_lock(" + key + ") THEN 1 ELSE 0 END",
          "SELECT pg_catalog.pg_advisory_unlock(" + key + ")"};
    }
    case DialectKind::kMariaDb: {
      char name[40];
      std::snprintf(name, sizeof name, "'sluice_%016llx'", static_cast<unsigned long long>(hash));
      return JobLockStatements{std::string("SELECT GET_LOCK(") + name + ", 0)",
                               std::string("SELECT RELEASE_LOCK(") + name + ")"};
    }
    case DialectKind::kSqlite:
    case DialectKind::kGeneric:
      return std::nullopt;
  }
  return std::nullopt;
}

void WaitForJobLock(const std::function<bool()>& try_lock, const std::string& job,
                    const std::string& database) {
  using Clock = std::chrono::steady_clock;
  const auto wait = LockWait();
  const auto started = Clock::now();
  auto pause = std::chrono::milliseconds(5);
  bool told = false;
  while (!try_lock()) {
    const auto waited = Clock::now() - started;
    if (waited >= wait) {
      throw RunError("job " + job + " is held by another session of " + database +
                     " (another sluice run of this job, or the server still ending the session "
                     "of a run that was killed); waited " +
                     std::to_string(wait.count()) + " s (SLUICE_LOCK_WAIT)");
    }
    if (!told && waited >= std::chrono::seconds(2)) {
      std::cerr << "sluice: waiting for another session of job " << job << " in " << database
                << " to end\n";
      told = true;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(200));
  }
}

bool TakeOdbcJobLock(OdbcConnection& connection, const Dialect& dialect, const std::string& job,
                     const std::string& database) {
  std::optional<JobLockStatements> sql = JobLockSql(dialect, job);
  if (!sql) return false;
  WaitForJobLock(
      [&] { return FirstValue(connection, sql->try_lock, "taking the lock of job " + job) == "1"; },
      job, database);
  return true;
}

void ReleaseOdbcJobLock(OdbcConnection& connection, const Dialect& dialect,
                        const std::string& job) {
  std::optional<JobLockStatements> sql = JobLockSql(dialect, job);
  if (sql) FirstValue(connection, sql->unlock, "releasing the lock of job " + job);
}

}  // namespace sluice

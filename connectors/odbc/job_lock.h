// A job's lock in its target database: a session lock that a database sink holds from Open
// until its connection closes. The checkpoint is read only while no session holds it, so a
// killed run's server session that is still committing (its client is gone, its COMMIT is not)
// is waited for instead of raced, and two runs of one job never write at the same time.
// SQLite needs none: a killed process leaves no writer behind.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"

namespace sluice {

struct JobLockStatements {
  std::string try_lock;  // one row with one value: 1 when the lock was taken, else 0
  std::string unlock;
};

// The statements for `job` in `dialect`; nothing for a database without session locks. The
// lock's name is a hash of the job's name, so no job name is ever pasted into SQL.
std::optional<JobLockStatements> JobLockSql(const Dialect& dialect, const std::string& job);

// Calls `try_lock` until it returns true. Gives up after SLUICE_LOCK_WAIT seconds (default 60)
// with a RunError naming the job and `database` (masked), the target the lock is in.
void WaitForJobLock(const std::function<bool()>& try_lock, const std::string& job,
                    const std::string& database);

// Takes the job's lock in `connection` (waiting as above); false when the dialect has none.
bool TakeOdbcJobLock(OdbcConnection& connection, const Dialect& dialect, const std::string& job,
                     const std::string& database);
// Releases what TakeOdbcJobLock took.
void ReleaseOdbcJobLock(OdbcConnection& connection, const Dialect& dialect, const std::string& job);

}  // namespace sluice

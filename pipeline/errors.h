// Run-ending errors. Expected problems (a bad value, a bad row) are verdicts on rows instead.
#pragma once

#include <stdexcept>
#include <string>

namespace sluice {

// A problem with what the user wrote: the job file, an option, a command line.
// `where` is "file:line:col" when known.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& where, const std::string& what)
      : std::runtime_error(where.empty() ? what : where + ": " + what) {}
};

// A failure while moving data: a database error, an unreadable file, a broken invariant.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failure worth retrying from the last commit: the connection was lost, a deadlock or a
// serialization conflict, a busy database.
class TransientError : public RunError {
 public:
  using RunError::RunError;
};

// The run refused too many rows (max_rejects) or a rule with on_fail: fail fired.
class DataRejectedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sluice

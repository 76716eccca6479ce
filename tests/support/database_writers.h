// The five database writers a job can land in, for tests that run the same job through each:
// SQLite's C API and sqliteodbc, PostgreSQL's COPY and psqlODBC, MariaDB's ODBC driver. The
// servers are started once per test binary and shared (starting them dominates test time), so
// each test uses its own table names.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice::testing {

enum class Writer { kSqliteNative, kSqliteOdbc, kPostgresCopy, kPostgresOdbc, kMariaDb };

// Every writer, for ::testing::ValuesIn.
const std::vector<Writer>& AllWriters();
// "SqliteNative", "PostgresCopy", ...: parameterized test names.
std::string WriterName(const ::testing::TestParamInfo<Writer>& info);

// Servers shared by every test of the binary, stopped at exit.
ThrowawayPostgres& SharedPostgres();
ThrowawayMariaDb& SharedMariaDb();

// A writer's target: its connection string (a SQLite file in `dir`), whether the job asks
// for the native fast path, and SQL run directly against it.
class WriterTarget {
 public:
  WriterTarget(Writer writer, const TempDir& dir);

  const std::string& connection() const { return connection_; }
  bool fast_path() const;
  // "fast_path: true|false" for a job's target map.
  std::string FastPathSetting() const;
  bool IsSqlite() const;
  bool IsPostgres() const;
  bool IsMariaDb() const;
  // Rows of a query (columns joined by '|', NULL as \N).
  std::vector<std::string> Query(const std::string& sql) const;
  // Statements without results; fails the test when the database refuses them.
  void Execute(const std::string& sql) const;

 private:
  Writer writer_;
  std::string sqlite_file_;
  std::string connection_;
};

}  // namespace sluice::testing

// Helpers the end-to-end tests share: a temporary directory, writing files, running the real
// sluice binary, and reading back what landed in a SQLite database.
#pragma once

#include <string>
#include <vector>

namespace sluice::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `bytes` to File(name) and returns that path.
  std::string Write(const std::string& name, const std::string& bytes) const;

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the sluice binary with `args` (shell-quoted by the caller) and optional environment
// assignments ("A=b C=d").
CommandResult RunSluice(const std::string& args, const std::string& env = "");
CommandResult RunCommand(const std::string& command);

// Rows of a CSV file read by sluice's own CsvSource: columns joined by '|', NULL as "\N"; with
// escape_breaks, line breaks inside values are written as \n and \r (one row, one line).
std::vector<std::string> ReadCsvRows(const std::string& path, bool escape_breaks = false);

// Rows of a query as text, NULL as "\N", columns joined by '|'.
std::vector<std::string> QuerySqlite(const std::string& db, const std::string& sql);

}  // namespace sluice::testing

namespace sluice::testing {

// A throwaway PostgreSQL server in a temporary directory on 127.0.0.1 (scripts/pg-server),
// stopped by its pid file when the object goes away.
class ThrowawayPostgres {
 public:
  ThrowawayPostgres();
  ~ThrowawayPostgres();
  const std::string& connection() const { return connection_; }
  // Rows of a query through psql: columns joined by '|', NULL as \N.
  std::vector<std::string> Query(const std::string& sql) const;
  void Execute(const std::string& sql) const;

 private:
  TempDir dir_;
  int port_ = 0;
  std::string data_dir_;
  std::string connection_;
};

}  // namespace sluice::testing

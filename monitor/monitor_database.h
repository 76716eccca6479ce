// A connection the monitor runs its aggregate queries on: SQL text in, a few rows of text
// cells out. SQLite files are opened through SQLite's C API (in-process, with the check
// functions of sqlite_check_functions.h registered); every other database through ODBC.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"

namespace sluice {

class MonitorDatabase {
 public:
  using Cell = std::optional<std::string>;  // nullopt: NULL
  using Row = std::vector<Cell>;

  virtual ~MonitorDatabase() = default;
  virtual const Dialect& dialect() const = 0;
  // All rows of a query; `doing` says what the query is for, in errors. Reals come with 17
  // significant digits.
  virtual std::vector<Row> Query(const std::string& sql, const std::string& doing) = 0;
};

// Opens `connection` (an ODBC connection string; SQLite's Database= file is opened natively,
// read-only).
std::unique_ptr<MonitorDatabase> OpenMonitorDatabase(const std::string& connection);
// Through ODBC, for the databases other than SQLite (whose check functions only sluice's own
// connections have).
std::unique_ptr<MonitorDatabase> OpenOdbcMonitorDatabase(const std::string& connection);

}  // namespace sluice

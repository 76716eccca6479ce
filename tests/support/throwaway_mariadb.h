// A throwaway MariaDB server for tests, like ThrowawayPostgres: its own directory, a port no
// other test uses, stopped by its pid file when the object goes away.
#pragma once

#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace sluice::testing {

// scripts/mariadb-server on 127.0.0.1, database and user `sluice` (no password).
class ThrowawayMariaDb {
 public:
  ThrowawayMariaDb();
  ~ThrowawayMariaDb();
  ThrowawayMariaDb(const ThrowawayMariaDb&) = delete;
  ThrowawayMariaDb& operator=(const ThrowawayMariaDb&) = delete;

  // The ODBC connection string ("Driver=MariaDB Unicode;...").
  const std::string& connection() const { return connection_; }
  int port() const { return port_; }
  // Rows of a query through the mariadb client: columns joined by '|', NULL as \N.
  std::vector<std::string> Query(const std::string& sql) const;
  void Execute(const std::string& sql) const;

 private:
  TempDir dir_;
  int port_ = 0;
  std::string data_dir_;
  std::string connection_;
};

}  // namespace sluice::testing

// MonitorDatabase over SQLite's C API: read-only, memory-mapped, with the check functions.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "connectors/odbc/connection_string.h"
#include "monitor/monitor_database.h"
#include "monitor/sqlite_check_functions.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

class SqliteMonitorDatabase : public MonitorDatabase {
 public:
  explicit SqliteMonitorDatabase(const std::string& path) : dialect_(DialectKind::kSqlite) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw RunError("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
    // Whole-table scans and key look-ups read pages straight from the mapping, without a
    // read() and a copy per page.
    sqlite3_exec(db_, "PRAGMA mmap_size=17179869184", nullptr, nullptr, nullptr);
    if (RegisterSqliteCheckFunctions(db_) != SQLITE_OK) {
      throw RunError("cannot register sluice's check functions: " +
                     std::string(sqlite3_errmsg(db_)));
    }
  }
  ~SqliteMonitorDatabase() override { sqlite3_close(db_); }

  const Dialect& dialect() const override { return dialect_; }

  std::vector<Row> Query(const std::string& sql, const std::string& doing) override {
    if (std::getenv("SLUICE_TRACE_QUERIES")) std::cerr << "sluice: " << sql << "\n";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      throw RunError(doing + ": " + sqlite3_errmsg(db_));
    }
    std::vector<Row> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row;
      for (int i = 0, n = sqlite3_column_count(stmt); i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            row.emplace_back();
            break;
          case SQLITE_FLOAT: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(stmt, i));
            row.emplace_back(buf);
            break;
          }
          default:
            row.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                            static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        }
      }
      rows.push_back(std::move(row));
    }
    std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (!message.empty()) throw RunError(doing + ": " + message);
    return rows;
  }

 private:
  sqlite3* db_ = nullptr;
  Dialect dialect_;
};

}  // namespace

std::unique_ptr<MonitorDatabase> OpenMonitorDatabase(const std::string& connection) {
  std::string file = ConnectionValue(connection, "Database");
  if (DetectDialect(connection).kind() == DialectKind::kSqlite && !file.empty()) {
    return std::make_unique<SqliteMonitorDatabase>(file);
  }
  return OpenOdbcMonitorDatabase(connection);
}

}  // namespace sluice

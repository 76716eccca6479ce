// What the monitor tests share: finding a metric in a run's result, and the planted-problem
// tables every database gets (the same rows, so the same figures are expected everywhere).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "monitor/monitor_result.h"

namespace sluice::testing {

inline const MetricResult* FindMetric(const MonitorResult& run, const std::string& table,
                                      const std::string& metric) {
  for (const TableResult& t : run.tables) {
    if (t.table != table) continue;
    for (const MetricResult& m : t.metrics) {
      if (m.metric == metric) return &m;
    }
  }
  return nullptr;
}

// Runs statements that change a SQLite database (QuerySqlite opens it read-only).
inline void ExecSqlite(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  char* error = nullptr;
  int rc = sqlite3_open(db.c_str(), &handle);
  if (rc == SQLITE_OK) rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : sqlite3_errmsg(handle);
  sqlite3_free(error);
  sqlite3_close(handle);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + message);
}

enum class PlantedDialect { kSqlite, kPostgres, kMariaDb };

// customers: ids 1..41 without 20 (40 rows, so the keys are not one dense range); email NULL
// for 1-3, malformed for 4 and 5, 6 and 7 copy 8's; signup_date impossible for 9 and 10;
// status 'active' but 41 'pending'; score 50-54 but 41 scores 1000.
// orders: ids 1..20; customer_id = id for 1-17, NULL for 18, 99 and 98 (no such customer) for
// 19 and 20; a declared foreign key the database does not enforce on these rows.
inline std::string PlantedShopSql(PlantedDialect d) {
  std::string sql =
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(100), "
      "signup_date VARCHAR(30), status VARCHAR(20), score INTEGER);\n";
  sql += d == PlantedDialect::kSqlite
             ? "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES "
               "customers(id), total DECIMAL(12,2), created_at TIMESTAMP);\n"
             : "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, "
               "total DECIMAL(12,2), created_at TIMESTAMP);\n";
  for (int i = 1; i <= 41; ++i) {
    if (i == 20) continue;
    std::string email = i <= 3   ? "NULL"
                        : i == 4 ? "'no-at-sign.example.com'"
                        : i == 5 ? "'a b@example.com'"
                        : i <= 7 ? "'user8@example.com'"
                                 : "'user" + std::to_string(i) + "@example.com'";
    char day[16];
    std::snprintf(day, sizeof day, "%02d", i % 28 + 1);
    std::string date = i == 9    ? "'2023-02-30'"
                       : i == 10 ? "'31/12/2022'"
                                 : std::string("'2023-01-") + day + "'";
    std::string status = i == 41 ? "'pending'" : "'active'";
    std::string score = i == 41 ? "1000" : std::to_string(50 + i % 5);
    sql += "INSERT INTO customers VALUES (" + std::to_string(i) + ", " + email + ", " + date +
           ", " + status + ", " + score + ");\n";
  }
  for (int i = 1; i <= 20; ++i) {
    std::string customer = i <= 17 ? std::to_string(i) : i == 18 ? "NULL" : i == 19 ? "99" : "98";
    char when[32];
    std::snprintf(when, sizeof when, "'2024-06-01 %02d:00:00'", i);
    sql += "INSERT INTO orders VALUES (" + std::to_string(i) + ", " + customer + ", " +
           std::to_string(10 + i) + ".25, " + when + ");\n";
  }
  if (d == PlantedDialect::kPostgres) {
    sql +=
        "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) "
        "REFERENCES customers(id) NOT VALID;\n";
  } else if (d == PlantedDialect::kMariaDb) {
    sql = "SET FOREIGN_KEY_CHECKS=0;\n" + sql +
          "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) "
          "REFERENCES customers(id);\n";
  }
  return sql;
}

// The monitor file of the planted tables.
inline std::string PlantedMonitorYaml(const std::string& connection) {
  return "version: 1\n"
         "name: planted\n"
         "connection: \"" +
         connection +
         "\"\n"
         "anomaly: off\n"
         "tables:\n"
         "  - name: customers\n"
         "    missing: { columns: [email], warn: \"> 5%\", fail: \"> 50%\" }\n"
         "    duplicates: { columns: [email], fail: \"> 0\" }\n"
         "    formats: { by_name: false, warn: \"> 0\", fail: \"> 5%\",\n"
         "               columns: { email: email, signup_date: date } }\n"
         "    outliers: { warn: \"> 0\" }\n"
         "    dominance: { warn: \"> 95%\" }\n"
         "  - name: orders\n"
         "    references: { fail: \"> 0\" }\n";
}

}  // namespace sluice::testing

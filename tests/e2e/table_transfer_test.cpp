// Cross-database transfers with the real binary and real servers: a shop schema (customers,
// products, orders, order_items with foreign keys) plus a table of awkward values goes
// SQLite -> PostgreSQL -> MariaDB -> SQLite and must come back equal, table by table.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice::testing {
namespace {

const char* const kTables[] = {"customers", "products", "orders", "order_items", "edge_cases"};

// NULL next to the empty string, Unicode, decimals to the last digit (within the 15 digits
// SQLite's DECIMAL affinity keeps), micro-second timestamps, dates before 1970, extreme
// integers.
const char kEdgeCases[] = R"sql(
CREATE TABLE edge_cases (id INTEGER PRIMARY KEY, label TEXT, amount DECIMAL(18,4), ratio DOUBLE,
                         born DATE, seen TIMESTAMP, big BIGINT);
INSERT INTO edge_cases VALUES
  (1, NULL, NULL, NULL, NULL, NULL, NULL),
  (2, '', 0, 0.0, '1969-12-31', '1970-01-01 00:00:00', 0),
  (3, 'Zoë 東京 😀', '1234567890123.45', 0.1, '1900-02-28', '2024-02-29 23:59:59.999999',
   9223372036854775807),
  (4, 'quote '' and "double" and \ backslash', '-0.0001', -2.5e-300, '2038-01-19',
   '1999-12-31 12:00:00.000001', -9223372036854775807),
  (5, 'line
break', '99999999.9999', 1.7976931348623157e308, '2000-01-01', '2000-01-01 00:00:00.500000', 42);
)sql";

std::string Job(const std::string& name, const std::string& from, const std::string& to) {
  return "name: " + name + "\nsource: { type: odbc, connection: \"" + from +
         "\", tables: all }\ntarget: { type: odbc, connection: \"" + to + "\", mode: replace }\n";
}

TEST(TableTransfer, ARoundTripThroughPostgresAndMariaDbGivesBackEveryTable) {
  TempDir dir;
  const std::string origin = dir.File("origin.db"), back = dir.File("back.db");
  ASSERT_EQ(RunCommand(std::string(SLUICE_SHOP_GENERATOR) +
                       " --customers 3000 --orders 6000 --seed 3 --out " + origin)
                .exit_code,
            0);
  WriteFile(dir.File("edge.sql"), kEdgeCases);
  ASSERT_EQ(RunCommand("sqlite3 " + origin + " < " + dir.File("edge.sql")).exit_code, 0);
  ThrowawayPostgres pg;
  ThrowawayMariaDb maria;
  const std::string sqlite_origin = "Driver=SQLite3;Database=" + origin;
  const std::string sqlite_back = "Driver=SQLite3;Database=" + back;
  const std::pair<std::string, std::string> hops[] = {{sqlite_origin, pg.connection()},
                                                      {pg.connection(), maria.connection()},
                                                      {maria.connection(), sqlite_back}};
  int hop = 0;
  for (const auto& [from, to] : hops) {
    const std::string job = dir.File("hop" + std::to_string(hop) + ".yaml");
    WriteFile(job, Job("hop" + std::to_string(hop++), from, to));
    CommandResult r = RunSluice("run -q " + job);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  for (const char* table : kTables) {
    const std::string all = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
    std::vector<std::string> before = QuerySqlite(origin, all), after = QuerySqlite(back, all);
    EXPECT_GT(before.size(), 0u) << table;
    EXPECT_EQ(after, before) << table;
  }
  // Keys and indexes came along.
  EXPECT_EQ(pg.Query("SELECT count(*) FROM information_schema.table_constraints WHERE "
                     "constraint_type = 'PRIMARY KEY' AND table_name = 'orders'"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(maria.Query("SELECT count(*) FROM information_schema.statistics WHERE "
                        "table_schema = 'sluice' AND table_name = 'orders' AND "
                        "index_name = 'PRIMARY'"),
            std::vector<std::string>{"1"});
}

TEST(TableTransfer, AResumedTransferSkipsTheTablesItFinished) {
  TempDir dir;
  const std::string origin = dir.File("origin.db"), copy = dir.File("copy.db");
  ASSERT_EQ(RunCommand(std::string(SLUICE_SHOP_GENERATOR) +
                       " --customers 2000 --orders 4000 --seed 4 --out " + origin)
                .exit_code,
            0);
  WriteFile(dir.File("job.yaml"),
            Job("copy", "Driver=SQLite3;Database=" + origin, "Driver=SQLite3;Database=" + copy));
  // An interrupted transfer: the whole is unfinished, customers done, orders half way.
  ASSERT_EQ(RunSluice("run -q " + dir.File("job.yaml")).exit_code, 0);
  const std::string load = QuerySqlite(copy,
                                       "SELECT run_id FROM sluice_checkpoints "
                                       "WHERE part = '*'")[0];
  ASSERT_EQ(RunCommand("sqlite3 " + copy +
                       " \"UPDATE sluice_checkpoints SET finished = 0 WHERE part IN ('*', "
                       "'orders'); DELETE FROM orders WHERE id > 1000; UPDATE sluice_checkpoints "
                       "SET source_key = '1000', line_number = 1000 WHERE part = 'orders'; "
                       "UPDATE customers SET name = 'kept' WHERE id = 1\"")
                .exit_code,
            0);
  CommandResult refused = RunSluice("run -q " + dir.File("job.yaml"));
  EXPECT_EQ(refused.exit_code, 5) << refused.output;
  CommandResult resumed = RunSluice("run --resume " + dir.File("job.yaml"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("customers was moved before the interruption"), std::string::npos)
      << resumed.output;
  // customers was not loaded again (the marker stays); orders continued after key 1000.
  EXPECT_EQ(QuerySqlite(copy, "SELECT name FROM customers WHERE id = 1"),
            std::vector<std::string>{"kept"});
  const std::string orders = "SELECT * FROM orders ORDER BY id";
  EXPECT_EQ(QuerySqlite(copy, orders), QuerySqlite(origin, orders));
  EXPECT_EQ(QuerySqlite(copy, "SELECT run_id, finished FROM sluice_checkpoints WHERE part = '*'"),
            std::vector<std::string>{load + "|1"});
}

}  // namespace
}  // namespace sluice::testing

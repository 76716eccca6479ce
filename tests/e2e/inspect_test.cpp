// `sluice test-connection` and `sluice inspect` run as a user would: the real binary against a
// SQLite file and a throwaway PostgreSQL server.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

const char* const kShop = R"(
CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
                     placed DATE, total DECIMAL(12,2));
CREATE INDEX orders_by_customer ON orders (customer_id, placed);
)";

std::string ShopDb(const TempDir& dir) {
  const std::string db = dir.File("shop.db");
  RunCommand("sqlite3 " + db + " < " + dir.Write("shop.sql", kShop));
  return db;
}

TEST(Inspect, TestConnectionPrintsDriverAndDatabaseVersions) {
  TempDir dir;
  CommandResult r = RunSluice("test-connection 'Driver=SQLite3;Database=" + ShopDb(dir) + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("driver:    sqlite3odbc.so "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("database:  SQLite 3."), std::string::npos) << r.output;
}

TEST(Inspect, TestConnectionExpandsVariablesAndNeverPrintsThePassword) {
  TempDir dir;
  CommandResult r = RunSluice(
      "test-connection 'Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=1;Database=x;UID=u;"
      "PWD=${SHOP_PASSWORD}'",
      "SHOP_PASSWORD=s3cr3t-pass");
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_EQ(r.output.find("s3cr3t-pass"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PWD=***"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(SQLSTATE 08001)"), std::string::npos) << r.output;
}

TEST(Inspect, ListsTablesInLoadOrder) {
  TempDir dir;
  CommandResult r = RunSluice("inspect 'Driver=SQLite3;Database=" + ShopDb(dir) + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "customers  (TABLE, 3 columns)\n"
            "orders  (TABLE, 4 columns)\n"
            "2 tables\n"
            "load order (referenced tables first): customers, orders\n");
}

TEST(Inspect, DescribesOneTableAsText) {
  TempDir dir;
  CommandResult r = RunSluice("inspect 'Driver=SQLite3;Database=" + ShopDb(dir) + "' orders");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "table orders\n"
            "columns:\n"
            "  id           integer        null      (INTEGER)\n"
            "  customer_id  integer        not null  (INTEGER)\n"
            "  placed       date           null      (DATE)\n"
            "  total        decimal(12,2)  null      (DECIMAL(12,2))\n"
            "primary key: id\n"
            "foreign keys:\n"
            "  (customer_id) -> customers (id)\n"
            "indexes:\n"
            "  sqlite_autoindex_0 unique (id)\n"
            "  orders_by_customer (customer_id, placed)\n");
}

TEST(Inspect, DescribesOneTableAsJson) {
  ThrowawayPostgres pg;
  pg.Execute(kShop);
  CommandResult r = RunSluice("inspect '" + pg.connection() + "' orders --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("{\"schema\":\"public\",\"name\":\"orders\",\"columns\":[{\"name\":"
                          "\"id\",\"ordinal\":1,\"type\":\"integer\",\"database_type\":\"int4\""),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("{\"name\":\"total\",\"ordinal\":4,\"type\":\"decimal(12,2)\""),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("\"primary_key\":[\"id\"]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("{\"name\":\"orders_customer_id_fkey\",\"columns\":[\"customer_id\"],"
                          "\"references\":{\"table\":\"customers\",\"columns\":[\"id\"]}}"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("{\"name\":\"orders_by_customer\",\"unique\":false,\"columns\":["
                          "\"customer_id\",\"placed\"]}"),
            std::string::npos)
      << r.output;
}

TEST(Inspect, AMissingTableExitsFourWithSqlstate) {
  TempDir dir;
  CommandResult r = RunSluice("inspect 'Driver=SQLite3;Database=" + ShopDb(dir) + "' nothere");
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("table nothere does not exist"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(SQLSTATE 42S02)"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sluice::testing

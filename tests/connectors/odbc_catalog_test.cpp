// Catalog look-ups on a customers/products/orders/order_items schema in SQLite, PostgreSQL and
// MariaDB: tables, columns with their types, primary keys, foreign keys, indexes, and the
// order tables load in.
#include "connectors/odbc/odbc_catalog.h"

#include <gtest/gtest.h>

#include <memory>

#include "connectors/odbc/connection_string.h"
#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice {
namespace {

using testing::TempDir;

const char* const kShop = R"(
CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200));
CREATE TABLE products (sku VARCHAR(20) PRIMARY KEY, title TEXT, price DECIMAL(10,2));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
                     placed DATE);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL,
                          sku VARCHAR(20) REFERENCES products(sku), qty INTEGER,
                          PRIMARY KEY (order_id, line));
CREATE INDEX orders_by_customer ON orders (customer_id, placed);
CREATE UNIQUE INDEX customers_email ON customers (email);
)";

enum class Db { kSqlite, kPostgres, kMariaDb };

struct Shop {
  TempDir dir;
  std::unique_ptr<testing::ThrowawayPostgres> pg;
  std::unique_ptr<testing::ThrowawayMariaDb> maria;
};
Shop* g_shop = nullptr;

class OdbcCatalogTest : public ::testing::TestWithParam<Db> {
 public:
  static void SetUpTestSuite() {
    g_shop = new Shop;
    testing::RunCommand("sqlite3 " + g_shop->dir.File("shop.db") + " < " +
                        g_shop->dir.Write("shop.sql", kShop));
    g_shop->pg = std::make_unique<testing::ThrowawayPostgres>();
    g_shop->pg->Execute(kShop);
    g_shop->maria = std::make_unique<testing::ThrowawayMariaDb>();
    g_shop->maria->Execute(kShop);
  }
  static void TearDownTestSuite() {
    delete g_shop;
    g_shop = nullptr;
  }

 protected:
  std::string Connection() const {
    switch (GetParam()) {
      case Db::kSqlite:
        return "Driver=SQLite3;Database=" + g_shop->dir.File("shop.db");
      case Db::kPostgres:
        return g_shop->pg->connection();
      case Db::kMariaDb:
        return g_shop->maria->connection();
    }
    return "";
  }
  TableDescription Describe(OdbcConnection& c, const std::string& table) const {
    return DescribeTable(c, FindTable(c, table));
  }
};

std::vector<std::string> Names(const std::vector<TableRef>& tables) {
  std::vector<std::string> out;
  for (const TableRef& t : tables) out.push_back(t.name);
  return out;
}

TEST_P(OdbcCatalogTest, ListsTheTablesInNameOrder) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  EXPECT_EQ(Names(ListTables(c)),
            (std::vector<std::string>{"customers", "order_items", "orders", "products"}));
}

TEST_P(OdbcCatalogTest, DescribesColumnsWithTypesAndNullability) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  TableDescription d = Describe(c, "products");
  std::vector<std::string> columns;
  for (const CatalogColumn& col : d.columns) {
    columns.push_back(std::to_string(col.ordinal) + " " + col.name + " " + col.type.ToString() +
                      (col.nullable ? "" : " not null"));
  }
  // SQLite reports a PRIMARY KEY column nullable unless declared NOT NULL.
  const std::string sku = GetParam() == Db::kSqlite ? "1 sku text" : "1 sku text not null";
  EXPECT_EQ(columns, (std::vector<std::string>{sku, "2 title text", "3 price decimal(10,2)"}));
  EXPECT_EQ(d.primary_key, std::vector<std::string>{"sku"});
  TableDescription customers = Describe(c, "customers");
  EXPECT_FALSE(customers.columns[1].nullable);
  EXPECT_EQ(customers.columns[0].type.ToString(), "integer");
}

TEST_P(OdbcCatalogTest, FindsACompositePrimaryKeyAndTheForeignKeys) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  TableDescription d = Describe(c, "order_items");
  EXPECT_EQ(d.primary_key, (std::vector<std::string>{"order_id", "line"}));
  std::vector<std::string> fks;
  for (const ForeignKey& fk : d.foreign_keys) {
    ASSERT_EQ(fk.columns.size(), 1u);
    fks.push_back(fk.columns[0] + " -> " + fk.referenced_table + "." + fk.referenced_columns[0]);
  }
  std::sort(fks.begin(), fks.end());
  EXPECT_EQ(fks, (std::vector<std::string>{"order_id -> orders.id", "sku -> products.sku"}));
}

TEST_P(OdbcCatalogTest, FindsIndexesWithTheirColumnsAndUniqueness) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  bool found = false;
  for (const IndexInfo& i : Describe(c, "orders").indexes) {
    if (i.name != "orders_by_customer") continue;
    found = true;
    EXPECT_FALSE(i.unique);
    EXPECT_EQ(i.columns, (std::vector<std::string>{"customer_id", "placed"}));
  }
  EXPECT_TRUE(found);
  found = false;
  for (const IndexInfo& i : Describe(c, "customers").indexes) {
    if (i.name != "customers_email") continue;
    found = true;
    EXPECT_TRUE(i.unique);
    EXPECT_EQ(i.columns, std::vector<std::string>{"email"});
  }
  EXPECT_TRUE(found);
}

TEST_P(OdbcCatalogTest, OrdersTablesSoReferencedOnesComeFirst) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  std::vector<TableDescription> all;
  for (const TableRef& t : ListTables(c)) all.push_back(DescribeTable(c, t));
  DependencyOrder order = OrderByDependencies(all);
  EXPECT_EQ(order.tables,
            (std::vector<std::string>{"customers", "orders", "products", "order_items"}));
  EXPECT_TRUE(order.cyclic.empty());
}

TEST_P(OdbcCatalogTest, AMissingTableIsSqlstate42S02) {
  const std::string conn = Connection();
  OdbcConnection c(conn, MaskConnectionString(conn));
  try {
    FindTable(c, "order_itemz");
    FAIL() << "expected OdbcError";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "42S02");
  }
  // '_' is a wildcard in catalog patterns: it must not match another table.
  EXPECT_THROW(FindTable(c, "order_item_"), OdbcError);
}

INSTANTIATE_TEST_SUITE_P(Databases, OdbcCatalogTest,
                         ::testing::Values(Db::kSqlite, Db::kPostgres, Db::kMariaDb),
                         [](const ::testing::TestParamInfo<Db>& info) {
                           return info.param == Db::kSqlite     ? std::string("SQLite")
                                  : info.param == Db::kPostgres ? std::string("PostgreSQL")
                                                                : std::string("MariaDB");
                         });

TableDescription Table(const std::string& name, const std::vector<std::string>& references) {
  TableDescription d;
  d.table.name = name;
  for (const std::string& r : references) d.foreign_keys.push_back({"", {"x"}, r, {"id"}});
  return d;
}

TEST(OdbcDependencyOrder, PutsReferencedTablesFirstAndTiesInNameOrder) {
  DependencyOrder o = OrderByDependencies({Table("c", {"a"}), Table("b", {}), Table("a", {}),
                                           Table("d", {"c", "b", "elsewhere"}), Table("e", {"e"})});
  EXPECT_EQ(o.tables, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_TRUE(o.cyclic.empty());
}

TEST(OdbcDependencyOrder, KeepsACycleInNameOrderAndSaysSo) {
  DependencyOrder o = OrderByDependencies(
      {Table("y", {"x"}), Table("x", {"y"}), Table("base", {}), Table("z", {"y"})});
  EXPECT_EQ(o.tables, (std::vector<std::string>{"base", "x", "y", "z"}));
  EXPECT_EQ(o.cyclic, (std::vector<std::string>{"x", "y", "z"}));
}

}  // namespace
}  // namespace sluice

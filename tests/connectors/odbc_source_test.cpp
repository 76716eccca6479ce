// The ODBC source against real databases (SQLite file, throwaway PostgreSQL and MariaDB):
// every type arrives as the text that casts back to the same value, long values intact,
// keyset pages give every row once in key order, SeekTo resumes after the key, errors are
// clear and never show a password.
#include "connectors/odbc/odbc_source.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>

#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice {
namespace {

using testing::TempDir;
using testing::ThrowawayMariaDb;
using testing::ThrowawayPostgres;

// kSqliteNative: the same SQLite file, its rows read through SQLite's own library.
enum class Db { kSqlite, kSqliteNative, kPostgres, kMariaDb };

// One database of each kind for the whole suite; servers stop when the suite ends.
struct Databases {
  TempDir dir;
  std::string sqlite_connection;
  std::unique_ptr<ThrowawayPostgres> pg;
  std::unique_ptr<ThrowawayMariaDb> maria;
};
Databases* g_dbs = nullptr;

void ExecSqlite(const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(g_dbs->dir.File("source.db").c_str(), &db);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + message + " in " + sql);
}

class OdbcSourceTest : public ::testing::TestWithParam<Db> {
 public:
  static void SetUpTestSuite() {
    g_dbs = new Databases;
    g_dbs->sqlite_connection = "Driver=SQLite3;Database=" + g_dbs->dir.File("source.db");
    g_dbs->pg = std::make_unique<ThrowawayPostgres>();
    g_dbs->maria = std::make_unique<ThrowawayMariaDb>();
  }
  static void TearDownTestSuite() {
    delete g_dbs;
    g_dbs = nullptr;
  }

 protected:
  Db db() const { return GetParam(); }
  std::string Connection() const {
    switch (db()) {
      case Db::kSqlite:
      case Db::kSqliteNative:
        return g_dbs->sqlite_connection;
      case Db::kPostgres:
        return g_dbs->pg->connection();
      case Db::kMariaDb:
        return g_dbs->maria->connection();
    }
    return "";
  }
  void Exec(const std::string& sql) const {
    switch (db()) {
      case Db::kSqlite:
      case Db::kSqliteNative:
        ExecSqlite(sql);
        break;
      case Db::kPostgres:
        g_dbs->pg->Execute(sql);
        break;
      case Db::kMariaDb:
        g_dbs->maria->Execute("SET NAMES utf8mb4; " + sql);  // the client defaults to 3-byte utf8
        break;
    }
  }
  // Per database: SQLite, PostgreSQL, MariaDB spelling.
  std::string Pick(const std::string& sqlite, const std::string& pg,
                   const std::string& maria) const {
    return IsSqlite() ? sqlite : db() == Db::kPostgres ? pg : maria;
  }
  bool IsSqlite() const { return db() == Db::kSqlite || db() == Db::kSqliteNative; }
  void Recreate(const std::string& table, const std::string& columns) const {
    Exec("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (" + columns + ")");
  }
  OdbcSourceOptions Table(const std::string& table) const {
    OdbcSourceOptions o;
    o.connection = Connection();
    o.sqlite_native = db() == Db::kSqliteNative;
    o.table = table;
    return o;
  }
  // Inserts ids 1..n (in a scrambled order) with name 'n<id>'.
  void FillNumbers(const std::string& table, int n) const {
    Recreate(table, "id INTEGER PRIMARY KEY, name VARCHAR(20)");
    std::string sql;
    for (int i = 0; i < n; ++i) {
      const int id = (i * 7919) % n + 1;
      sql += (sql.empty() ? "INSERT INTO " + table + " VALUES " : ", ") +
             ("(" + std::to_string(id) + ", 'n" + std::to_string(id) + "')");
    }
    Exec(sql);
  }
};

// Every row of the source as "a|b|c" (NULL as \N), read in batches of `batch` rows; origins
// collects each row's line.
std::vector<std::string> ReadAll(Source& source, size_t batch_rows = 1000,
                                 std::vector<uint64_t>* origins = nullptr) {
  std::vector<std::string> rows;
  Batch batch;
  for (bool more = true; more;) {
    batch.Clear();
    more = source.ReadNext(batch, batch_rows);
    EXPECT_LE(batch.num_rows(), batch_rows);
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::string row;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c) row += '|';
        row +=
            batch.columns[c].IsNull(r) ? std::string("\\N") : std::string(batch.columns[c].text[r]);
      }
      rows.push_back(row);
      if (origins) origins->push_back(batch.origins[r].line);
    }
  }
  return rows;
}

std::vector<std::string> Numbers(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(std::to_string(i) + "|n" + std::to_string(i));
  return out;
}

TEST_P(OdbcSourceTest, ReadsEveryTypeAsTextThatCastsBackToTheSameValue) {
  Recreate("types", "id INTEGER PRIMARY KEY, i INTEGER, big BIGINT, b " +
                        Pick("BOOLEAN", "BOOLEAN", "BIT(1)") +
                        ", d DECIMAL(16,2), wide DECIMAL(30,10), r " +
                        Pick("DOUBLE", "DOUBLE PRECISION", "DOUBLE") + ", dt DATE, ts " +
                        Pick("TIMESTAMP", "TIMESTAMP", "DATETIME(6)") +
                        ", tx TEXT, vc VARCHAR(40), bin " + Pick("BLOB", "BYTEA", "VARBINARY(16)"));
  const std::string bin = Pick("x'00ff41'", "'\\x00ff41'::bytea", "x'00ff41'");
  const std::string yes = Pick("1", "true", "b'1'");
  const std::string no = Pick("0", "false", "b'0'");
  Exec("INSERT INTO types VALUES (1, -42, 9007199254740993, " + yes +
       ", 12345678901234.56, 12345678901234567890.0123456789, 0.30000000000000004, "
       "'1960-02-29', '1969-12-31 23:59:59.123456', 'Zoë 東京 😀', 'x', " +
       bin + ")");
  Exec("INSERT INTO types VALUES (2, NULL, NULL, " + no +
       ", -0.01, NULL, NULL, NULL, NULL, '', '', NULL)");

  OdbcSource source(Table("types"));
  const Schema& s = source.schema();
  std::vector<std::string> types;
  for (const Field& f : s.fields) types.push_back(f.name + ":" + f.type.ToString());
  EXPECT_EQ(types, (std::vector<std::string>{"id:integer", "i:integer", "big:integer", "b:boolean",
                                             "d:decimal(16,2)", "wide:text", "r:double", "dt:date",
                                             "ts:timestamp", "tx:text", "vc:text", "bin:text"}));
  // SQLite stores DECIMAL(30,10) as a REAL: the exact value of the double it kept.
  const std::string wide = Pick("12345678901234567168", "12345678901234567890.0123456789",
                                "12345678901234567890.0123456789");
  EXPECT_EQ(
      ReadAll(source),
      (std::vector<std::string>{
          "1|-42|9007199254740993|1|12345678901234.56|" + wide +
              "|0.30000000000000004|1960-02-29|1969-12-31 23:59:59.123456|Zoë 東京 😀|x|00ff41",
          "2|\\N|\\N|0|-0.01|\\N|\\N|\\N|\\N|||\\N"}));

  // The text of every typed column casts to the value it came from.
  source.SeekTo({});
  Batch batch;
  source.ReadNext(batch, 10);
  const std::vector<std::pair<size_t, std::string>> typed = {
      {1, "-42"},        {2, "9007199254740993"},          {3, "1"}, {4, "12345678901234.56"},
      {7, "1960-02-29"}, {8, "1969-12-31 23:59:59.123456"}};
  for (const auto& [c, expected] : typed) {
    int64_t v = 0;
    std::string reason, formatted;
    ASSERT_TRUE(CastToInt(batch.columns[c].text[0], s.fields[c].type, v, reason)) << reason;
    FormatInt(v, s.fields[c].type, formatted);
    EXPECT_EQ(formatted, expected) << s.fields[c].name;
  }
  double r = 0;
  std::string reason;
  ASSERT_TRUE(CastToReal(batch.columns[6].text[0], r, reason));
  EXPECT_EQ(r, 0.1 + 0.2);
}

TEST_P(OdbcSourceTest, ZonedTimestampsArriveInUtcWithoutAnOffset) {
  if (IsSqlite()) GTEST_SKIP() << "SQLite has no zoned timestamps";
  Recreate("zoned", "id INTEGER PRIMARY KEY, at " +
                        Pick("", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP(6) NULL") + ", flag " +
                        Pick("", "BOOLEAN", "BOOLEAN"));
  // The writing session is in another zone; the source's session reads in UTC.
  Exec(Pick("", "SET TIME ZONE 'Europe/Berlin'; ", "SET time_zone = '+02:00'; ") +
       "INSERT INTO zoned VALUES (1, '2024-07-01 12:30:00.654321', " + Pick("", "true", "true") +
       ")");
  // A session that would otherwise run in Tokyo time (libpq reads PGTZ).
  setenv("PGTZ", "Asia/Tokyo", 1);
  OdbcSource source(Table("zoned"));
  unsetenv("PGTZ");
  EXPECT_EQ(source.schema().fields[1].type.ToString(), "timestamp");
  // MariaDB's BOOLEAN is TINYINT(1): an integer column whose "1" casts to boolean as well.
  EXPECT_EQ(source.schema().fields[2].type.ToString(), Pick("", "boolean", "integer"));
  EXPECT_EQ(ReadAll(source), std::vector<std::string>{"1|2024-07-01 10:30:00.654321|1"});
}

TEST_P(OdbcSourceTest, KeepsAOneMegabyteValueAndItsNeighboursIntact) {
  Recreate("long_values", "id INTEGER PRIMARY KEY, note " + Pick("TEXT", "TEXT", "LONGTEXT") +
                              ", short_note VARCHAR(10)");
  std::string sql = "INSERT INTO long_values VALUES ";
  for (int i = 1; i <= 50; ++i) {
    sql += (i > 1 ? ", " : "") + ("(" + std::to_string(i) + ", 'note " + std::to_string(i) +
                                  "', 's" + std::to_string(i) + "')");
  }
  Exec(sql);
  const std::string mega(1 << 20, 'z');
  const std::string long_short(3000, 'q');  // longer than its declared VARCHAR(10) lets a buffer be
  Exec("UPDATE long_values SET note = '" + mega + "' WHERE id IN (7, 8, 31)");
  if (IsSqlite()) Exec("UPDATE long_values SET short_note = '" + long_short + "' WHERE id = 40");

  OdbcSourceOptions o = Table("long_values");
  o.fetch_rows = 8;
  OdbcSource source(o);
  std::vector<std::string> rows = ReadAll(source, 5);
  ASSERT_EQ(rows.size(), 50u);
  for (int i = 1; i <= 50; ++i) {
    const bool big = i == 7 || i == 8 || i == 31;
    const std::string short_note = IsSqlite() && i == 40 ? long_short : "s" + std::to_string(i);
    EXPECT_EQ(rows[i - 1], std::to_string(i) + "|" + (big ? mega : "note " + std::to_string(i)) +
                               "|" + short_note)
        << "row " << i;
  }
}

TEST_P(OdbcSourceTest, ALongValueComesThroughAQueryWithoutAKey) {
  Recreate("long_query", "id INTEGER, note " + Pick("TEXT", "TEXT", "LONGTEXT"));
  const std::string mega(1 << 20, 'y');
  Exec("INSERT INTO long_query VALUES (1, 'a'), (2, '" + mega + "'), (3, 'c')");
  OdbcSourceOptions o;
  o.connection = Connection();
  o.sqlite_native = db() == Db::kSqliteNative;
  o.query = "SELECT id, note FROM long_query ORDER BY id";
  OdbcSource source(o);
  EXPECT_EQ(ReadAll(source), (std::vector<std::string>{"1|a", "2|" + mega, "3|c"}));
}

TEST_P(OdbcSourceTest, KeysetPagesGiveEveryRowOnceInKeyOrder) {
  FillNumbers("paged", 2500);
  OdbcSourceOptions o = Table("paged");
  o.page_rows = 300;
  o.fetch_rows = 64;
  OdbcSource source(o);
  EXPECT_EQ(source.key(), "id");
  std::vector<uint64_t> lines;
  EXPECT_EQ(ReadAll(source, 100, &lines), Numbers(1, 2500));
  ASSERT_EQ(lines.size(), 2500u);
  EXPECT_EQ(lines.front(), 1u);
  EXPECT_EQ(lines.back(), 2500u);
  EXPECT_EQ(source.Position(), (SourcePosition{0, 2500, "2500"}));
}

TEST_P(OdbcSourceTest, StreamsInKeyOrderWithoutPages) {
  FillNumbers("streamed", 1000);
  OdbcSourceOptions o = Table("streamed");
  o.page_rows = 0;
  o.fetch_rows = 77;
  OdbcSource source(o);
  EXPECT_EQ(ReadAll(source, 128), Numbers(1, 1000));
}

TEST_P(OdbcSourceTest, SeekToResumesAfterTheKey) {
  FillNumbers("resumed", 1000);
  OdbcSourceOptions o = Table("resumed");
  o.page_rows = 128;
  o.fetch_rows = 50;
  SourcePosition at;
  {
    OdbcSource first(o);
    Batch batch;
    ASSERT_TRUE(first.ReadNext(batch, 250));
    ASSERT_EQ(batch.num_rows(), 250u);
    at = first.Position();
  }
  EXPECT_EQ(at, (SourcePosition{0, 250, "250"}));
  OdbcSource second(o);
  second.SeekTo(at);
  std::vector<uint64_t> lines;
  EXPECT_EQ(ReadAll(second, 100, &lines), Numbers(251, 1000));
  EXPECT_EQ(lines.front(), 251u);
}

TEST_P(OdbcSourceTest, AFilterNarrowsATable) {
  FillNumbers("filtered", 100);
  OdbcSourceOptions o = Table("filtered");
  o.where = "id > 95";
  o.page_rows = 2;
  OdbcSource source(o);
  EXPECT_EQ(ReadAll(source), Numbers(96, 100));
}

TEST_P(OdbcSourceTest, AQueryWithAKeyPagesAndResumes) {
  FillNumbers("queried", 600);
  OdbcSourceOptions o;
  o.connection = Connection();
  o.sqlite_native = db() == Db::kSqliteNative;
  o.query = "SELECT id, name FROM queried WHERE id > 100";
  o.key = "id";
  o.page_rows = 70;
  o.fetch_rows = 16;
  OdbcSource source(o);
  EXPECT_EQ(source.source_name(), "query");
  EXPECT_EQ(ReadAll(source, 33), Numbers(101, 600));
  OdbcSource resumed(o);
  resumed.SeekTo({0, 400, "500"});
  EXPECT_EQ(ReadAll(resumed), Numbers(501, 600));
}

TEST_P(OdbcSourceTest, AQueryWithoutAKeyCannotResume) {
  FillNumbers("unkeyed", 10);
  OdbcSourceOptions o;
  o.connection = Connection();
  o.sqlite_native = db() == Db::kSqliteNative;
  o.query = "SELECT name FROM unkeyed";
  OdbcSource source(o);
  EXPECT_EQ(ReadAll(source).size(), 10u);
  source.SeekTo({});  // the start is always fine
  try {
    source.SeekTo({0, 5, ""});
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("a query can only resume with key:"), std::string::npos)
        << e.what();
  }
}

TEST_P(OdbcSourceTest, RowsCarryTheirNumberAndARecordToFindThemBy) {
  FillNumbers("origins", 3);
  OdbcSource source(Table("origins"));
  Batch batch;
  ASSERT_TRUE(source.ReadNext(batch, 10));
  EXPECT_EQ(batch.source_name, "origins");
  ASSERT_EQ(batch.num_rows(), 3u);
  EXPECT_EQ(batch.origins[2].line, 3u);
  EXPECT_EQ(batch.origins[2].byte_offset, 0u);
  EXPECT_EQ(batch.raw_records[2], "id=3, name=n3");
}

TEST_P(OdbcSourceTest, ADuplicateKeyStopsTheRead) {
  Recreate("dupes", "k INTEGER, v VARCHAR(5)");
  Exec("INSERT INTO dupes VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd')");
  OdbcSourceOptions o = Table("dupes");
  o.key = "k";
  OdbcSource source(o);
  EXPECT_THROW(ReadAll(source), RunError);
}

TEST_P(OdbcSourceTest, AMissingTableIsAClearErrorWithItsSqlstate) {
  try {
    OdbcSource source(Table("no_such_table"));
    FAIL() << "expected OdbcError";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "42S02");
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
}

TEST_P(OdbcSourceTest, ABadQueryCarriesTheDatabaseSqlstate) {
  OdbcSourceOptions o;
  o.connection = Connection();
  o.sqlite_native = db() == Db::kSqliteNative;
  o.query = "SELECT nope FROM no_such_table";
  try {
    OdbcSource source(o);
    FAIL() << "expected OdbcError";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), Pick("HY000", "42P01", "42S02")) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, OdbcSourceTest,
                         ::testing::Values(Db::kSqlite, Db::kSqliteNative, Db::kPostgres,
                                           Db::kMariaDb),
                         [](const ::testing::TestParamInfo<Db>& info) {
                           return info.param == Db::kSqlite         ? std::string("SQLite")
                                  : info.param == Db::kSqliteNative ? std::string("SQLiteNative")
                                  : info.param == Db::kPostgres     ? std::string("PostgreSQL")
                                                                    : std::string("MariaDB");
                         });

TEST(OdbcSource, AFailedConnectionNamesTheServerButNeverThePassword) {
  OdbcSourceOptions o;
  o.connection =
      "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=1;Database=x;UID=u;PWD=hunter2secret";
  o.table = "t";
  try {
    OdbcSource source(o);
    FAIL() << "expected OdbcError";
  } catch (const OdbcError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
    EXPECT_NE(what.find("PWD=***"), std::string::npos) << what;
    EXPECT_FALSE(e.sqlstate().empty());
  }
}

TEST(OdbcSource, OptionsNameTheKeyThatIsWrong) {
  OdbcSourceOptions o;
  o.connection = "Driver=SQLite3;Database=x.db";
  EXPECT_THROW(o.Validate(), ConfigError);  // neither table nor query
  o.table = "t";
  o.query = "SELECT 1";
  EXPECT_THROW(o.Validate(), ConfigError);  // both
  o.query.clear();
  o.fetch_rows = 0;
  try {
    o.Validate();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "source.fetch_rows: must be at least 1");
  }
}

TEST(OdbcSource, SqliteRealsKeepEveryDigit) {
  TempDir dir;
  const std::string path = dir.File("reals.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE r (id INTEGER PRIMARY KEY, x REAL, n NUMERIC)", nullptr, nullptr,
               nullptr);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO r VALUES (?, ?, ?)", -1, &insert, nullptr);
  std::vector<double> values;
  uint64_t state = 88172645463325252ull;
  for (int i = 1; i <= 2000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    double v;
    std::memcpy(&v, &state, sizeof v);
    if (!std::isfinite(v)) v = static_cast<double>(state % 1000003) / 7.0;
    values.push_back(v);
    sqlite3_bind_int(insert, 1, i);
    sqlite3_bind_double(insert, 2, v);
    sqlite3_bind_double(insert, 3, v);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "INSERT INTO r VALUES (2001, 'text', 9007199254740993); COMMIT", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);

  for (bool native : {false, true}) {
    SCOPED_TRACE(native ? "SQLite's library" : "sqliteodbc");
    OdbcSourceOptions o;
    o.connection = "Driver=SQLite3;Database=" + path;
    o.table = "r";
    o.sqlite_native = native;
    OdbcSource source(o);
    std::vector<std::string> rows = ReadAll(source);
    ASSERT_EQ(rows.size(), 2001u);
    size_t wrong = 0;
    for (size_t i = 0; i < values.size() && wrong < 5; ++i) {
      const std::string& row = rows[i];
      const std::string x = row.substr(row.find('|') + 1, row.rfind('|') - row.find('|') - 1);
      double back = 0;
      std::string reason;
      if (!CastToReal(x, back, reason) || back != values[i]) {
        ++wrong;
        ADD_FAILURE() << "row " << i + 1 << ": " << x;
      }
    }
    EXPECT_EQ(rows.back(), "2001|text|9007199254740993");
  }
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

// SQLite's own library must give what sqliteodbc gives, value for value, whatever a column's
// declared type and whatever storage class a value has (SQLite keeps any value in any column).
TEST(OdbcSource, SqliteNativeRowsEqualTheDriversRows) {
  TempDir dir;
  const std::string path = dir.File("mixed.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const char* setup = R"sql(
    CREATE TABLE mixed (id INTEGER PRIMARY KEY, t TEXT, i INTEGER, r REAL, n NUMERIC,
      d DECIMAL(10,2), b BLOB, u, flag BOOLEAN, day DATE, at TIMESTAMP, v VARCHAR(8));
    INSERT INTO mixed VALUES
      (1, 'plain', 42, 1.5, 7, 12.34, x'00ff10', 'untyped', 1, '2024-01-05', '2024-01-05 10:11:12', 'v'),
      (2, 'ünïcødé ✓ 𝄞', -9223372036854775808, 1e300, 1.25, -0.5, x'', 3.0, 0, '1000-01-01', '9999-12-31 23:59:59.999999', ''),
      (3, '', 9223372036854775807, -0.0, 'text in numeric', 99999999.99, 'text in blob', x'4abc', 5, 'not a date', 12, 3.25),
      (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (5, 'quote '' and "double"', 0, 2.5e-300, 1e20, 1e-7, x'deadbeef', 1e20, 1, 20240105, 1.5, 'a,b'),
      (6, 'line
break', 1.5, 3, 123456789012345678, 0.1, 7, -7, 'yes', '2024-02-30', 'noon', x'6869');
    UPDATE mixed SET t = 12.75, i = 'twelve' WHERE id = 3;
  )sql";
  ASSERT_EQ(sqlite3_exec(db, setup, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);

  auto read = [&](bool native, bool query) {
    OdbcSourceOptions o;
    o.connection = "Driver=SQLite3;Database=" + path;
    if (query) {
      o.query = "SELECT id, t, i, n, u, flag, day, v, r * 3 AS tripled, b FROM mixed ORDER BY id";
    } else {
      o.table = "mixed";
    }
    o.fetch_rows = 2;  // several blocks
    o.sqlite_native = native;
    OdbcSource source(o);
    return ReadAll(source, 4);
  };
  for (bool query : {false, true}) {
    SCOPED_TRACE(query ? "query" : "table");
    const std::vector<std::string> driver = read(false, query);
    const std::vector<std::string> native = read(true, query);
    ASSERT_EQ(driver.size(), 6u);
    EXPECT_EQ(native, driver);
  }
}

}  // namespace
}  // namespace sluice

// The native PostgreSQL reader against a throwaway server: every type arrives as the text
// OdbcSource gives, a table or query reads exactly as through OdbcSource (schema, rows, records,
// positions), SeekTo resumes after a key, errors are clear and never show a password, and an
// export job writes the same bytes with and without the fast path.
#include "connectors/postgres/pg_copy_source.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_source.h"
#include "pipeline/errors.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::CommandResult;
using testing::ReadFile;
using testing::TempDir;
using testing::ThrowawayPostgres;

// One server for the suite; each test reads its own tables.
ThrowawayPostgres* g_pg = nullptr;

// Everything a source hands out, as text: "name:type[ NOT NULL]" per field, then per row its
// values ("a|b", NULL as \N), line and raw record, then the final position.
struct Read {
  std::vector<std::string> schema;
  std::vector<std::string> rows;
  std::vector<uint64_t> lines;
  std::vector<std::string> records;
  SourcePosition end;
};

Read ReadAll(Source& source, size_t batch_rows = 1000) {
  Read read;
  for (const Field& f : source.schema().fields) {
    read.schema.push_back(f.name + ":" + f.type.ToString() + (f.nullable ? "" : " NOT NULL"));
  }
  Batch batch;
  for (bool more = true; more;) {
    batch.Clear();
    more = source.ReadNext(batch, batch_rows);
    EXPECT_LE(batch.num_rows(), batch_rows);
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::string row;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c) row += '|';
        const Column& column = batch.columns[c];
        row += column.IsNull(r) ? std::string("\\N") : std::string(column.text[r]);
      }
      read.rows.push_back(row);
      read.lines.push_back(batch.origins[r].line);
      read.records.push_back(std::string(batch.raw_records[r]));
    }
  }
  read.end = source.Position();
  return read;
}

void ExpectSameRead(const Read& copy, const Read& odbc) {
  EXPECT_EQ(copy.schema, odbc.schema);
  EXPECT_EQ(copy.rows, odbc.rows);
  EXPECT_EQ(copy.lines, odbc.lines);
  EXPECT_EQ(copy.records, odbc.records);
  EXPECT_EQ(copy.end, odbc.end);
}

class PgCopySourceTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() { g_pg = new ThrowawayPostgres; }
  static void TearDownTestSuite() {
    delete g_pg;
    g_pg = nullptr;
  }

 protected:
  ThrowawayPostgres& pg() { return *g_pg; }
  PgCopySourceOptions Copy(const std::string& table, const std::string& key = "") {
    PgCopySourceOptions o;
    o.connection = pg().connection();
    o.table = table;
    o.key = key;
    return o;
  }
  OdbcSourceOptions Odbc(const PgCopySourceOptions& copy) {
    OdbcSourceOptions o;
    o.connection = copy.connection;
    o.table = copy.table;
    o.query = copy.query;
    o.key = copy.key;
    o.where = copy.where;
    return o;
  }
  // Ids 1..n inserted in a scrambled order, with name 'n<id>'.
  void FillNumbers(const std::string& table, int n) {
    std::string sql = "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table +
                      " (id INTEGER PRIMARY KEY, name VARCHAR(20)); INSERT INTO " + table +
                      " SELECT (i * 7919) % " + std::to_string(n) + " + 1, 'n' || ((i * 7919) % " +
                      std::to_string(n) + " + 1) FROM generate_series(0, " + std::to_string(n - 1) +
                      ") AS i";
    pg().Execute(sql);
  }
};

std::vector<std::string> Numbers(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(std::to_string(i) + "|n" + std::to_string(i));
  return out;
}

// The edge cases of the issue in one table, three rows apart from a row of NULLs.
constexpr char kEdgeTable[] = R"sql(
DROP TABLE IF EXISTS edge;
CREATE TABLE edge (id BIGINT PRIMARY KEY, note TEXT, maybe TEXT, wide NUMERIC(38,8),
  loose NUMERIC, hundreds NUMERIC(6,-2), price NUMERIC(12,2), big BIGINT, r REAL,
  d DOUBLE PRECISION, flag BOOLEAN, born DATE, seen TIMESTAMP, seen_tz TIMESTAMPTZ, blob BYTEA,
  "Odd ""Name"" col" VARCHAR(20), code CHAR(4), u UUID, small SMALLINT);
INSERT INTO edge VALUES
 (1, 'Zoë 東京 😀', '', 123456789012345678901234567890.12345678, 0.000000000000000000001,
  12345, 1234567890.12, 9223372036854775807, 3.4028235e38, 1e-300, true, '1960-02-29',
  '1969-12-31 23:59:59.123456', '2024-07-01 12:30:00.654321+02', '\x00ff41', 'x', 'ab',
  'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', -32768),
 (2, E'tab\there\nnew\\line\rcr ''single'' "double"', NULL, -0.00000001, -123456789.5e10,
  -50, -0.01, -9223372036854775808, 1.17549435e-38, 1.7976931348623157e308, false,
  '1901-12-13', '1970-01-01 00:00:00', '1969-07-20 20:17:40.000001+00', '', NULL, 'abcd',
  NULL, 32767),
 (3, E'\\N', E'\\', 0, 'NaN', 0, 0, 0, 'NaN', 0.30000000000000004, NULL, '2038-01-19',
  '2262-04-11 23:47:16.854775', '1900-01-01 00:00:00+05:30', '\x5c0a09', E'\b\f\x0b\x01', ' ',
  NULL, 0),
 (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL);
)sql";

struct TypeCase {
  std::string type;     // the column's type
  std::string literal;  // its value in SQL
  std::string read_as;  // DataType::ToString()
  std::string text;     // what both readers give
};

TEST_F(PgCopySourceTest, EachTypeArrivesAsTheTextOdbcSourceGives) {
  const std::vector<TypeCase> cases = {
      {"BOOLEAN", "true", "boolean", "1"},
      {"BOOLEAN", "false", "boolean", "0"},
      {"BYTEA", "'\\x00ff41'", "text", "00ff41"},
      {"BYTEA", "''", "text", ""},
      {"TIMESTAMPTZ", "'2024-07-01 12:30:00.654321+02'", "timestamp", "2024-07-01 10:30:00.654321"},
      {"TIMESTAMP", "'1969-12-31 23:59:59.123456'", "timestamp", "1969-12-31 23:59:59.123456"},
      {"TIMESTAMP(0)", "'2024-01-01 10:00:00.6'", "timestamp", "2024-01-01 10:00:01"},
      {"DATE", "'1960-02-29'", "date", "1960-02-29"},
      {"NUMERIC(38,8)", "123456789012345678901234567890.12345678", "text",
       "123456789012345678901234567890.12345678"},
      {"NUMERIC(6,-2)", "12345", "text", "12300"},
      {"NUMERIC(3,5)", "0.00123", "text", "0.00123"},
      {"NUMERIC(18,4)", "-12345678901234.5678", "decimal(18,4)", "-12345678901234.5678"},
      {"NUMERIC(19,2)", "1.5", "text", "1.50"},
      {"NUMERIC", "1e-21", "text", "0.000000000000000000001"},
      {"BIGINT", "9223372036854775807", "integer", "9223372036854775807"},
      {"BIGINT", "-9223372036854775808", "integer", "-9223372036854775808"},
      {"SMALLINT", "-32768", "integer", "-32768"},
      {"OID", "4000000000", "integer", "4000000000"},
      {"REAL", "3.4028235e38", "double", "3.4028235e+38"},
      {"REAL", "1.17549435e-38", "double", "1.1754944e-38"},
      {"DOUBLE PRECISION", "0.30000000000000004", "double", "0.30000000000000004"},
      {"DOUBLE PRECISION", "5e-324", "double", "5e-324"},
      {"DOUBLE PRECISION", "1.7976931348623157e308", "double", "1.7976931348623157e+308"},
      {"DOUBLE PRECISION", "'-Infinity'", "double", "-Infinity"},
      {"MONEY", "1234.56", "double", "$1,234.56"},
      {"UUID", "'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'", "text",
       "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"},
      {"CHAR(5)", "'ab'", "text", "ab   "},
      {"TEXT", "E'a\\tb\\nc\\\\d\\re'", "text", "a\tb\nc\\d\re"},
      {"TEXT", "E'\\\\N'", "text", "\\N"},
      {"TEXT", "E'\\b\\f\\x0b\\x01'", "text", "\b\f\v\x01"},
      {"INTERVAL", "'1 day 02:03:04.5'", "text", "1 day 02:03:04.5"},
      {"TIME", "'13:45:56.789'", "text", "13:45:56.789"},
      {"INTEGER[]", "'{1,2,3}'", "text", "{1,2,3}"},
      {"JSONB", "'{\"b\": [1, \"x\\ty\"]}'", "text", "{\"b\": [1, \"x\\ty\"]}"},
      {"pcs_price", "1.5", "decimal(10,2)", "1.50"},
      {"pcs_price_again", "2.25", "text", "2.25"},  // psqlODBC resolves one level of domain
      {"pcs_flag", "true", "boolean", "1"},
  };
  std::string columns = "id INTEGER PRIMARY KEY", values = "1";
  for (size_t i = 0; i < cases.size(); ++i) {
    columns += ", c" + std::to_string(i) + " " + cases[i].type;
    values += ", " + cases[i].literal;
  }
  pg().Execute(
      "DROP TABLE IF EXISTS typed; DROP DOMAIN IF EXISTS pcs_price_again; "
      "DROP DOMAIN IF EXISTS pcs_price; DROP DOMAIN IF EXISTS pcs_flag; "
      "CREATE DOMAIN pcs_price AS NUMERIC(10,2); CREATE DOMAIN pcs_price_again AS pcs_price; "
      "CREATE DOMAIN pcs_flag AS BOOLEAN; CREATE TABLE typed (" +
      columns + "); INSERT INTO typed VALUES (" + values + ")");

  PgCopySource copy(Copy("typed"));
  OdbcSource odbc(Odbc(Copy("typed")));
  for (Source* source : {static_cast<Source*>(&copy), static_cast<Source*>(&odbc)}) {
    const char* reader = source == &copy ? "PgCopySource" : "OdbcSource";
    Batch batch;
    ASSERT_TRUE(source->ReadNext(batch, 10)) << reader;
    ASSERT_EQ(batch.num_rows(), 1u) << reader;
    for (size_t i = 0; i < cases.size(); ++i) {
      const TypeCase& c = cases[i];
      EXPECT_EQ(source->schema().fields[i + 1].type.ToString(), c.read_as)
          << reader << ": " << c.type << " " << c.literal;
      EXPECT_EQ(batch.columns[i + 1].text[0], c.text)
          << reader << ": " << c.type << " " << c.literal;
    }
  }
}

TEST_F(PgCopySourceTest, ATableReadsExactlyAsThroughOdbcSource) {
  pg().Execute(kEdgeTable);
  PgCopySource copy(Copy("edge"));
  OdbcSource odbc(Odbc(Copy("edge")));
  EXPECT_EQ(copy.key(), "id");
  const Read from_copy = ReadAll(copy, 3);
  ExpectSameRead(from_copy, ReadAll(odbc, 3));
  ASSERT_EQ(from_copy.rows.size(), 4u);
  EXPECT_EQ(from_copy.schema[15], "Odd \"Name\" col:text");
  EXPECT_EQ(from_copy.rows[0],
            "1|Zoë 東京 😀||123456789012345678901234567890.12345678|0.000000000000000000001|12300|"
            "1234567890.12|9223372036854775807|3.4028235e+38|1e-300|1|1960-02-29|1969-12-31 "
            "23:59:59.123456|2024-07-01 10:30:00.654321|00ff41|x|ab  |"
            "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6|-32768");
  EXPECT_EQ(from_copy.rows[3],
            "4|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|"
            "\\N|\\N|\\N");
  EXPECT_EQ(from_copy.end, (SourcePosition{0, 4, "4"}));
}

TEST_F(PgCopySourceTest, RecordsClipLongValuesAndWideRowsAsOdbcSourceDoes) {
  // Values past 64 bytes (one cut before a two-byte é), and a row past 512 bytes of record.
  std::string columns = "id INTEGER PRIMARY KEY",
              values = "1, repeat('a', 100), 'x' || repeat('é', 40)";
  columns += ", long_ascii TEXT, long_utf8 TEXT";
  for (int i = 0; i < 12; ++i) {
    columns += ", c" + std::to_string(i) + " TEXT";
    values += ", repeat('" + std::to_string(i % 10) + "', " + std::to_string(30 + 5 * i) + ")";
  }
  pg().Execute("DROP TABLE IF EXISTS wide_rows; CREATE TABLE wide_rows (" + columns +
               "); INSERT INTO wide_rows VALUES (" + values + "), (2, NULL, '', " +
               "'x', 'y', NULL, 'z', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
  PgCopySource copy(Copy("wide_rows"));
  OdbcSource odbc(Odbc(Copy("wide_rows")));
  const Read from_copy = ReadAll(copy);
  ExpectSameRead(from_copy, ReadAll(odbc));
  ASSERT_EQ(from_copy.records.size(), 2u);
  std::string utf8_shown = "x";
  for (int i = 0; i < 31; ++i) utf8_shown += "é";  // 63 bytes: the 64th would split an é
  const std::string shown =
      "id=1, long_ascii=" + std::string(64, 'a') + "..., long_utf8=" + utf8_shown + "..., c0=";
  EXPECT_EQ(from_copy.records[0].substr(0, shown.size()), shown);
  EXPECT_EQ(from_copy.rows[0].substr(0, 103), "1|" + std::string(100, 'a') + "|");
}

TEST_F(PgCopySourceTest, AQueryReadsExactlyAsThroughOdbcSource) {
  pg().Execute(kEdgeTable);
  PgCopySourceOptions o;
  o.connection = pg().connection();
  o.query = "SELECT id, note, id * 2 AS twice, flag, seen_tz, blob, wide FROM edge ;\n";
  o.key = "id";
  PgCopySource copy(o);
  OdbcSource odbc(Odbc(o));
  const Read from_copy = ReadAll(copy, 2);
  ExpectSameRead(from_copy, ReadAll(odbc, 2));
  EXPECT_EQ(copy.source_name(), "query");
  EXPECT_EQ(from_copy.schema, (std::vector<std::string>{
                                  "id:integer NOT NULL", "note:text", "twice:integer",
                                  "flag:boolean", "seen_tz:timestamp", "blob:text", "wide:text"}));
  EXPECT_EQ(from_copy.rows.size(), 4u);
}

TEST_F(PgCopySourceTest, AFilterNarrowsATable) {
  FillNumbers("filtered", 100);
  PgCopySourceOptions o = Copy("filtered");
  o.where = "id > 95 OR name = 'n3'";
  PgCopySource copy(o);
  std::vector<std::string> expected = Numbers(96, 100);
  expected.insert(expected.begin(), "3|n3");
  EXPECT_EQ(ReadAll(copy).rows, expected);
}

TEST_F(PgCopySourceTest, SeekToResumesAfterTheKeyWithTheRestExactly) {
  FillNumbers("resumed", 1000);
  SourcePosition at;
  {
    PgCopySource first(Copy("resumed"));
    Batch batch;
    ASSERT_TRUE(first.ReadNext(batch, 250));
    ASSERT_EQ(batch.num_rows(), 250u);
    at = first.Position();
  }
  EXPECT_EQ(at, (SourcePosition{0, 250, "250"}));
  PgCopySource copy(Copy("resumed"));
  copy.SeekTo(at);
  OdbcSource odbc(Odbc(Copy("resumed")));
  odbc.SeekTo(at);
  const Read rest = ReadAll(copy, 100);
  EXPECT_EQ(rest.rows, Numbers(251, 1000));
  EXPECT_EQ(rest.lines.front(), 251u);
  ExpectSameRead(rest, ReadAll(odbc, 100));
}

TEST_F(PgCopySourceTest, ATextKeyWithQuotesAndBackslashesResumesExactly) {
  pg().Execute(
      "DROP TABLE IF EXISTS names; CREATE TABLE names (k TEXT PRIMARY KEY, v INTEGER); "
      "INSERT INTO names VALUES ('a', 1), ('b''c', 2), ('b''d'' OR ''x''=''x', 3), "
      "(E'c\\\\d', 4), ('e', 5)");
  PgCopySource first(Copy("names"));
  Batch batch;
  ASSERT_TRUE(first.ReadNext(batch, 2));
  EXPECT_EQ(first.Position(), (SourcePosition{0, 2, "b'c"}));
  PgCopySource copy(Copy("names"));
  copy.SeekTo(first.Position());
  EXPECT_EQ(ReadAll(copy).rows, (std::vector<std::string>{"b'd' OR 'x'='x|3", "c\\d|4", "e|5"}));
  copy.SeekTo({0, 4, "c\\d"});
  EXPECT_EQ(ReadAll(copy).rows, std::vector<std::string>{"e|5"});
}

TEST_F(PgCopySourceTest, SeekToInTheMiddleOfACopyStartsOver) {
  FillNumbers("rewound", 3000);
  PgCopySource copy(Copy("rewound"));
  Batch batch;
  ASSERT_TRUE(copy.ReadNext(batch, 10));
  copy.SeekTo({});
  EXPECT_EQ(ReadAll(copy, 500).rows, Numbers(1, 3000));
  copy.SeekTo({0, 2990, "2990"});
  EXPECT_EQ(ReadAll(copy).rows, Numbers(2991, 3000));
}

TEST_F(PgCopySourceTest, AQueryWithoutAKeyCannotResumeWithOdbcSourcesError) {
  FillNumbers("unkeyed", 10);
  PgCopySourceOptions o;
  o.connection = pg().connection();
  o.query = "SELECT name FROM unkeyed";
  PgCopySource copy(o);
  OdbcSource odbc(Odbc(o));
  EXPECT_EQ(ReadAll(copy).rows.size(), 10u);
  copy.SeekTo({});  // the start is always fine
  std::string copy_error, odbc_error;
  try {
    copy.SeekTo({0, 5, ""});
  } catch (const RunError& e) {
    copy_error = e.what();
  }
  try {
    odbc.SeekTo({0, 5, ""});
  } catch (const RunError& e) {
    odbc_error = e.what();
  }
  EXPECT_NE(copy_error.find("a query can only resume with key:"), std::string::npos) << copy_error;
  EXPECT_EQ(copy_error, odbc_error);
}

TEST_F(PgCopySourceTest, AOneMegabyteValueAndItsNeighboursArriveIntact) {
  const std::string mega(1 << 20, 'z');
  pg().Execute(
      "DROP TABLE IF EXISTS long_values; CREATE TABLE long_values (id INTEGER PRIMARY KEY, "
      "note TEXT); INSERT INTO long_values VALUES (1, 'a'), (2, repeat('z', 1048576)), (3, 'c')");
  PgCopySource copy(Copy("long_values"));
  EXPECT_EQ(ReadAll(copy).rows, (std::vector<std::string>{"1|a", "2|" + mega, "3|c"}));
}

TEST_F(PgCopySourceTest, ARepeatedOrNullKeyStopsTheRead) {
  pg().Execute(
      "DROP TABLE IF EXISTS dupes; CREATE TABLE dupes (k INTEGER, v TEXT); "
      "INSERT INTO dupes VALUES (1, 'a'), (2, 'b'), (2, 'c'), (NULL, 'd')");
  PgCopySource repeated(Copy("dupes", "k"));
  EXPECT_THROW(ReadAll(repeated), RunError);
  PgCopySourceOptions o = Copy("dupes", "k");
  o.where = "k IS NULL OR k = 1";
  PgCopySource null_key(o);
  EXPECT_THROW(ReadAll(null_key), RunError);
}

TEST_F(PgCopySourceTest, ABinaryKeyIsRefused) {
  pg().Execute("DROP TABLE IF EXISTS blobs; CREATE TABLE blobs (b BYTEA PRIMARY KEY)");
  EXPECT_THROW(PgCopySource source(Copy("blobs")), ConfigError);
}

TEST_F(PgCopySourceTest, AMissingTableIsAClearErrorThatNeverShowsThePassword) {
  PgCopySourceOptions o = Copy("no_such_table");
  o.connection += ";PWD=hunter2secret";  // trust authentication ignores it
  try {
    PgCopySource source(o);
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_NE(what.find("table no_such_table does not exist"), std::string::npos) << what;
    EXPECT_NE(what.find("PWD=***"), std::string::npos) << what;
    EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
  }
}

TEST_F(PgCopySourceTest, ABadFilterFailsBeforeTheFirstReadWithItsSqlstate) {
  FillNumbers("badly_filtered", 3);
  PgCopySourceOptions o = Copy("badly_filtered");
  o.where = "nope > 1";
  try {
    PgCopySource source(o);
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42703") << e.what();
  }
}

TEST(PgCopySource, AFailedConnectionNamesTheServerButNeverThePassword) {
  PgCopySourceOptions o;
  o.connection =
      "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=1;Database=x;UID=u;PWD=hunter2secret";
  o.table = "t";
  try {
    PgCopySource source(o);
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
    EXPECT_NE(what.find("PWD=***"), std::string::npos) << what;
    EXPECT_NE(what.find("127.0.0.1:1"), std::string::npos) << what;
  }
}

TEST(PgCopySource, OptionsNameTheKeyThatIsWrong) {
  PgCopySourceOptions o;
  o.connection = "Driver=PostgreSQL Unicode;Server=127.0.0.1";
  EXPECT_THROW(o.Validate(), ConfigError);  // neither table nor query
  o.table = "t";
  o.query = "SELECT 1";
  EXPECT_THROW(o.Validate(), ConfigError);  // both
  o.table.clear();
  o.where = "x > 1";
  try {
    o.Validate();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "source.where: filters a table; with a query, filter in the query");
  }
}

// Runs the export job of bench/files on the edge-case table, with or without the fast path,
// inside `dir` (where the rejects file goes), with extra environment assignments.
CommandResult Export(const TempDir& dir, const std::string& connection, const std::string& name,
                     const std::string& fast_path, const std::string& env = "") {
  const std::string job = dir.Write(
      name + ".yaml", "name: " + name + "\nsource: { type: odbc, connection: \"" + connection +
                          "\", table: edge" + fast_path +
                          " }\ntarget: { type: csv, path: " + dir.File(name + ".csv") + " }\n");
  return testing::RunCommand("cd " + dir.path() + " && env " + env + " " + SLUICE_BINARY +
                             " run -q " + job);
}

TEST_F(PgCopySourceTest, AnExportWritesTheSameBytesWithAndWithoutTheFastPath) {
  pg().Execute(kEdgeTable);
  TempDir dir;
  CommandResult fast = Export(dir, pg().connection(), "fast", "");
  ASSERT_EQ(fast.exit_code, 0) << fast.output;
  CommandResult odbc = Export(dir, pg().connection(), "odbc", ", fast_path: false");
  ASSERT_EQ(odbc.exit_code, 0) << odbc.output;
  const std::string bytes = ReadFile(dir.File("fast.csv"));
  EXPECT_NE(bytes.find("Zoë 東京 😀"), std::string::npos) << bytes;
  EXPECT_EQ(bytes, ReadFile(dir.File("odbc.csv")));
  // Row 3's REAL NaN fails the double cast on both paths: the same rejected record.
  const std::string rejects = ReadFile(dir.File("rejects/fast.ndjson"));
  const size_t record = rejects.find("\"record\":");
  ASSERT_NE(record, std::string::npos) << rejects;
  const std::string odbc_rejects = ReadFile(dir.File("rejects/odbc.ndjson"));
  EXPECT_EQ(rejects.substr(record), odbc_rejects.substr(odbc_rejects.find("\"record\":")));
}

TEST_F(PgCopySourceTest, TheFastPathReadsWithoutThePostgresOdbcDriver) {
  pg().Execute(kEdgeTable);
  TempDir dir;
  // unixODBC finds no driver in an empty configuration directory.
  const std::string no_drivers = "ODBCSYSINI=" + dir.path() + " ODBCINSTINI=odbcinst.ini";
  CommandResult fast = Export(dir, pg().connection(), "fast", "", no_drivers);
  EXPECT_EQ(fast.exit_code, 0) << fast.output;
  CommandResult odbc = Export(dir, pg().connection(), "odbc", ", fast_path: false", no_drivers);
  EXPECT_NE(odbc.exit_code, 0) << odbc.output;
}

}  // namespace
}  // namespace sluice

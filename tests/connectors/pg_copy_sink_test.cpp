// The native PostgreSQL writer against a throwaway server: every type lands exactly in both COPY
// formats, replace mode is transactional, bisection isolates bad rows with the server's
// message, and the result is the same table the ODBC path writes.
#include "connectors/postgres/pg_copy_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/odbc_sink.h"
#include "pipeline/value_cast.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::ThrowawayPostgres;
using Cell = std::optional<std::string>;

// One server for the suite; each test writes its own tables.
ThrowawayPostgres* g_pg = nullptr;

class PgCopySinkTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() { g_pg = new ThrowawayPostgres; }
  static void TearDownTestSuite() {
    delete g_pg;
    g_pg = nullptr;
  }

 protected:
  ThrowawayPostgres& pg() { return *g_pg; }
  PgCopySinkOptions Options(const std::string& table) {
    PgCopySinkOptions o;
    o.connection = pg().connection();
    o.table = table;
    return o;
  }
};

// A batch of rows given as text, cast to the schema's types as the pipeline's cast step does.
Batch MakeBatch(const Schema& schema, const std::vector<std::vector<Cell>>& rows) {
  Batch b;
  b.schema = schema;
  b.columns.resize(schema.size());
  for (size_t c = 0; c < schema.size(); ++c) b.columns[c].type = schema.fields[c].type;
  for (const auto& row : rows) {
    for (size_t c = 0; c < schema.size(); ++c) {
      Column& col = b.columns[c];
      if (!row[c]) {
        col.AppendNull();
      } else if (col.type.id == TypeId::kText) {
        col.AppendText(b.arena.Store(*row[c]));
      } else {
        std::string reason;
        if (col.type.id == TypeId::kDouble) {
          double d = 0;
          if (!CastToReal(*row[c], d, reason)) throw std::runtime_error(reason);
          col.AppendDouble(d);
        } else {
          int64_t v = 0;
          if (!CastToInt(*row[c], col.type, v, reason)) throw std::runtime_error(reason);
          col.AppendInt(v);
        }
      }
    }
    b.origins.push_back({b.states.size() + 2, 0});
    b.states.push_back(RowState::kKeep);
  }
  return b;
}

DataType Type(const char* name) { return *ParseDataType(name); }

Schema EveryTypeSchema() {
  return {{{"id", Type("integer")},
           {"name", Type("text")},
           {"amount", Type("decimal(18,2)")},
           {"rate", Type("decimal(18,6)")},
           {"whole", Type("decimal(18,0)")},
           {"small", Type("decimal(10,4)")},
           {"flag", Type("boolean")},
           {"day", Type("date")},
           {"at", Type("timestamp")},
           {"x", Type("double")}}};
}

// Each row as written, and as psql prints it back (line breaks in `name` shown as <LF>/<CR>,
// a NULL name as <NULL> to tell it from the text \N).
struct RoundTrip {
  std::vector<Cell> in;
  std::string out;
};

const std::vector<RoundTrip>& EveryTypeRows() {
  static const std::vector<RoundTrip> rows = {
      {{"1", "plain", "0.00", "0.000000", "0", "0.0000", "true", "1970-01-01",
        "1970-01-01 00:00:00", "0"},
       "1|plain|0.00|0.000000|0|0.0000|t|1970-01-01|1970-01-01 00:00:00|0"},
      {{"2", "", "-0.01", "0.000001", "999999999999999999", "-0.1234", "false", "1969-12-31",
        "1969-12-31 23:59:59.999999", "0.1"},
       "2||-0.01|0.000001|999999999999999999|-0.1234|f|1969-12-31|1969-12-31 23:59:59.999999|0.1"},
      {{"3", "Zoë – 東京 🚀", "9999999999999999.99", "-123456789012.345678", "-999999999999999999",
        "999999.9999", "true", "1900-02-28", "1900-01-01 00:00:00.000001",
        "-1.7976931348623157e308"},
       "3|Zoë – 東京 🚀|9999999999999999.99|-123456789012.345678|-999999999999999999|"
       "999999.9999|t|1900-02-28|1900-01-01 00:00:00.000001|-1.7976931348623157e+308"},
      {{"-9223372036854775808", "tab\there\\back\\\\slash", "-9999999999999999.99", "1.5", "10000",
        "1", "false", "0001-01-01", "2000-01-01 00:00:00", "5e-324"},
       "-9223372036854775808|tab\there\\back\\\\slash|-9999999999999999.99|1.500000|10000|"
       "1.0000|f|0001-01-01|2000-01-01 00:00:00|5e-324"},
      {{"9223372036854775807", "line1\nline2\r\nend", "12345.6", "-0.5", "-1", "0.0001", "true",
        "2024-02-29", "2024-02-29 12:34:56.000001", "3.141592653589793"},
       "9223372036854775807|line1<LF>line2<CR><LF>end|12345.60|-0.500000|-1|0.0001|t|"
       "2024-02-29|2024-02-29 12:34:56.000001|3.141592653589793"},
      {{"6", "\\N", "100", "100", "100", "100", "false", "9999-12-31", "9999-12-31 23:59:59.999999",
        "1e21"},
       "6|\\N|100.00|100.000000|100|100.0000|f|9999-12-31|9999-12-31 23:59:59.999999|1e+21"},
      {{"7", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
        std::nullopt, std::nullopt, std::nullopt},
       "7|<NULL>|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N"},
      {{"8", "NULL", "1.05", "0.1", "1", "-1", "true", "1601-01-01", "1601-01-01 00:00:00", "-0.0"},
       "8|NULL|1.05|0.100000|1|-1.0000|t|1601-01-01|1601-01-01 00:00:00|-0"},
  };
  return rows;
}

// The rows as SelectShown prints them, in its order (by id).
std::vector<std::string> ExpectedEveryTypeRows() {
  std::vector<RoundTrip> rows = EveryTypeRows();
  std::sort(rows.begin(), rows.end(), [](const RoundTrip& a, const RoundTrip& b) {
    return std::stoll(*a.in[0]) < std::stoll(*b.in[0]);
  });
  std::vector<std::string> out;
  for (const RoundTrip& r : rows) out.push_back(r.out);
  return out;
}

Batch EveryTypeBatch() {
  std::vector<std::vector<Cell>> in;
  for (const RoundTrip& r : EveryTypeRows()) in.push_back(r.in);
  return MakeBatch(EveryTypeSchema(), in);
}

std::string SelectShown(const std::string& table) {
  return "SELECT id, CASE WHEN name IS NULL THEN '<NULL>' ELSE replace(replace(name, E'\\n',"
         " '<LF>'), E'\\r', '<CR>') END, amount, rate, whole, small, flag, day, at, x FROM " +
         table + " ORDER BY id";
}

void WriteAll(Sink& sink, const Schema& schema, const Batch& batch, WriteResult* out = nullptr) {
  sink.Open(schema);
  sink.Begin();
  WriteResult r = sink.Write(batch);
  sink.Commit(Checkpoint{});
  sink.Close();
  if (out) *out = std::move(r);
}

class PgCopySinkFormatTest : public PgCopySinkTest, public ::testing::WithParamInterface<bool> {};

TEST_P(PgCopySinkFormatTest, WritesEveryTypeExactly) {
  const std::string table = GetParam() ? "every_binary" : "every_text";
  PgCopySinkOptions o = Options(table);
  o.binary = GetParam();
  PgCopySink sink(o);
  WriteResult result;
  WriteAll(sink, EveryTypeSchema(), EveryTypeBatch(), &result);
  EXPECT_EQ(sink.format(), GetParam() ? PgCopyFormat::kBinary : PgCopyFormat::kText);
  EXPECT_EQ(result.rows_written, EveryTypeRows().size());
  EXPECT_TRUE(result.refused.empty());
  EXPECT_EQ(pg().Query(SelectShown(table)), ExpectedEveryTypeRows());
}

TEST_P(PgCopySinkFormatTest, DoublesReadBackBitForBit) {
  const std::string table = GetParam() ? "doubles_binary" : "doubles_text";
  const Schema schema{{{"id", Type("integer")}, {"x", Type("double")}}};
  const std::vector<double> values = {0.1,
                                      1.0 / 3,
                                      -2.5e-310,
                                      1e308,
                                      6.02214076e23,
                                      -0.0,
                                      1e-7,
                                      123456789.123456789,
                                      2.0 / 3 * 1e-100,
                                      INFINITY,
                                      -INFINITY,
                                      NAN};
  Batch batch = MakeBatch(schema, {});
  for (size_t i = 0; i < values.size(); ++i) {
    batch.columns[0].AppendInt(static_cast<int64_t>(i));
    batch.columns[1].AppendDouble(values[i]);
    batch.states.push_back(RowState::kKeep);
  }
  PgCopySinkOptions o = Options(table);
  o.binary = GetParam();
  PgCopySink sink(o);
  WriteAll(sink, schema, batch);
  // float8send's bytes are the IEEE bits: compare them, not a rendering.
  std::vector<std::string> landed =
      pg().Query("SELECT encode(float8send(x), 'hex') FROM " + table + " ORDER BY id");
  ASSERT_EQ(landed.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    uint64_t bits;
    std::memcpy(&bits, &values[i], 8);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(bits));
    if (std::isnan(values[i])) {
      EXPECT_EQ(landed[i].substr(0, 4), "7ff8") << "NaN stays NaN";
    } else {
      EXPECT_EQ(landed[i], hex) << values[i];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, PgCopySinkFormatTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return i.param ? "Binary" : "Text";
                         });

TEST_F(PgCopySinkTest, FallsBackToTextForATableWhoseTypesBinaryCannotFill) {
  pg().Execute("CREATE TABLE narrow (id INTEGER, name VARCHAR(20), amount NUMERIC(8,2))");
  const Schema schema{
      {{"id", Type("integer")}, {"name", Type("text")}, {"amount", Type("decimal(18,2)")}}};
  PgCopySinkOptions o = Options("narrow");
  o.create = CreateMode::kNever;
  PgCopySink sink(o);
  WriteResult result;
  WriteAll(sink, schema, MakeBatch(schema, {{"1", "short", "12.50"}, {"2", "x", "-0.01"}}),
           &result);
  EXPECT_EQ(sink.format(), PgCopyFormat::kText);
  EXPECT_EQ(result.rows_written, 2u);
  EXPECT_EQ(pg().Query("SELECT * FROM narrow ORDER BY id"),
            (std::vector<std::string>{"1|short|12.50", "2|x|-0.01"}));
}

TEST_F(PgCopySinkTest, ReplaceModeKeepsTheOldRowsWhenTheRunRollsBack) {
  pg().Execute("CREATE TABLE kept (id BIGINT); INSERT INTO kept VALUES (1), (2), (3)");
  const Schema schema{{{"id", Type("integer")}}};
  PgCopySinkOptions o = Options("kept");
  o.mode = WriteMode::kReplace;
  PgCopySink sink(o);
  sink.Open(schema);
  sink.Begin();
  EXPECT_EQ(sink.Write(MakeBatch(schema, {{"10"}, {"11"}})).rows_written, 2u);
  sink.Rollback();
  sink.Close();
  EXPECT_EQ(pg().Query("SELECT id FROM kept ORDER BY id"),
            (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(PgCopySinkTest, ReplaceModeEmptiesTheTableWhenTheRunCommits) {
  pg().Execute("CREATE TABLE replaced (id BIGINT); INSERT INTO replaced VALUES (1), (2), (3)");
  const Schema schema{{{"id", Type("integer")}}};
  PgCopySinkOptions o = Options("replaced");
  o.mode = WriteMode::kReplace;
  PgCopySink sink(o);
  WriteAll(sink, schema, MakeBatch(schema, {{"10"}, {"11"}}));
  EXPECT_EQ(pg().Query("SELECT id FROM replaced ORDER BY id"),
            (std::vector<std::string>{"10", "11"}));
}

TEST_F(PgCopySinkTest, CreateNeverRefusesAMissingTable) {
  PgCopySinkOptions o = Options("missing_table");
  o.create = CreateMode::kNever;
  PgCopySink sink(o);
  try {
    sink.Open({{{"id", Type("integer")}}});
    FAIL() << "opened a missing table";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("missing_table does not exist"), std::string::npos)
        << e.what();
  }
}

TEST_F(PgCopySinkTest, CreateAlwaysReplacesTheTable) {
  pg().Execute("CREATE TABLE recreated (old TEXT); INSERT INTO recreated VALUES ('x')");
  const Schema schema{{{"id", Type("integer")}}};
  PgCopySinkOptions o = Options("recreated");
  o.create = CreateMode::kAlways;
  PgCopySink sink(o);
  WriteAll(sink, schema, MakeBatch(schema, {{"5"}}));
  EXPECT_EQ(pg().Query("SELECT * FROM recreated"), std::vector<std::string>{"5"});
}

TEST_F(PgCopySinkTest, BisectionIsolatesTheRowsTheServerRefusesAndTheRestLand) {
  pg().Execute(
      "CREATE TABLE strict (id BIGINT PRIMARY KEY, note TEXT CHECK (note <> 'bad'),"
      " name TEXT NOT NULL)");
  const Schema schema{{{"id", Type("integer")}, {"note", Type("text")}, {"name", Type("text")}}};
  std::vector<std::vector<Cell>> rows;
  for (int i = 1; i <= 5000; ++i) {
    rows.push_back({std::to_string(i), "ok", "n" + std::to_string(i)});
  }
  rows[1233][0] = "10";          // a second id 10: primary key
  rows[2499][1] = "bad";         // the CHECK constraint
  rows[3999][2] = std::nullopt;  // NOT NULL
  rows[4500][1] = "bad";         // bad too, but filtered before the writer: never sent
  Batch batch = MakeBatch(schema, rows);
  batch.states[4500] = RowState::kFiltered;
  PgCopySinkOptions o = Options("strict");
  o.create = CreateMode::kNever;
  o.chunk_rows = 1000;
  PgCopySink sink(o);
  WriteResult result;
  WriteAll(sink, schema, batch, &result);

  EXPECT_EQ(result.rows_written, 4996u);
  ASSERT_EQ(result.refused.size(), 3u);
  EXPECT_EQ(result.refused[0].row, 1233u);
  EXPECT_NE(result.refused[0].reason.find("[23505] duplicate key value violates unique"),
            std::string::npos)
      << result.refused[0].reason;
  EXPECT_NE(result.refused[0].reason.find("Key (id)=(10) already exists"), std::string::npos);
  EXPECT_EQ(result.refused[1].row, 2499u);
  EXPECT_NE(result.refused[1].reason.find("[23514]"), std::string::npos)
      << result.refused[1].reason;
  EXPECT_NE(result.refused[1].reason.find("strict_note_check"), std::string::npos);
  EXPECT_EQ(result.refused[2].row, 3999u);
  EXPECT_NE(result.refused[2].reason.find("[23502]"), std::string::npos)
      << result.refused[2].reason;
  EXPECT_EQ(result.refused[2].column, "name");
  for (const Rejection& r : result.refused) {
    EXPECT_EQ(r.rule, "database");
    EXPECT_EQ(r.reason.rfind("inserting into strict: ", 0), 0u) << r.reason;
  }
  const long long sum = 5000LL * 5001 / 2 - 1234 - 2500 - 4000 - 4501;
  EXPECT_EQ(pg().Query("SELECT count(*), sum(id) FROM strict"),
            std::vector<std::string>{"4996|" + std::to_string(sum)});
}

TEST_F(PgCopySinkTest, AValueTheColumnCannotHoldIsRefusedWithItsColumn) {
  pg().Execute("CREATE TABLE short_text (id BIGINT, code VARCHAR(3))");
  const Schema schema{{{"id", Type("integer")}, {"code", Type("text")}}};
  PgCopySinkOptions o = Options("short_text");
  o.create = CreateMode::kNever;
  PgCopySink sink(o);
  WriteResult result;
  WriteAll(sink, schema, MakeBatch(schema, {{"1", "abc"}, {"2", "abcd"}, {"3", "xyz"}}), &result);
  EXPECT_EQ(result.rows_written, 2u);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(result.refused[0].row, 1u);
  EXPECT_EQ(result.refused[0].column, "code");
  EXPECT_NE(result.refused[0].reason.find("[22001]"), std::string::npos)
      << result.refused[0].reason;
}

TEST_F(PgCopySinkTest, LandsTheSameTableAsTheOdbcPath) {
  const Schema schema = EveryTypeSchema();
  PgCopySink copy(Options("same_copy"));
  WriteAll(copy, schema, EveryTypeBatch());
  OdbcSinkOptions odbc_options;
  odbc_options.connection = pg().connection();
  odbc_options.table = "same_odbc";
  OdbcSink odbc(odbc_options);
  WriteAll(odbc, schema, EveryTypeBatch());

  std::vector<std::string> via_copy = pg().Query(SelectShown("same_copy"));
  EXPECT_EQ(via_copy.size(), EveryTypeRows().size());
  EXPECT_EQ(via_copy, pg().Query(SelectShown("same_odbc")));
  const std::string types =
      "SELECT column_name, data_type, numeric_precision, numeric_scale FROM "
      "information_schema.columns WHERE table_name = '";
  EXPECT_EQ(pg().Query(types + "same_copy' ORDER BY ordinal_position"),
            pg().Query(types + "same_odbc' ORDER BY ordinal_position"));
}

TEST_F(PgCopySinkTest, WritesRejectsInTheSameTransaction) {
  const Schema schema{{{"id", Type("integer")}}};
  PgCopySink sink(Options("with_rejects"));
  sink.Open(schema);
  sink.Begin();
  sink.Write(MakeBatch(schema, {{"1"}}));
  std::vector<RejectRow> rejects = {
      {"in.csv", 3, 40, "email", "email", "not an email: 'x'", "1,x\n"},
      {"in.csv", 9, 99, "", "database", "it's \\ refused", ""}};
  sink.WriteRejects("run_rejects", "run-1", "job-a", rejects);
  sink.Rollback();
  sink.Begin();
  sink.WriteRejects("run_rejects", "run-2", "job-a", rejects);
  sink.Commit(Checkpoint{});
  sink.Close();
  EXPECT_EQ(
      pg().Query("SELECT run_id, job, source, line, byte_offset, column_name, rule, "
                 "replace(reason, E'\\n', '<LF>'), replace(record, E'\\n', '<LF>') "
                 "FROM run_rejects ORDER BY line"),
      (std::vector<std::string>{"run-2|job-a|in.csv|3|40|email|email|not an email: 'x'|1,x<LF>",
                                "run-2|job-a|in.csv|9|99||database|it's \\ refused|"}));
}

TEST(PgConninfo, MapsTheOdbcKeysAndQuotesValuesAsLibpqReadsThem) {
  struct Case {
    std::string connection;
    std::vector<std::pair<std::string, std::string>> expected;  // as libpq parses it back
  };
  const std::vector<Case> cases = {
      {"Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=5432;Database=sluice;UID=sluice",
       {{"host", "127.0.0.1"}, {"port", "5432"}, {"dbname", "sluice"}, {"user", "sluice"}}},
      {"Host=db.example;User=me;Password={it's a \\ secret; really};SSLMode=require",
       {{"host", "db.example"},
        {"user", "me"},
        {"password", "it's a \\ secret; really"},
        {"sslmode", "require"}}},
      {"DSN=x;Servername=h;DBName=d;Username=u;PWD=p w",
       {{"host", "h"}, {"dbname", "d"}, {"user", "u"}, {"password", "p w"}}},
  };
  for (const Case& c : cases) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(PgConninfo(c.connection).c_str(), &error);
    ASSERT_NE(options, nullptr) << (error ? error : "") << " for " << c.connection;
    std::vector<std::pair<std::string, std::string>> parsed;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      std::string key = o->keyword;
      if (o->val != nullptr && key != "client_encoding" && key != "application_name") {
        parsed.emplace_back(key, o->val);
      }
    }
    PQconninfoFree(options);
    std::sort(parsed.begin(), parsed.end());
    std::vector<std::pair<std::string, std::string>> expected = c.expected;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(parsed, expected) << c.connection;
  }
}

TEST(PgConnection, AFailedConnectionNamesTheServerButNeverThePassword) {
  try {
    PgConnection c("Server=127.0.0.1;Port=1;Database=nowhere;UID=u;PWD=s3cr3t-value");
    FAIL() << "connected to port 1";
  } catch (const PgError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("127.0.0.1:1/nowhere"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cr3t-value"), std::string::npos) << message;
    EXPECT_EQ(e.sqlstate(), "08001");
  }
}

}  // namespace
}  // namespace sluice

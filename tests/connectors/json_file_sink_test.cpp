// JsonFileSink: exact escaping (always valid JSON, even from invalid UTF-8), exact numbers,
// ISO dates and timestamps, NDJSON and array framing, and the file appearing only on success.
#include "connectors/file/json_file_sink.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "tests/connectors/file_sink_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::Cell;
using testing::kNull;
using testing::ListDir;
using testing::MakeBatch;
using testing::ReadFile;
using testing::TempDir;

const DataType kText{TypeId::kText};

// A whole successful run writing each element of `batches` as one batch, committing after each
// as the runner does with commit_every, then once more at the end.
std::string WriteJson(JsonWriteOptions options, const Schema& schema,
                      const std::vector<std::vector<std::vector<Cell>>>& batches) {
  TempDir dir;
  options.path = dir.File("out.json");
  JsonFileSink sink(options);
  sink.Open(schema);
  sink.Begin();
  for (const auto& rows : batches) {
    EXPECT_EQ(sink.Write(MakeBatch(schema, rows)).rows_written, rows.size());
    sink.Commit({});
    sink.Begin();
  }
  sink.Commit({});
  sink.Close();
  EXPECT_TRUE(std::filesystem::exists(options.path));
  return ReadFile(options.path);
}

std::string WriteNdjson(const Schema& schema, const std::vector<std::vector<Cell>>& rows) {
  return WriteJson({}, schema, {rows});
}

// Parses `json` as one document; returns the parser's error (empty when valid).
std::string JsonError(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto error = parser.parse(json).get(doc);
  return error ? simdjson::error_message(error) : "";
}

struct EscapeCase {
  const char* what;
  std::string value;
  std::string json;  // the string literal written, quotes included
  bool round_trips;  // valid UTF-8 decodes back to the value itself
};

TEST(JsonFileSink, EscapesTextIntoValidJsonStrings) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::string long_plain(40, 'p');
  const std::vector<EscapeCase> cases = {
      {"plain", "plain text", "\"plain text\"", true},
      {"long plain", long_plain, "\"" + long_plain + "\"", true},
      {"quote", "a\"b", "\"a\\\"b\"", true},
      {"backslash", "a\\b", "\"a\\\\b\"", true},
      {"newline", "a\nb", "\"a\\nb\"", true},
      {"carriage return", "a\rb", "\"a\\rb\"", true},
      {"tab", "a\tb", "\"a\\tb\"", true},
      {"NUL", std::string("a\0b", 3), "\"a\\u0000b\"", true},
      {"control 0x01", "\x01", "\"\\u0001\"", true},
      {"control 0x1f", "\x1f", "\"\\u001f\"", true},
      {"DEL", "\x7f", "\"\\u007f\"", true},
      {"late special", long_plain + "\"", "\"" + long_plain + "\\\"\"", true},
      {"two-byte UTF-8", "Zoë", "\"Zoë\"", true},
      {"three-byte UTF-8", "東京", "\"東京\"", true},
      {"four-byte UTF-8", "🚀", "\"🚀\"", true},
      {"stray byte",
       "a\xff"
       "b",
       "\"a" + fffd + "b\"", false},
      {"truncated sequence", "a\xc3", "\"a" + fffd + "\"", false},
      {"overlong slash", "\xc0\xaf", "\"" + fffd + fffd + "\"", false},
      {"surrogate", "\xed\xa0\x80", "\"" + fffd + fffd + fffd + "\"", false},
      {"lone continuation", "\x80", "\"" + fffd + "\"", false},
  };
  const Schema schema{{{"v", kText}}};
  for (const EscapeCase& c : cases) {
    const std::string line = WriteNdjson(schema, {{c.value}});
    EXPECT_EQ(line, "{\"v\":" + c.json + "}\n") << c.what;
    ASSERT_EQ(JsonError(line), "") << c.what;
    if (c.round_trips) {
      simdjson::dom::parser parser;
      std::string_view decoded = parser.parse(line)["v"].get_string();
      EXPECT_EQ(decoded, c.value) << c.what;
    }
  }
}

struct FormatCase {
  DataType type;
  Cell value;
  std::string json;
};

int64_t Days(int64_t y, unsigned m, unsigned d) { return DaysFromCivil(y, m, d); }
int64_t Micros(int64_t days, int h, int mi, int s, int64_t us) {
  return ((days * 24 + h) * 60 + mi) * 60 * 1000000 + int64_t{s} * 1000000 + us;
}

TEST(JsonFileSink, WritesEveryTypeAsItsExactJsonValue) {
  const DataType integer{TypeId::kInteger}, dbl{TypeId::kDouble}, boolean{TypeId::kBoolean},
      date{TypeId::kDate}, ts{TypeId::kTimestamp};
  const DataType dec2{TypeId::kDecimal, 18, 2}, dec0{TypeId::kDecimal, 10, 0};
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<FormatCase> cases = {
      {integer, int64_t{42}, "42"},
      {integer, std::numeric_limits<int64_t>::min(), "-9223372036854775808"},
      {integer, std::numeric_limits<int64_t>::max(), "9223372036854775807"},
      {dec2, int64_t{12345}, "123.45"},
      {dec2, int64_t{-5}, "-0.05"},
      {dec2, int64_t{100}, "1.00"},
      {dec0, int64_t{-42}, "-42"},
      {dbl, 0.1, "0.1"},
      {dbl, 0.1 + 0.2, "0.30000000000000004"},
      {dbl, 1e21, "1e+21"},
      {dbl, -1e-7, "-1e-07"},
      {dbl, std::nan(""), "null"},
      {dbl, inf, "null"},
      {dbl, -inf, "null"},
      {boolean, int64_t{1}, "true"},
      {boolean, int64_t{0}, "false"},
      {date, Days(2024, 1, 31), "\"2024-01-31\""},
      {date, int64_t{-1}, "\"1969-12-31\""},
      {ts, Micros(Days(2024, 1, 31), 10, 20, 30, 0), "\"2024-01-31T10:20:30Z\""},
      {ts, Micros(Days(2024, 1, 31), 10, 20, 30, 120000), "\"2024-01-31T10:20:30.120000Z\""},
      {ts, int64_t{-1}, "\"1969-12-31T23:59:59.999999Z\""},
  };
  for (const FormatCase& c : cases) {
    const Schema schema{{{"v", c.type}}};
    const std::string out = WriteNdjson(schema, {{c.value}, {kNull}});
    EXPECT_EQ(out, "{\"v\":" + c.json + "}\n{\"v\":null}\n") << c.type.ToString() << " " << c.json;
    EXPECT_EQ(JsonError(out.substr(0, out.find('\n'))), "") << c.json;
  }
}

TEST(JsonFileSink, WritesNaiveTimestampsWhenNotUtc) {
  JsonWriteOptions options;
  options.timestamps_utc = false;
  const Schema schema{{{"t", {TypeId::kTimestamp}}}};
  EXPECT_EQ(WriteJson(options, schema, {{{Micros(Days(2024, 1, 31), 10, 20, 30, 0)}}}),
            "{\"t\":\"2024-01-31T10:20:30\"}\n");
}

TEST(JsonFileSink, KeysAreTheColumnNamesInSchemaOrderEscaped) {
  const Schema schema{
      {{"id", {TypeId::kInteger}}, {"full \"name\"", kText}, {"ü", kText}, {"a\\b", kText}}};
  EXPECT_EQ(WriteNdjson(schema, {{int64_t{1}, "x", kNull, ""}}),
            "{\"id\":1,\"full \\\"name\\\"\":\"x\",\"ü\":null,\"a\\\\b\":\"\"}\n");
}

const Schema kTwoColumns{{{"id", {TypeId::kInteger}}, {"name", kText}}};

TEST(JsonFileSink, NdjsonWritesOneObjectPerLine) {
  EXPECT_EQ(WriteNdjson(kTwoColumns, {{int64_t{1}, "a"}, {int64_t{2}, kNull}}),
            "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":null}\n");
}

TEST(JsonFileSink, NdjsonWithoutRowsIsAnEmptyFile) {
  EXPECT_EQ(WriteJson({}, kTwoColumns, {}), "");
  EXPECT_EQ(WriteJson({}, kTwoColumns, {{}}), "");
}

JsonWriteOptions ArrayFormat() {
  JsonWriteOptions options;
  options.format = JsonFileFormat::kArray;
  return options;
}

TEST(JsonFileSink, ArrayPutsOneObjectPerLineBetweenBrackets) {
  const std::string out =
      WriteJson(ArrayFormat(), kTwoColumns, {{{int64_t{1}, "a"}, {int64_t{2}, "b"}}});
  EXPECT_EQ(out, "[\n{\"id\":1,\"name\":\"a\"},\n{\"id\":2,\"name\":\"b\"}\n]\n");
  EXPECT_EQ(JsonError(out), "");
}

TEST(JsonFileSink, ArraySeparatesRowsAcrossBatchesAndCommits) {
  const std::string out =
      WriteJson(ArrayFormat(), kTwoColumns,
                {{{int64_t{1}, "a"}}, {}, {{int64_t{2}, "b"}, {int64_t{3}, "c"}}});
  EXPECT_EQ(out,
            "[\n{\"id\":1,\"name\":\"a\"},\n{\"id\":2,\"name\":\"b\"},\n{\"id\":3,\"name\":\"c\"}"
            "\n]\n");
  EXPECT_EQ(JsonError(out), "");
}

TEST(JsonFileSink, ArrayWithoutRowsIsEmptyBrackets) {
  EXPECT_EQ(WriteJson(ArrayFormat(), kTwoColumns, {}), "[]\n");
  EXPECT_EQ(WriteJson(ArrayFormat(), kTwoColumns, {{}, {}}), "[]\n");
  EXPECT_EQ(JsonError("[]\n"), "");
}

TEST(JsonFileSink, WritesOnlyTheRowsToKeep) {
  TempDir dir;
  JsonWriteOptions options;
  options.path = dir.File("out.ndjson");
  Batch batch = MakeBatch(kTwoColumns, {{int64_t{1}, "a"}, {int64_t{2}, "b"}, {int64_t{3}, "c"}});
  batch.states[0] = RowState::kRejected;
  batch.states[2] = RowState::kFiltered;
  JsonFileSink sink(options);
  sink.Open(kTwoColumns);
  sink.Begin();
  EXPECT_EQ(sink.Write(batch).rows_written, 1u);
  sink.Commit({});
  sink.Close();
  EXPECT_EQ(ReadFile(options.path), "{\"id\":2,\"name\":\"b\"}\n");
}

TEST(JsonFileSink, RollbackKeepsThePreviousFileAndLeavesNoTemporaryOne) {
  TempDir dir;
  JsonWriteOptions options = ArrayFormat();
  options.path = dir.Write("out.json", "[{\"previous\":true}]\n");
  JsonFileSink sink(options);
  sink.Open(kTwoColumns);
  sink.Begin();
  sink.Write(MakeBatch(kTwoColumns, {{int64_t{1}, "a"}}));
  sink.Commit({});
  sink.Begin();
  sink.Write(MakeBatch(kTwoColumns, {{int64_t{2}, "b"}}));
  sink.Rollback();
  sink.Close();
  EXPECT_EQ(ReadFile(options.path), "[{\"previous\":true}]\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.json"});
}

TEST(JsonWriteOptions, ValidateNamesTheOffendingJobKey) {
  JsonWriteOptions options;
  EXPECT_THROW(options.Validate("job.yaml:3:1"), ConfigError);
  options.path = "out.json.gz";
  options.gzip_level = 10;
  try {
    options.Validate("job.yaml:3:1");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "job.yaml:3:1: target.gzip_level must be 1..9, got 10");
  }
}

}  // namespace
}  // namespace sluice

// CsvFileSink: exact quoting, exact value spellings, NULL versus empty, what the project's own
// CSV source reads back, and options that would write an unreadable file.
#include "connectors/file/csv_file_sink.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "connectors/csv/csv_source.h"
#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "tests/connectors/file_sink_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::Cell;
using testing::kNull;
using testing::MakeBatch;
using testing::ReadFile;
using testing::TempDir;

const DataType kText{TypeId::kText};

Schema OneColumn(DataType type) { return Schema{{{"v", type}}}; }

// A whole successful run (Open, Begin, Write, Commit, Close); returns the file's bytes.
std::string WriteCsv(CsvWriteOptions options, const Schema& schema,
                     const std::vector<std::vector<Cell>>& rows) {
  TempDir dir;
  options.path = dir.File("out.csv");
  CsvFileSink sink(options);
  sink.Open(schema);
  sink.Begin();
  EXPECT_EQ(sink.Write(MakeBatch(schema, rows)).rows_written, rows.size());
  sink.Commit({});
  sink.Close();
  EXPECT_TRUE(std::filesystem::exists(options.path));
  return ReadFile(options.path);
}

CsvWriteOptions NoHeader() {
  CsvWriteOptions options;
  options.header = false;
  return options;
}

struct QuotingCase {
  const char* what;
  Cell value;
  std::string field;  // as written, without the line end
};

void ExpectFields(const CsvWriteOptions& options, const std::vector<QuotingCase>& cases) {
  for (const QuotingCase& c : cases) {
    EXPECT_EQ(WriteCsv(options, OneColumn(kText), {{c.value}}), c.field + options.line_end)
        << c.what;
  }
}

TEST(CsvFileSink, QuotesExactlyTheFieldsThatNeedIt) {
  ExpectFields(NoHeader(), {
                               {"plain", "abc", "abc"},
                               {"inner space", "in side", "in side"},
                               {"comma", "a,b", "\"a,b\""},
                               {"quote", "say \"hi\"", "\"say \"\"hi\"\"\""},
                               {"only a quote", "\"", "\"\"\"\""},
                               {"CR", "a\rb", "\"a\rb\""},
                               {"LF", "a\nb", "\"a\nb\""},
                               {"CRLF", "a\r\nb", "\"a\r\nb\""},
                               {"leading space", " lead", "\" lead\""},
                               {"trailing space", "trail ", "\"trail \""},
                               {"leading tab", "\tx", "\"\tx\""},
                               {"empty", "", "\"\""},
                               {"NULL", kNull, ""},
                               {"Unicode", "Zoë 東京 🚀", "Zoë 東京 🚀"},
                               {"long, special late", std::string(40, 'x') + "\n",
                                "\"" + std::string(40, 'x') + "\n\""},
                               {"long, plain", std::string(40, 'y'), std::string(40, 'y')},
                           });
}

TEST(CsvFileSink, SemicolonDelimiterQuotesSemicolonsNotCommas) {
  CsvWriteOptions options = NoHeader();
  options.delimiter = ';';
  ExpectFields(options, {{"comma", "a,b", "a,b"}, {"semicolon", "a;b", "\"a;b\""}});
}

TEST(CsvFileSink, TabDelimiterQuotesTabsNotCommas) {
  CsvWriteOptions options = NoHeader();
  options.delimiter = '\t';
  ExpectFields(options, {{"comma", "a,b", "a,b"}, {"tab", "a\tb", "\"a\tb\""}});
}

TEST(CsvFileSink, CustomQuoteCharacterIsDoubledInsideValues) {
  CsvWriteOptions options = NoHeader();
  options.quote = '\'';
  ExpectFields(options, {{"apostrophe", "it's", "'it''s'"},
                         {"double quote is plain", "a\"b", "a\"b"},
                         {"comma", "a,b", "'a,b'"}});
}

TEST(CsvFileSink, QuoteAllQuotesEveryValueButNotNull) {
  CsvWriteOptions options = NoHeader();
  options.quote_all = true;
  ExpectFields(options, {{"plain", "abc", "\"abc\""}, {"empty", "", "\"\""}, {"NULL", kNull, ""}});
  const Schema schema{{{"n", {TypeId::kInteger}}}};
  EXPECT_EQ(WriteCsv(options, schema, {{int64_t{7}}}), "\"7\"\n");
}

TEST(CsvFileSink, NullTextIsWrittenBareAndATextEqualToItIsQuoted) {
  CsvWriteOptions options = NoHeader();
  options.null_text = "\\N";
  ExpectFields(
      options,
      {{"NULL", kNull, "\\N"}, {"the null text", "\\N", "\"\\N\""}, {"empty", "", "\"\""}});
}

TEST(CsvFileSink, EmptyStringIsAnEmptyFieldWhenQuotingEmptyStringsIsOff) {
  CsvWriteOptions options = NoHeader();
  options.quote_empty_strings = false;
  ExpectFields(options, {{"empty", "", ""}, {"NULL", kNull, ""}});
}

TEST(CsvFileSink, HeaderNamesAreQuotedLikeValues) {
  const Schema schema{{{"id", {TypeId::kInteger}}, {"full name", kText}, {"a,b", kText}}};
  EXPECT_EQ(WriteCsv({}, schema, {{int64_t{1}, "Ann Lee", kNull}}),
            "id,full name,\"a,b\"\n1,Ann Lee,\n");
}

TEST(CsvFileSink, WritesOnlyTheHeaderWhenNoRowIsWritten) {
  const Schema schema{{{"a", kText}, {"b", kText}}};
  EXPECT_EQ(WriteCsv({}, schema, {}), "a,b\n");
  EXPECT_EQ(WriteCsv(NoHeader(), schema, {}), "");
}

TEST(CsvFileSink, EndsLinesWithCrLfWhenAsked) {
  CsvWriteOptions options;
  options.line_end = "\r\n";
  const Schema schema{{{"a", kText}, {"b", kText}}};
  EXPECT_EQ(WriteCsv(options, schema, {{"1", "x"}, {"2", kNull}}), "a,b\r\n1,x\r\n2,\r\n");
}

struct FormatCase {
  DataType type;
  Cell value;
  std::string text;
};

int64_t Days(int64_t y, unsigned m, unsigned d) { return DaysFromCivil(y, m, d); }
int64_t Micros(int64_t days, int h, int mi, int s, int64_t us) {
  return ((days * 24 + h) * 60 + mi) * 60 * 1000000 + int64_t{s} * 1000000 + us;
}

TEST(CsvFileSink, FormatsEveryTypeExactly) {
  const DataType integer{TypeId::kInteger}, dbl{TypeId::kDouble}, boolean{TypeId::kBoolean},
      date{TypeId::kDate}, ts{TypeId::kTimestamp};
  const DataType dec2{TypeId::kDecimal, 18, 2}, dec0{TypeId::kDecimal, 10, 0},
      dec6{TypeId::kDecimal, 18, 6};
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<FormatCase> cases = {
      {integer, int64_t{0}, "0"},
      {integer, int64_t{-1}, "-1"},
      {integer, std::numeric_limits<int64_t>::min(), "-9223372036854775808"},
      {integer, std::numeric_limits<int64_t>::max(), "9223372036854775807"},
      {dec2, int64_t{12345}, "123.45"},
      {dec2, int64_t{-5}, "-0.05"},
      {dec2, int64_t{-12345}, "-123.45"},
      {dec2, int64_t{0}, "0.00"},
      {dec2, int64_t{100}, "1.00"},
      {dec0, int64_t{42}, "42"},
      {dec0, int64_t{-42}, "-42"},
      {dec6, int64_t{1}, "0.000001"},
      {dec2, std::numeric_limits<int64_t>::min(), "-92233720368547758.08"},
      {dbl, 0.1, "0.1"},
      {dbl, 1.0, "1"},
      {dbl, -2.5, "-2.5"},
      {dbl, 0.1 + 0.2, "0.30000000000000004"},
      {dbl, 1e21, "1e+21"},
      {dbl, 5e-324, "5e-324"},
      {dbl, 123456789012345680.0, "123456789012345680"},
      {dbl, 1.5e300, "1.5e+300"},
      {dbl, std::nan(""), "NaN"},
      {dbl, inf, "Infinity"},
      {dbl, -inf, "-Infinity"},
      {boolean, int64_t{1}, "true"},
      {boolean, int64_t{0}, "false"},
      {date, int64_t{0}, "1970-01-01"},
      {date, int64_t{-1}, "1969-12-31"},
      {date, Days(1900, 1, 1), "1900-01-01"},
      {date, Days(1, 1, 1), "0001-01-01"},
      {date, Days(2024, 2, 29), "2024-02-29"},
      {ts, int64_t{0}, "1970-01-01 00:00:00"},
      {ts, Micros(Days(2024, 1, 31), 10, 20, 30, 0), "2024-01-31 10:20:30"},
      {ts, Micros(Days(2024, 1, 31), 10, 20, 30, 123456), "2024-01-31 10:20:30.123456"},
      {ts, Micros(Days(2024, 1, 31), 10, 20, 30, 500000), "2024-01-31 10:20:30.500000"},
      {ts, int64_t{-1}, "1969-12-31 23:59:59.999999"},
      {ts, Micros(Days(1900, 6, 1), 23, 59, 59, 0), "1900-06-01 23:59:59"},
  };
  for (const FormatCase& c : cases) {
    EXPECT_EQ(WriteCsv(NoHeader(), OneColumn(c.type), {{c.value}, {kNull}}), c.text + "\n\n")
        << c.type.ToString() << " " << c.text;
  }
}

TEST(CsvFileSink, WritesBooleansWithTheConfiguredTexts) {
  CsvWriteOptions options = NoHeader();
  options.true_text = "yes";
  options.false_text = "no";
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kBoolean}), {{int64_t{1}}, {int64_t{0}}}),
            "yes\nno\n");
}

TEST(CsvFileSink, QuotesFormattedValuesThatContainTheDelimiter) {
  CsvWriteOptions options = NoHeader();
  options.delimiter = '.';
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kDecimal, 18, 2}), {{int64_t{12345}}}),
            "\"123.45\"\n");
  options.delimiter = ' ';
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kTimestamp}), {{int64_t{0}}}),
            "\"1970-01-01 00:00:00\"\n");
  options.delimiter = '-';
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kDate}), {{int64_t{0}}}), "\"1970-01-01\"\n");
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kInteger}), {{int64_t{-3}}, {int64_t{3}}}),
            "\"-3\"\n3\n");
}

TEST(CsvFileSink, QuotesFormattedValuesThatEqualTheNullText) {
  CsvWriteOptions options = NoHeader();
  options.null_text = "0";
  EXPECT_EQ(
      WriteCsv(options, OneColumn({TypeId::kInteger}), {{int64_t{0}}, {kNull}, {int64_t{10}}}),
      "\"0\"\n0\n10\n");
  options.null_text = "NaN";
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kDouble}), {{std::nan("")}, {kNull}, {1.5}}),
            "\"NaN\"\nNaN\n1.5\n");
}

TEST(CsvFileSink, QuotesBooleanTextsWithBlanksAtTheEnds) {
  CsvWriteOptions options = NoHeader();
  options.true_text = " yes";
  EXPECT_EQ(WriteCsv(options, OneColumn({TypeId::kBoolean}), {{int64_t{1}}, {int64_t{0}}}),
            "\" yes\"\nfalse\n");
}

TEST(CsvFileSink, WritesOnlyTheRowsToKeep) {
  TempDir dir;
  CsvWriteOptions options;
  options.path = dir.File("out.csv");
  const Schema schema = OneColumn(kText);
  Batch batch = MakeBatch(schema, {{"kept 1"}, {"filtered"}, {"rejected"}, {"kept 2"}});
  batch.states[1] = RowState::kFiltered;
  batch.states[2] = RowState::kRejected;
  CsvFileSink sink(options);
  sink.Open(schema);
  sink.Begin();
  WriteResult result = sink.Write(batch);
  EXPECT_EQ(result.rows_written, 2u);
  EXPECT_TRUE(result.refused.empty());
  sink.Commit({});
  sink.Close();
  EXPECT_EQ(ReadFile(options.path), "v\nkept 1\nkept 2\n");
}

using TextRow = std::vector<std::optional<std::string>>;

// The rows the project's CSV source reads from `path` (NULL as nullopt).
std::vector<TextRow> ReadBack(CsvOptions options) {
  CsvSource source(options);
  std::vector<TextRow> rows;
  Batch batch;
  for (bool more = true; more;) {
    batch.Clear();
    more = source.ReadNext(batch, 3);
    EXPECT_TRUE(batch.rejections.empty()) << batch.rejections[0].reason;
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      TextRow row;
      for (const Column& c : batch.columns) {
        row.push_back(c.IsNull(r) ? std::nullopt : std::optional<std::string>(c.text[r]));
      }
      rows.push_back(row);
    }
  }
  return rows;
}

// Writes `rows` with `write` and reads them back with `read`; the texts must match exactly.
void ExpectRoundTrip(CsvWriteOptions write, CsvOptions read) {
  const std::vector<TextRow> rows = {
      {"plain", "", std::nullopt},           {"a,b", "say \"hi\"", "two\nlines"},
      {" lead", "trail ", "crlf\r\ninside"}, {"Zoë 東京", "\"", ";"},
      {"\\N", "tab\there", "a'b"},           {std::nullopt, std::nullopt, std::nullopt},
  };
  const Schema schema{{{"first", kText}, {"second name", kText}, {"third,col", kText}}};
  std::vector<std::vector<Cell>> cells;
  for (const TextRow& row : rows) {
    std::vector<Cell> r;
    for (const auto& v : row) r.push_back(v ? Cell(*v) : kNull);
    cells.push_back(r);
  }
  TempDir dir;
  write.path = dir.File("out.csv");
  CsvFileSink sink(write);
  sink.Open(schema);
  sink.Begin();
  sink.Write(MakeBatch(schema, cells));
  sink.Commit({});
  sink.Close();

  read.path = write.path;
  CsvSource source(read);
  ASSERT_EQ(source.schema().size(), 3u);
  EXPECT_EQ(source.schema().fields[1].name, "second name");
  EXPECT_EQ(source.schema().fields[2].name, "third,col");
  EXPECT_EQ(ReadBack(read), rows) << ReadFile(write.path);
}

TEST(CsvFileSink, CsvSourceReadsBackTheSameTextsAndNullsWithAnEmptyNullToken) {
  CsvOptions read;
  read.null_token = "";
  ExpectRoundTrip({}, read);
}

TEST(CsvFileSink, CsvSourceReadsBackTheSameTextsAndNullsWithABackslashNToken) {
  CsvWriteOptions write;
  write.null_text = "\\N";
  CsvOptions read;
  read.null_token = "\\N";
  ExpectRoundTrip(write, read);
}

TEST(CsvFileSink, CsvSourceReadsBackSemicolonsCrLfAndQuoteAll) {
  CsvWriteOptions write;
  write.delimiter = ';';
  write.line_end = "\r\n";
  write.quote_all = true;
  CsvOptions read;
  read.delimiter = ';';
  read.null_token = "";
  ExpectRoundTrip(write, read);
}

struct InvalidCase {
  const char* what;
  std::function<void(CsvWriteOptions&)> change;
  std::string message;
};

TEST(CsvWriteOptions, ValidateNamesTheOffendingJobKey) {
  const std::vector<InvalidCase> cases = {
      {"no path", [](CsvWriteOptions& o) { o.path.clear(); }, "target.path is required"},
      {"directory path", [](CsvWriteOptions& o) { o.path = "out/"; },
       "target.path 'out/' names a directory, not a file"},
      {"gzip level", [](CsvWriteOptions& o) { o.gzip_level = 0; },
       "target.gzip_level must be 1..9, got 0"},
      {"newline delimiter", [](CsvWriteOptions& o) { o.delimiter = '\n'; },
       "target.delimiter '\\n' must be one ASCII character other than a line ending"},
      {"non-ASCII quote", [](CsvWriteOptions& o) { o.quote = '\xC3'; },
       "target.quote '\xC3' must be one ASCII character other than a line ending"},
      {"same delimiter and quote", [](CsvWriteOptions& o) { o.quote = ','; },
       "target.delimiter and target.quote must differ (both ',')"},
      {"bare CR line end", [](CsvWriteOptions& o) { o.line_end = "\r"; },
       "target.line_end must be \"\\n\" or \"\\r\\n\""},
      {"null with delimiter", [](CsvWriteOptions& o) { o.null_text = "a,b"; },
       "target.null \"a,b\" contains ',', so a reader could not tell it from a value"},
      {"same booleans", [](CsvWriteOptions& o) { o.false_text = "true"; },
       "target.true and target.false must be two different non-empty texts"},
      {"null is a boolean", [](CsvWriteOptions& o) { o.null_text = "false"; },
       "target.null \"false\" equals a boolean's text"},
  };
  for (const InvalidCase& c : cases) {
    CsvWriteOptions options;
    options.path = "out.csv";
    c.change(options);
    try {
      options.Validate("job.yaml:7:3");
      ADD_FAILURE() << c.what << ": accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), "job.yaml:7:3: " + c.message) << c.what;
    }
    EXPECT_THROW(CsvFileSink sink(options), ConfigError) << c.what;
  }
}

TEST(CsvWriteOptions, DefaultsWithAPathAreValid) {
  CsvWriteOptions options;
  options.path = "-";
  EXPECT_NO_THROW(options.Validate("job.yaml:1:1"));
}

}  // namespace
}  // namespace sluice

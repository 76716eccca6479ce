// SplitCsvRecord: record bytes -> exact fields (NULL shown as <null>) or the exact error.
#include "connectors/csv/csv_splitter.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace sluice {
namespace {

using Fields = std::vector<std::optional<std::string>>;

struct SplitCase {
  std::string record;
  Fields expected;
};

Fields Split(const std::string& record, const CsvOptions& options) {
  StringArena arena;
  std::vector<CsvField> fields;
  const CsvSplitResult result = SplitCsvRecord(record, options, arena, fields);
  EXPECT_TRUE(result.ok()) << record << ": " << DescribeCsvSplitError(result);
  Fields out;
  for (const CsvField& f : fields) {
    out.push_back(f.is_null ? std::nullopt : std::optional<std::string>(f.text));
  }
  return out;
}

void ExpectSplits(const std::vector<SplitCase>& cases, const CsvOptions& options) {
  for (const SplitCase& c : cases) {
    EXPECT_EQ(Split(c.record, options), c.expected) << "record: " << c.record;
  }
}

TEST(CsvSplitter, SplitsQuotedAndUnquotedFields) {
  ExpectSplits(
      {
          {"a,b,c", {"a", "b", "c"}},
          {"\"a\",b,\"c\"", {"a", "b", "c"}},
          {"\"a,b\",c", {"a,b", "c"}},
          {"\"\"", {""}},
          {"a", {"a"}},
          {"", {""}},
          {",", {"", ""}},
          {"a,", {"a", ""}},
          {",a", {"", "a"}},
          {"\"x\",", {"x", ""}},
          {" a , b ", {" a ", " b "}},
          {"caf\xC3\xA9,\xE2\x82\xAC", {"caf\xC3\xA9", "\xE2\x82\xAC"}},
      },
      CsvOptions{});
}

TEST(CsvSplitter, TurnsDoubledQuotesIntoOne) {
  ExpectSplits(
      {
          {"\"a\"\"b\"", {"a\"b"}},
          {"\"\"\"\"", {"\""}},
          {"\"\"\"a\"\"\",b", {"\"a\"", "b"}},
          {"x,\"say \"\"hi\"\", \"\"bye\"\"\"", {"x", "say \"hi\", \"bye\""}},
      },
      CsvOptions{});
}

TEST(CsvSplitter, KeepsNewlinesInsideQuotes) {
  ExpectSplits(
      {
          {"\"line1\nline2\",b", {"line1\nline2", "b"}},
          {"\"line1\r\nline2\",b", {"line1\r\nline2", "b"}},
          {"\"\n\"", {"\n"}},
      },
      CsvOptions{});
}

TEST(CsvSplitter, UnquotedEmptyFieldIsEmptyTextUnlessTheNullTokenIsEmpty) {
  CsvOptions no_token;
  ExpectSplits({{",x,", {"", "x", ""}}}, no_token);

  CsvOptions empty_token;
  empty_token.null_token = "";
  ExpectSplits({{",x,\"\"", {std::nullopt, "x", ""}}}, empty_token);
}

TEST(CsvSplitter, OnlyAnUnquotedNullTokenIsNull) {
  CsvOptions options;
  options.null_token = "NULL";
  ExpectSplits(
      {
          {"NULL,\"NULL\",,null,NULLx", {std::nullopt, "NULL", "", "null", "NULLx"}},
      },
      options);
  options.null_token = "\\N";
  ExpectSplits({{"\\N,\"\\N\"", {std::nullopt, "\\N"}}}, options);
}

TEST(CsvSplitter, UsesTheConfiguredDelimiterAndQuote) {
  CsvOptions tab;
  tab.delimiter = '\t';
  ExpectSplits({{"a\tb,c\t\"d\te\"", {"a", "b,c", "d\te"}}}, tab);

  CsvOptions semicolon;
  semicolon.delimiter = ';';
  ExpectSplits({{"1,5;\"a;b\";x", {"1,5", "a;b", "x"}}}, semicolon);

  CsvOptions pipe_single_quote;
  pipe_single_quote.delimiter = '|';
  pipe_single_quote.quote = '\'';
  ExpectSplits({{"'it''s'|\"q\"|'a|b'", {"it's", "\"q\"", "a|b"}}}, pipe_single_quote);
}

TEST(CsvSplitter, KeepsAVeryLongFieldWhole) {
  const std::string big(1 << 20, 'x');
  const std::string quoted_big = std::string(300000, 'y') + "\"\"" + std::string(300000, 'z');
  ExpectSplits({{big + ",\"" + quoted_big + "\"",
                 {big, std::string(300000, 'y') + "\"" + std::string(300000, 'z')}}},
               CsvOptions{});
}

TEST(CsvSplitter, UnquotedFieldsAreViewsIntoTheRecord) {
  const std::string record = "abc,\"de\",\"f\"\"g\"";
  StringArena arena;
  std::vector<CsvField> fields;
  ASSERT_TRUE(SplitCsvRecord(record, CsvOptions{}, arena, fields).ok());
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].text.data(), record.data());
  EXPECT_EQ(fields[1].text.data(), record.data() + 5);
  EXPECT_EQ(arena.BytesUsed(), 4u);  // only the field with a doubled quote was copied
  EXPECT_EQ(fields[2].text, "f\"g");
}

struct ErrorCase {
  std::string record;
  CsvSplitStatus status;
  size_t field;
  size_t byte_column;
  std::string message;
};

TEST(CsvSplitter, ReportsMalformedQuotingWithFieldAndColumn) {
  const std::vector<ErrorCase> cases = {
      {"a\"b", CsvSplitStatus::kQuoteInUnquotedField, 1, 2,
       "field 1, column 2: quote inside an unquoted field"},
      {"x,ab\"", CsvSplitStatus::kQuoteInUnquotedField, 2, 5,
       "field 2, column 5: quote inside an unquoted field"},
      {"\"ab\"c", CsvSplitStatus::kTextAfterClosingQuote, 1, 5,
       "field 1, column 5: text after a closing quote"},
      {"1,\"ab\" ,3", CsvSplitStatus::kTextAfterClosingQuote, 2, 7,
       "field 2, column 7: text after a closing quote"},
      {"1,2,\"abc", CsvSplitStatus::kUnterminatedQuote, 3, 5,
       "field 3, column 5: quoted field never closed"},
      {"\"", CsvSplitStatus::kUnterminatedQuote, 1, 1,
       "field 1, column 1: quoted field never closed"},
      {"\"a\"\"", CsvSplitStatus::kUnterminatedQuote, 1, 1,
       "field 1, column 1: quoted field never closed"},
  };
  for (const ErrorCase& c : cases) {
    StringArena arena;
    std::vector<CsvField> fields;
    const CsvSplitResult result = SplitCsvRecord(c.record, CsvOptions{}, arena, fields);
    EXPECT_EQ(result.status, c.status) << c.record;
    EXPECT_EQ(result.field, c.field) << c.record;
    EXPECT_EQ(result.byte_column, c.byte_column) << c.record;
    EXPECT_EQ(DescribeCsvSplitError(result), c.message) << c.record;
  }
}

TEST(CsvSplitter, LenientQuotesKeepAQuoteInsideAnUnquotedField) {
  CsvOptions lenient;
  lenient.strict_quotes = false;
  ExpectSplits({{"5\" disk,a\"b\"c,\"q\"", {"5\" disk", "a\"b\"c", "q"}}}, lenient);
}

}  // namespace
}  // namespace sluice

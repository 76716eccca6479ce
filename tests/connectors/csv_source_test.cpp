// CsvSource: files -> schema, rows of text, exact origins, rejected rows with exact reasons,
// and resumption from Position().
#include "connectors/csv/csv_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/errors.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::TempDir;

// One row as the tests compare it: values (nullopt = NULL), origin, state and reason.
struct Row {
  std::vector<std::optional<std::string>> values;
  uint64_t line = 0;
  uint64_t byte_offset = 0;
  std::string rejection;  // empty when kept

  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  os << "{[";
  for (const auto& v : r.values) os << (v ? "\"" + *v + "\"" : "<null>") << " ";
  return os << "] line " << r.line << " offset " << r.byte_offset << " '" << r.rejection << "'}";
}

std::vector<Row> Rows(const Batch& batch) {
  std::vector<Row> rows(batch.num_rows());
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    for (const Column& c : batch.columns) {
      rows[r].values.push_back(c.IsNull(r) ? std::nullopt : std::optional<std::string>(c.text[r]));
    }
    rows[r].line = batch.origins[r].line;
    rows[r].byte_offset = batch.origins[r].byte_offset;
  }
  for (const Rejection& rej : batch.rejections) {
    EXPECT_EQ(batch.states[rej.row], RowState::kRejected);
    EXPECT_EQ(rej.rule, "csv");
    rows[rej.row].rejection = rej.reason;
  }
  return rows;
}

// Reads the whole source in batches of max_rows, checking each batch's invariants.
std::vector<Row> ReadAll(CsvSource& source, size_t max_rows = 1000) {
  std::vector<Row> rows;
  Batch batch;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, max_rows)) break;
    EXPECT_LE(batch.num_rows(), max_rows);
    EXPECT_EQ(batch.raw_records.size(), batch.num_rows());
    EXPECT_EQ(batch.origins.size(), batch.num_rows());
    for (const Column& c : batch.columns) EXPECT_EQ(c.size(), batch.num_rows());
    for (const Row& r : Rows(batch)) rows.push_back(r);
  }
  return rows;
}

CsvOptions Options(const std::string& path) {
  CsvOptions options;
  options.path = path;
  return options;
}

std::string RunErrorOf(const CsvOptions& options) {
  try {
    CsvSource source(options);
  } catch (const RunError& e) {
    return e.what();
  }
  return "no error";
}

TEST(CsvSource, BuildsATextSchemaFromTheHeader) {
  TempDir dir;
  CsvSource source(Options(dir.Write("in.csv", "\xEF\xBB\xBFid,\"full name\",note\n")));
  ASSERT_EQ(source.schema().size(), 3u);
  EXPECT_EQ(source.schema().fields[0].name, "id");
  EXPECT_EQ(source.schema().fields[1].name, "full name");
  EXPECT_EQ(source.schema().fields[2].name, "note");
  for (const Field& f : source.schema().fields) EXPECT_TRUE(f.type.IsText());
}

TEST(CsvSource, HeaderOnlyFileYieldsNoRows) {
  TempDir dir;
  for (const std::string file : {"a,b\n", "a,b", "a,b\r\n\r\n"}) {
    CsvSource source(Options(dir.Write("in.csv", file)));
    EXPECT_EQ(source.schema().size(), 2u);
    Batch batch;
    EXPECT_FALSE(source.ReadNext(batch, 100));
    EXPECT_EQ(batch.num_rows(), 0u);
  }
}

TEST(CsvSource, RefusesAnEmptyFileWhenAHeaderIsExpected) {
  TempDir dir;
  const std::string path = dir.Write("in.csv", "");
  EXPECT_EQ(RunErrorOf(Options(path)), path + ": empty file, expected a header");
}

TEST(CsvSource, RefusesABadHeaderNamingFileAndLine) {
  TempDir dir;
  struct Case {
    std::string file;
    std::string error;  // after "path:"
  };
  const std::vector<Case> cases = {
      {"a,b,a\n", "1: header names \"a\" twice (fields 1 and 3)"},
      {"a,,c\n", "1: header field 2 is empty; every column needs a name (or set column_names)"},
      {"\n\na,\"b\n", "3: header is malformed: field 2, column 3: quoted field never closed"},
      {std::string("a,b\0c\n", 6), "1: NUL byte at column 4 of the header"},
      {"a,\xFF\n", "1: invalid UTF-8 at column 3 of the header"},
  };
  for (const Case& c : cases) {
    const std::string path = dir.Write("in.csv", c.file);
    EXPECT_EQ(RunErrorOf(Options(path)), path + ":" + c.error);
  }
}

TEST(CsvSource, NamesThePathAndReasonWhenTheFileCannotBeOpened) {
  EXPECT_EQ(RunErrorOf(Options("/nonexistent/x.csv")),
            "cannot open CSV file /nonexistent/x.csv: No such file or directory");
}

TEST(CsvSource, ReadsValuesNullsAndOrigins) {
  TempDir dir;
  CsvOptions options = Options(dir.Write("in.csv",
                                         "id,name,note\r\n"
                                         "1,\"Smith, J\",\r\n"
                                         "2,\"multi\r\nline\",NULL\r\n"
                                         "3,\"say \"\"hi\"\"\",\"NULL\"\r\n"
                                         "\r\n"
                                         "4,x,y"));
  options.null_token = "NULL";
  CsvSource source(options);
  EXPECT_EQ(ReadAll(source), (std::vector<Row>{
                                 {{"1", "Smith, J", ""}, 2, 14, ""},
                                 {{"2", "multi\r\nline", std::nullopt}, 3, 29, ""},
                                 {{"3", "say \"hi\"", "NULL"}, 5, 51, ""},
                                 {{"4", "x", "y"}, 7, 76, ""},
                             }));
}

TEST(CsvSource, KeepsEveryMalformedRecordAsARejectedRowWithItsReason) {
  TempDir dir;
  const std::string file = std::string(
      "a,b,c\n"
      "1,2\n"
      "1,2,3,4\n"
      "1,x\"y,3\n"
      "\"1\"x,2,3\n"
      "1,\0,3\n"
      "1,\xC3\x28,3\n"
      "ok,\"multi\nline\",3\n"
      "7,8,9\n"
      "1,2,\"never closed\n"
      "10,11,12\n",
      99);
  CsvSource source(Options(dir.Write("in.csv", file)));
  const std::vector<std::optional<std::string>> nulls(3);
  EXPECT_EQ(ReadAll(source, 4),
            (std::vector<Row>{
                {nulls, 2, 6, "expected 3 fields, found 2"},
                {nulls, 3, 10, "expected 3 fields, found 4"},
                {nulls, 4, 18, "field 2, column 4: quote inside an unquoted field"},
                {nulls, 5, 26, "field 1, column 4: text after a closing quote"},
                {nulls, 6, 35, "NUL byte at column 3"},
                {nulls, 7, 41, "invalid UTF-8 at column 3"},
                {{"ok", "multi\nline", "3"}, 8, 48, ""},
                {{"7", "8", "9"}, 10, 66, ""},
                {nulls, 11, 72, "field 3, column 5: quoted field never closed"},
            }));
}

TEST(CsvSource, StoresTheRawRecordForTheRejectsOutput) {
  TempDir dir;
  const std::string path = dir.Write("in.csv", "a,b\r\n1\r\n\"x\ny\",2\r\n");
  CsvSource source(Options(path));
  Batch batch;
  ASSERT_TRUE(source.ReadNext(batch, 10));
  ASSERT_EQ(batch.num_rows(), 2u);
  EXPECT_EQ(batch.raw_records[0], "1");
  EXPECT_EQ(batch.raw_records[1], "\"x\ny\",2");
  EXPECT_EQ(batch.source_name, path);
}

TEST(CsvSource, UsesColumnNamesWithOrWithoutAHeader) {
  TempDir dir;
  CsvOptions with_header = Options(dir.Write("h.csv", "x,y\n1,2\n"));
  with_header.column_names = {"first", "second"};
  CsvSource renamed(with_header);
  EXPECT_EQ(renamed.schema().fields[1].name, "second");
  EXPECT_EQ(ReadAll(renamed), (std::vector<Row>{{{"1", "2"}, 2, 4, ""}}));

  CsvOptions no_header = Options(dir.Write("n.csv", "1,2\n3,4\n"));
  no_header.header = false;
  no_header.column_names = {"p", "q"};
  CsvSource named(no_header);
  EXPECT_EQ(ReadAll(named), (std::vector<Row>{{{"1", "2"}, 1, 0, ""}, {{"3", "4"}, 2, 4, ""}}));

  with_header.column_names = {"only"};
  EXPECT_EQ(RunErrorOf(with_header),
            with_header.path + ":1: header has 2 fields but column_names names 1");
}

TEST(CsvSource, NumbersColumnsFromTheFirstRecordWithoutHeaderOrNames) {
  TempDir dir;
  CsvOptions options = Options(dir.Write("in.csv", "\n1,2,3\n4,5,6\n"));
  options.header = false;
  CsvSource source(options);
  ASSERT_EQ(source.schema().size(), 3u);
  EXPECT_EQ(source.schema().fields[2].name, "column3");
  EXPECT_EQ(source.Position().byte_offset, 1u);
  EXPECT_EQ(ReadAll(source),
            (std::vector<Row>{{{"1", "2", "3"}, 2, 1, ""}, {{"4", "5", "6"}, 3, 7, ""}}));
}

TEST(CsvSource, ReportsThePositionAfterEachBatch) {
  TempDir dir;
  CsvSource source(Options(dir.Write("in.csv", "a\n1\n\"2\n2\"\n3\n4")));
  Batch batch;
  std::vector<std::pair<uint64_t, uint64_t>> ends;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, 2)) break;
    ends.emplace_back(source.Position().byte_offset, source.Position().line);
  }
  EXPECT_EQ(ends, (std::vector<std::pair<uint64_t, uint64_t>>{{10, 4}, {13, 6}}));
}

TEST(CsvSource, ContinuesExactlyAfterSeekTo) {
  TempDir dir;
  std::string file = "id,text\r\n";
  for (int i = 0; i < 50; ++i) {
    file += std::to_string(i) + (i % 3 == 0 ? ",\"multi\r\nline " : ",plain ") + std::to_string(i) +
            (i % 3 == 0 ? "\"\r\n" : "\r\n");
  }
  CsvOptions options = Options(dir.Write("in.csv", file));
  options.read_block_bytes = 7;

  CsvSource whole(options);
  const std::vector<Row> all = ReadAll(whole);
  ASSERT_EQ(all.size(), 50u);

  for (size_t split : {0, 1, 7, 17, 49}) {
    CsvSource first(options);
    Batch batch;
    if (split > 0) {
      ASSERT_TRUE(first.ReadNext(batch, split));
    }
    const SourcePosition at = first.Position();
    CsvSource resumed(options);
    resumed.SeekTo(at);
    EXPECT_EQ(ReadAll(resumed), std::vector<Row>(all.begin() + split, all.end())) << split;
  }
}

TEST(CsvSource, RefusesToSeekIntoTheHeader) {
  TempDir dir;
  const std::string path = dir.Write("in.csv", "a,b\n1,2\n");
  CsvSource source(Options(path));
  try {
    source.SeekTo(SourcePosition{0, 0, ""});
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ": cannot resume at byte 0, before the first record (byte 4)");
  }
}

TEST(CsvSource, ReadsTheSameRowsAtAnyReadBlockSize) {
  TempDir dir;
  const std::string path = dir.Write("in.csv", "a,b\n\"x\r\ny\",\"\"\"\"\n1,2\n\"long " +
                                                   std::string(5000, 'z') + "\",3\nbad\n4,\"5\n");
  CsvSource reference(Options(path));
  const std::vector<Row> expected = ReadAll(reference);
  ASSERT_EQ(expected.size(), 5u);
  for (size_t block : {1, 2, 3, 64, 4096}) {
    CsvOptions options = Options(path);
    options.read_block_bytes = block;
    CsvSource source(options);
    EXPECT_EQ(ReadAll(source, 2), expected) << block;
  }
}

// Found by the fuzzer: the last batch ends before trailing blank lines; the final ReadNext (the
// one returning false) consumes them, so the position then is the end of the file.
TEST(CsvSource, TheFinalReadNextConsumesTrailingBlankLines) {
  TempDir dir;
  const std::string file = "a\n1\n\r\n\n";
  CsvSource source(Options(dir.Write("in.csv", file)));
  Batch batch;
  ASSERT_TRUE(source.ReadNext(batch, 1));
  EXPECT_EQ(source.Position().byte_offset, 4u);
  batch.Clear();
  EXPECT_FALSE(source.ReadNext(batch, 1));
  EXPECT_EQ(source.Position().byte_offset, file.size());
  EXPECT_EQ(source.Position().line, 4u);
}

// Found by the fuzzer: without a header the data starts at byte 0, yet the first row is after
// the BOM, and resuming at 0 skips the BOM again.
TEST(CsvSource, WithoutAHeaderTheFirstRowStartsAfterTheBom) {
  TempDir dir;
  CsvOptions options = Options(dir.Write("in.csv",
                                         "\xEF\xBB\xBF"
                                         "1,2\n3,4\n"));
  options.header = false;
  options.column_names = {"a", "b"};
  CsvSource source(options);
  EXPECT_EQ(source.Position().byte_offset, 0u);
  const std::vector<Row> expected = {{{"1", "2"}, 1, 3, ""}, {{"3", "4"}, 2, 7, ""}};
  EXPECT_EQ(ReadAll(source), expected);
  source.SeekTo(SourcePosition{0, 0, ""});
  EXPECT_EQ(ReadAll(source), expected);
}

}  // namespace
}  // namespace sluice

// CsvRecordReader: file bytes -> exact records with their 1-based line and byte offset, at any
// read block size.
#include "connectors/csv/csv_record_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/errors.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::TempDir;

struct Expected {
  std::string bytes;
  uint64_t line;
  uint64_t byte_offset;
  size_t nul_at = CsvRecord::kNoNul;

  bool operator==(const Expected&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Expected& e) {
  return os << "{\"" << e.bytes << "\" line " << e.line << " offset " << e.byte_offset << " nul "
            << static_cast<long long>(e.nul_at) << "}";
}

struct ReadResult {
  std::vector<Expected> records;
  uint64_t lines = 0;
  uint64_t end_offset = 0;
};

ReadResult ReadAll(const std::string& path, size_t block_bytes) {
  CsvOptions options;
  options.path = path;
  options.read_block_bytes = block_bytes;
  CsvRecordReader reader(options);
  ReadResult result;
  CsvRecord record;
  while (reader.Next(record)) {
    result.records.push_back(
        {std::string(record.bytes), record.line, record.byte_offset, record.nul_at});
  }
  result.lines = reader.LinesConsumed();
  result.end_offset = reader.NextOffset();
  return result;
}

struct ReaderCase {
  std::string name;
  std::string file;
  std::vector<Expected> records;
  uint64_t lines;
};

const std::vector<ReaderCase>& Cases() {
  static const std::vector<ReaderCase> cases = {
      {"lf", "a,b\nc,d\n", {{"a,b", 1, 0}, {"c,d", 2, 4}}, 2},
      {"crlf", "a,b\r\nc,d\r\n", {{"a,b", 1, 0}, {"c,d", 2, 5}}, 2},
      {"last line without newline", "a,b\nc,d", {{"a,b", 1, 0}, {"c,d", 2, 4}}, 2},
      {"last crlf line without newline", "a\r\nb\r", {{"a", 1, 0}, {"b", 2, 3}}, 2},
      {"newline inside quotes",
       "1,\"x\ny\",2\n3,\"\n\n\",4\n5,z,6\n",
       {{"1,\"x\ny\",2", 1, 0}, {"3,\"\n\n\",4", 3, 10}, {"5,z,6", 6, 19}},
       6},
      {"crlf inside quotes kept byte for byte",
       "\"a\r\nb\"\r\nc\r\n",
       {{"\"a\r\nb\"", 1, 0}, {"c", 3, 8}},
       3},
      {"doubled quotes do not close",
       "\"a\"\"\nb\",c\nd\n",
       {{"\"a\"\"\nb\",c", 1, 0}, {"d", 3, 10}},
       3},
      {"quote inside an unquoted field does not open",
       "a\"b\nc\"d\n",
       {{"a\"b", 1, 0}, {"c\"d", 2, 4}},
       2},
      {"quote after a delimiter opens", "a,\"b\nc\"\nd\n", {{"a,\"b\nc\"", 1, 0}, {"d", 3, 8}}, 3},
      {"bom skipped", "\xEF\xBB\xBFh1,h2\nv\n", {{"h1,h2", 1, 3}, {"v", 2, 9}}, 2},
      {"blank lines are empty records",
       "a\n\n\r\nb\n",
       {{"a", 1, 0}, {"", 2, 2}, {"", 3, 3}, {"b", 4, 5}},
       4},
      {"unterminated quote runs to the end", "a\n\"b\nc", {{"a", 1, 0}, {"\"b\nc", 2, 2}}, 3},
      {"unterminated quote ending in a newline", "\"b\n", {{"\"b\n", 1, 0}}, 1},
      {"quote as the very last byte", "a,\"b\"", {{"a,\"b\"", 1, 0}}, 1},
      {"nul bytes reported, not truncated",
       std::string("ab\0cd,e\nf\0\n", 11),
       {{std::string("ab\0cd,e", 7), 1, 0, 2}, {std::string("f\0", 2), 2, 8, 1}},
       2},
      {"empty file", "", {}, 0},
      {"only a newline", "\n", {{"", 1, 0}}, 1},
  };
  return cases;
}

TEST(CsvRecordReader, ReportsEveryRecordWithItsLineAndByteOffset) {
  TempDir dir;
  for (const ReaderCase& c : Cases()) {
    const ReadResult result = ReadAll(dir.Write("in.csv", c.file), 1 << 20);
    EXPECT_EQ(result.records, c.records) << c.name;
    EXPECT_EQ(result.lines, c.lines) << c.name;
    EXPECT_EQ(result.end_offset, c.file.size()) << c.name;
  }
}

TEST(CsvRecordReader, GivesTheSameRecordsWhenTheyStraddleReadBlocks) {
  TempDir dir;
  for (const ReaderCase& c : Cases()) {
    const std::string path = dir.Write("in.csv", c.file);
    for (size_t block : {1, 2, 3, 5, 7}) {
      const ReadResult result = ReadAll(path, block);
      EXPECT_EQ(result.records, c.records) << c.name << " block " << block;
      EXPECT_EQ(result.lines, c.lines) << c.name << " block " << block;
    }
  }
}

TEST(CsvRecordReader, ReadsARecordMuchLongerThanTheReadBlock) {
  TempDir dir;
  const std::string field = "\"" + std::string(100000, 'x') + "\n" + std::string(50000, 'y') + "\"";
  const ReadResult result = ReadAll(dir.Write("in.csv", "a\n" + field + ",b\nc\n"), 4096);
  ASSERT_EQ(result.records.size(), 3u);
  EXPECT_EQ(result.records[1], (Expected{field + ",b", 2, 2}));
  EXPECT_EQ(result.records[2], (Expected{"c", 4, 2 + field.size() + 3}));
}

TEST(CsvRecordReader, StopsTheRunWhenARecordExceedsMaxRecordBytes) {
  TempDir dir;
  CsvOptions options;
  options.path = dir.Write("in.csv", "a\n\"never closed\n" + std::string(5000, 'x') + "\n");
  options.read_block_bytes = 64;
  options.max_record_bytes = 1000;
  CsvRecordReader reader(options);
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  try {
    reader.Next(record);
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()),
              options.path +
                  ":2: a record longer than max_record_bytes (1000 bytes) starts here; most "
                  "likely a quote that is never closed");
  }
}

TEST(CsvRecordReader, NamesThePathWhenTheFileCannotBeOpened) {
  CsvOptions options;
  options.path = "/nonexistent/sluice/in.csv";
  try {
    CsvRecordReader reader(options);
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open CSV file /nonexistent/sluice/in.csv: No such file or directory");
  }
}

TEST(CsvRecordReader, SeekToContinuesAtAReportedRecordBoundary) {
  TempDir dir;
  CsvOptions options;
  options.path = dir.Write("in.csv", "h\n1,\"a\nb\"\n2\r\n3\n4");
  options.read_block_bytes = 3;
  CsvRecordReader first(options);
  CsvRecord record;
  ASSERT_TRUE(first.Next(record));
  ASSERT_TRUE(first.Next(record));
  const uint64_t offset = first.NextOffset();
  const uint64_t lines = first.LinesConsumed();
  EXPECT_EQ(offset, 10u);
  EXPECT_EQ(lines, 3u);

  CsvRecordReader resumed(options);
  resumed.SeekTo(offset, lines);
  std::vector<Expected> rest;
  while (resumed.Next(record))
    rest.push_back({std::string(record.bytes), record.line, record.byte_offset});
  EXPECT_EQ(rest, (std::vector<Expected>{{"2", 4, 10}, {"3", 5, 13}, {"4", 6, 15}}));
  EXPECT_EQ(resumed.LinesConsumed(), 6u);
}

TEST(CsvRecordReader, SeekToTheStartSkipsTheBomAgain) {
  TempDir dir;
  CsvOptions options;
  options.path = dir.Write("in.csv", "\xEF\xBB\xBFx\ny\n");
  CsvRecordReader reader(options);
  CsvRecord record;
  while (reader.Next(record)) {
  }
  reader.SeekTo(0, 0);
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.bytes, "x");
  EXPECT_EQ(record.byte_offset, 3u);
}

}  // namespace
}  // namespace sluice

// Hostile input through the real binary: truncated, binary, oversized and oddly ended CSV and JSON
// files (NDJSON and arrays, plain and gzip) loaded into SQLite. Every case ends in exactly the rows
// it states landed and the rows it states rejected (reason and line), or in an error naming the
// file and the place; never a crash, a hang or a row that vanished without a word.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

using namespace std::string_literals;

constexpr size_t kTenMb = size_t{10} << 20;
constexpr size_t kManyColumns = 10000;
// Values longer than this are shown as "<N bytes>" in the expected rows.
constexpr size_t kShownBytes = 64;

enum class Format { kCsv, kNdjson, kArray };

struct Rejected {
  uint64_t line;
  std::string reason;  // a substring of the reason
};

struct BadInput {
  std::string name{};
  Format format{};
  std::string file{};  // the input's name; one ending in ".gz" is read through zlib
  std::function<std::string()> bytes{};
  // The target table's columns joined by '|', then its rows in order; empty when the run fails.
  std::vector<std::string> landed{};
  std::vector<Rejected> rejected{};
  // Substrings of the message of a failing run, "{file}" standing for the input's path; none
  // when the run succeeds.
  std::vector<std::string> error{};
  // The job's `columns:` section, for files whose own columns SQLite cannot hold.
  std::string columns{};
  // More keys of the job's source, "columns: [a]" say.
  std::string source_options{};
};

// gtest names a failing case by this, not by its bytes.
void PrintTo(const BadInput& c, std::ostream* os) { *os << c.name; }

std::function<std::string()> Text(std::string bytes) {
  return [bytes] { return bytes; };
}

std::string Gzip(const std::string& bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

// Lines whose compressed form is long enough to cut in the middle of the deflate stream.
std::string ManyLines(Format format) {
  std::string out = format == Format::kCsv ? "a,b\n" : format == Format::kArray ? "[\n" : "";
  for (int i = 1; i <= 5000; ++i) {
    const std::string n = std::to_string(i * 7919 % 100003);
    if (format == Format::kCsv) {
      out += std::to_string(i) + "," + n + "\n";
    } else {
      out += std::string(i > 1 && format == Format::kArray ? "," : "") +
             "{\"a\":" + std::to_string(i) + ",\"b\":" + n + "}\n";
    }
  }
  return out + (format == Format::kArray ? "]\n" : "");
}

std::function<std::string()> TruncatedGzip(Format format) {
  return [format] {
    const std::string z = Gzip(ManyLines(format));
    return z.substr(0, z.size() / 2);
  };
}

std::string ManyNames(const char* prefix) {
  std::string out;
  for (size_t i = 1; i <= kManyColumns; ++i) {
    out += (i > 1 ? "," : "") + std::string(prefix) + std::to_string(i);
  }
  return out;
}

std::string ManyValues(size_t count) {
  std::string out;
  for (size_t i = 1; i <= count; ++i) out += (i > 1 ? "," : "") + std::to_string(i);
  return out;
}

std::string ManyKeys(int row) {
  std::string out = "{";
  for (size_t i = 1; i <= kManyColumns; ++i) {
    out += (i > 1 ? "," : "") + std::string("\"k") + std::to_string(i) +
           "\":" + std::to_string(row * 100000 + static_cast<int>(i));
  }
  return out + "}";
}

std::string LongValue(char c) { return std::string(kTenMb, c); }

const char* kTenMbShown = "<10485760 bytes>";

// A JSON file without documents has no columns. A job that lists none then fails creating the
// table ("near \")\": syntax error", no file named); one that lists target columns names no file
// either ("the source has no column 'a' (it has: )"). Both messages come from outside the
// readers: jobs/plan_builder.cpp and the SQLite sink.
std::vector<BadInput> CsvCases() {
  const Format csv = Format::kCsv;
  return {
      {.name = "CsvCutInsideAQuotedField",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\n2,\"unfin\nished"),
       .landed = {"a|b", "1|x"},
       .rejected = {{3, "field 2, column 3: quoted field never closed"}}},
      {.name = "CsvCutInsideARow",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\n2"),
       .landed = {"a|b", "1|x"},
       .rejected = {{3, "expected 2 fields, found 1"}}},
      {.name = "CsvCutInsideAMultiByteCharacter",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\n2,caf\xC3"),
       .landed = {"a|b", "1|x"},
       .rejected = {{3, "invalid UTF-8 at column 6"}}},
      {.name = "CsvNulByteInsideAField",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\0y\n2,z\n"s),
       .landed = {"a|b", "2|z"},
       .rejected = {{2, "NUL byte at column 4"}}},
      {.name = "CsvInvalidUtf8",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,ok\n2,\xFF\xFE\n3,\xC0\xAF\n"),
       .landed = {"a|b", "1|ok"},
       .rejected = {{3, "invalid UTF-8 at column 3"}, {4, "invalid UTF-8 at column 3"}}},
      {.name = "CsvALineOfTenMegabytes",
       .format = csv,
       .file = "in.csv",
       .bytes = [] { return "a,b\n1," + LongValue('x') + "\n2,y\n"; },
       .landed = {"a|b", "1|"s + kTenMbShown, "2|y"}},
      {.name = "CsvAQuotedFieldOfTenMegabytesOfNewlines",
       .format = csv,
       .file = "in.csv",
       .bytes = [] { return "a,b\n1,\"" + LongValue('\n') + "\"\n2,y\n"; },
       .landed = {"a|b", "1|"s + kTenMbShown, "2|y"}},
      {.name = "CsvTenThousandColumnsLandWhereTheJobPicksSome",
       .format = csv,
       .file = "in.csv",
       .bytes =
           [] {
             return ManyNames("c") + "\n" + ManyValues(kManyColumns) + "\n" +
                    ManyValues(kManyColumns - 1) + "\n" + ManyValues(kManyColumns) + "\n";
           },
       .landed = {"c1|c10000", "1|10000", "1|10000"},
       .rejected = {{3, "expected 10000 fields, found 9999"}},
       .columns = "columns: { c1: , c10000: }\n"},
      {.name = "CsvTenThousandColumnsAreMoreThanSqliteHolds",
       .format = csv,
       .file = "in.csv",
       .bytes = [] { return ManyNames("c") + "\n" + ManyValues(kManyColumns) + "\n"; },
       .error = {"creating table t (", "): too many columns on t"}},
      {.name = "CsvEmptyFile",
       .format = csv,
       .file = "in.csv",
       .bytes = Text(""),
       .error = {"{file}: empty file, expected a header"}},
      {.name = "CsvHeaderOnly",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n"),
       .landed = {"a|b"}},
      {.name = "CsvHeaderOnlyWithoutANewline",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b"),
       .landed = {"a|b"}},
      {.name = "CsvAQuoteOpenedOnTheLastLineAndNeverClosed",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\n2,\"y\n3,z\n"),
       .landed = {"a|b", "1|x"},
       .rejected = {{3, "field 2, column 3: quoted field never closed"}}},
      {.name = "CsvAStrayQuoteAtTheEndOfTheFile",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\n1,x\n2,y\""),
       .landed = {"a|b", "1|x"},
       .rejected = {{3, "field 2, column 4: quote inside an unquoted field"}}},
      {.name = "CsvByteOrderMark",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("\xEF\xBB\xBF"
                     "a,b\n1,x\n"),
       .landed = {"a|b", "1|x"}},
      {.name = "CsvCrlfLineEnds",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\r\n1,x\r\n2,\"p\r\nq\"\r\n3,z"),
       .landed = {"a|b", "1|x", "2|p\r\nq", "3|z"}},
      {.name = "CsvLoneCrLineEnds",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a,b\r1,x\r2,y\r"),
       .error = {"{file}:1: header is malformed: field 2, column 4: carriage return (CR) outside "
                 "quotes"}},
      {.name = "CsvALoneCrInsideARecord",
       .format = csv,
       .file = "in.csv",
       .bytes = Text("a\n1\r2\n3\n"),
       .landed = {"a", "3"},
       .rejected = {{2, "field 1, column 2: carriage return (CR) outside quotes"}}},
      {.name = "CsvGzip",
       .format = csv,
       .file = "in.csv.gz",
       .bytes = [] { return Gzip("a,b\n1,x\n2,y\n"); },
       .landed = {"a|b", "1|x", "2|y"}},
      {.name = "CsvGzipCutShort",
       .format = csv,
       .file = "in.csv.gz",
       .bytes = TruncatedGzip(csv),
       .error = {"cannot read CSV file {file} (gzip) at byte ", ", column ",
                 "): unexpected end of file"}},
  };
}

std::vector<BadInput> NdjsonCases() {
  const Format ndjson = Format::kNdjson;
  return {
      {.name = "NdjsonCutInsideADocument",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":1}\n{\"a\":2,\"b"),
       .landed = {"a", "1"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 8)"}}},
      {.name = "NdjsonCutAfterAValue",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":1}\n{\"a\":2"),
       .landed = {"a", "1"},
       .rejected = {{2, "never closed"}}},
      {.name = "NdjsonCutInsideAMultiByteCharacter",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":\"x\"}\n{\"a\":\"caf\xC3"),
       .landed = {"a", "x"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 6)"}}},
      {.name = "NdjsonNulByteInsideAString",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":\"x\"}\n{\"a\":\"x\0y\"}\n{\"a\":\"z\"}\n"s),
       .landed = {"a", "x", "z"},
       .rejected = {{2, "a control character inside a string is not escaped at line 2, column 8"}}},
      {.name = "NdjsonInvalidUtf8",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":\"x\"}\n{\"a\":\"\xFF\"}\n{\"a\":\"z\"}\n"),
       .landed = {"a", "x", "z"},
       .rejected = {{2, "invalid UTF-8 at line 2, column 7"}}},
      {.name = "NdjsonALineOfTenMegabytes",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = [] { return "{\"a\":\"x\"}\n{\"a\":\"" + LongValue('y') + "\"}\n{\"a\":\"z\"}\n"; },
       .landed = {"a", "x", kTenMbShown, "z"}},
      {.name = "NdjsonTenThousandKeysLandWhereTheJobPicksSome",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = [] { return ManyKeys(1) + "\n" + ManyKeys(2) + "\n"; },
       .landed = {"k1|k10000", "100001|110000", "200001|210000"},
       .columns = "columns: { k1: , k10000: }\n"},
      {
          .name = "NdjsonEmptyFile",
          .format = ndjson,
          .file = "in.ndjson",
          .bytes = Text(""),
          .error = {"{file}"},
      },
      {
          .name = "NdjsonBlankLinesOnly",
          .format = ndjson,
          .file = "in.ndjson",
          .bytes = Text("\n  \n\r\n"),
          .error = {"{file}"},
      },
      {.name = "NdjsonAStringNeverClosedOnTheLastLine",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":\"x\"}\n{\"a\":\"y}\n"),
       .landed = {"a", "x"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 6)"}}},
      {.name = "NdjsonByteOrderMark",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("\xEF\xBB\xBF{\"a\":1}\n{\"a\":2}\n"),
       .landed = {"a", "1", "2"}},
      {.name = "NdjsonCrlfLineEnds",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":1}\r\n{\"a\":2}\r\n\r\n{\"a\":3}"),
       .landed = {"a", "1", "2", "3"}},
      {.name = "NdjsonLoneCrLineEnds",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":1}\r{\"a\":2}\r"),
       .error = {"{file}:1: cannot take the columns from the first document: unexpected content "
                 "after the document at line 1, column 9 (after a carriage return"}},
      {.name = "NdjsonLoneCrLineEndsWithListedColumns",
       .format = ndjson,
       .file = "in.ndjson",
       .bytes = Text("{\"a\":1}\r{\"a\":2}\r"),
       .landed = {"a"},
       .rejected =
           {{1,
             "unexpected content after the document at line 1, column 9 (after a carriage return"}},
       .source_options = "columns: [a]"},
      {.name = "NdjsonGzip",
       .format = ndjson,
       .file = "in.ndjson.gz",
       .bytes = [] { return Gzip("{\"a\":1}\n{\"a\":2}\n"); },
       .landed = {"a", "1", "2"}},
      {.name = "NdjsonGzipCutShort",
       .format = ndjson,
       .file = "in.ndjson.gz",
       .bytes = TruncatedGzip(ndjson),
       .error = {"cannot read JSON file {file} (gzip) at byte ", ", column ",
                 "): unexpected end of file"}},
  };
}

std::vector<BadInput> ArrayCases() {
  const Format array = Format::kArray;
  return {
      {.name = "ArrayCutInsideADocument",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":1},\n{\"a\":2,\"b"),
       .landed = {"a", "1"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 8)"}}},
      {.name = "ArrayCutAfterAValue",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":1},\n{\"a\":2"),
       .landed = {"a", "1"},
       .rejected = {{2, "never closed"}}},
      {.name = "ArrayCutRightAfterAnElement",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":1},\n{\"a\":2}"),
       .landed = {"a", "1", "2"},
       .rejected = {{2, "the file ends before the array's closing ']'"}}},
      {.name = "ArrayCutRightAfterAComma",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":1},"),
       .landed = {"a", "1"},
       .rejected = {{1, "the file ends before the array's closing ']'"}}},
      {.name = "ArrayCutInsideAMultiByteCharacter",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":\"x\"},\n{\"a\":\"caf\xC3"),
       .landed = {"a", "x"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 6)"}}},
      {.name = "ArrayNulByteInsideAString",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":\"x\"},\n{\"a\":\"x\0y\"},\n{\"a\":\"z\"}]"s),
       .landed = {"a", "x", "z"},
       .rejected = {{2, "a control character inside a string is not escaped at line 2, column 8"}}},
      {.name = "ArrayInvalidUtf8",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":\"x\"},\n{\"a\":\"\xFF\"},\n{\"a\":\"z\"}]"),
       .landed = {"a", "x", "z"},
       .rejected = {{2, "invalid UTF-8 at line 2, column 7"}}},
      {.name = "ArrayAnElementOfTenMegabytes",
       .format = array,
       .file = "in.json",
       .bytes =
           [] { return "[{\"a\":\"x\"},\n{\"a\":\"" + LongValue('y') + "\"},\n{\"a\":\"z\"}]"; },
       .landed = {"a", "x", kTenMbShown, "z"}},
      {.name = "ArrayTenThousandKeysLandWhereTheJobPicksSome",
       .format = array,
       .file = "in.json",
       .bytes = [] { return "[" + ManyKeys(1) + ",\n" + ManyKeys(2) + "]\n"; },
       .landed = {"k1|k10000", "100001|110000", "200001|210000"},
       .columns = "columns: { k1: , k10000: }\n"},
      {
          .name = "ArrayEmptyFile",
          .format = array,
          .file = "in.json",
          .bytes = Text(""),
          .error = {"{file}"},
      },
      {
          .name = "ArrayEmptyArray",
          .format = array,
          .file = "in.json",
          .bytes = Text("[ ]\n"),
          .error = {"{file}"},
      },
      {.name = "ArrayAStringNeverClosedInTheLastElement",
       .format = array,
       .file = "in.json",
       .bytes = Text("[{\"a\":\"x\"},\n{\"a\":\"y}]\n"),
       .landed = {"a", "x"},
       .rejected = {{2, "a string is never closed (it opens at line 2, column 6)"},
                    {3, "the file ends before the array's closing ']'"}}},
      {.name = "ArrayByteOrderMark",
       .format = array,
       .file = "in.json",
       .bytes = Text("\xEF\xBB\xBF[{\"a\":1},{\"a\":2}]"),
       .landed = {"a", "1", "2"}},
      {.name = "ArrayCrlfLineEnds",
       .format = array,
       .file = "in.json",
       .bytes = Text("[\r\n{\"a\":1},\r\n{\"a\":2}\r\n]\r\n"),
       .landed = {"a", "1", "2"}},
      {.name = "ArrayLoneCrLineEnds",
       .format = array,
       .file = "in.json",
       .bytes = Text("[\r{\"a\":1},\r{\"a\":2}\r]\r"),
       .landed = {"a", "1", "2"}},
      {.name = "ArrayGzip",
       .format = array,
       .file = "in.json.gz",
       .bytes = [] { return Gzip("[{\"a\":1},{\"a\":2}]"); },
       .landed = {"a", "1", "2"}},
      {.name = "ArrayGzipCutShort",
       .format = array,
       .file = "in.json.gz",
       .bytes = TruncatedGzip(array),
       .error = {"cannot read JSON file {file} (gzip) at byte ", ", column ",
                 "): unexpected end of file"}},
  };
}

std::vector<BadInput> AllCases() {
  std::vector<BadInput> all = CsvCases();
  for (auto* more : {NdjsonCases, ArrayCases}) {
    for (BadInput& c : more()) all.push_back(std::move(c));
  }
  return all;
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A row of QuerySqlite with its long values shown by their size.
std::string Shown(const std::string& row) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t bar = row.find('|', start);
    const std::string value = row.substr(start, bar == std::string::npos ? bar : bar - start);
    out += value.size() > kShownBytes ? "<" + std::to_string(value.size()) + " bytes>" : value;
    if (bar == std::string::npos) return out;
    out += '|';
    start = bar + 1;
  }
}

bool HasTable(const std::string& db, const std::string& table) {
  return std::filesystem::exists(db) &&
         QuerySqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'") ==
             std::vector<std::string>{"1"};
}

class BadInputRun : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputRun, EndsInTheStatedRowsRejectsOrError) {
  const BadInput& c = GetParam();
  TempDir dir;
  const std::string input = dir.Write(c.file, c.bytes());
  const std::string db = dir.File("out.db");
  const std::string type = c.format == Format::kCsv      ? "csv"
                           : c.format == Format::kNdjson ? "json, format: ndjson"
                                                         : "json, format: array";
  const std::string source = "{ type: " + type + ", path: \"" + input + "\"" +
                             (c.source_options.empty() ? "" : ", " + c.source_options) + " }";
  WriteFile(dir.File("job.yaml"), "name: bad_input\nsource: " + source +
                                      "\ntarget: { type: odbc, connection: \"Driver=SQLite3;"
                                      "Database=" +
                                      db + "\", table: t }\n" + c.columns +
                                      "rejects: { table: t_rejects }\n");

  const CommandResult r =
      RunCommand("timeout -k 5 60 " + std::string(SLUICE_BINARY) + " run " + dir.File("job.yaml"));
  ASSERT_NE(r.exit_code, 124) << "sluice hung (killed after 60 s)\n" << r.output;
  if (c.error.empty()) {
    ASSERT_EQ(r.exit_code, 0) << r.output;
  } else {
    // 4: a run-ending error; anything else (128 + a signal: a crash) is a finding.
    EXPECT_EQ(r.exit_code, 4) << r.output;
    for (const std::string& part : c.error) {
      EXPECT_NE(r.output.find(Replaced(part, "{file}", input)), std::string::npos) << r.output;
    }
  }

  std::vector<std::string> landed;
  if (HasTable(db, "t")) {
    landed = QuerySqlite(db, "SELECT group_concat(name, '|') FROM pragma_table_info('t')");
    for (const std::string& row : QuerySqlite(db, "SELECT * FROM t ORDER BY rowid")) {
      landed.push_back(Shown(row));
    }
  }
  EXPECT_EQ(landed, c.landed);

  std::vector<std::string> rejected;
  if (HasTable(db, "t_rejects")) {
    rejected = QuerySqlite(db, "SELECT line, source, reason FROM t_rejects ORDER BY rowid");
  }
  ASSERT_EQ(rejected.size(), c.rejected.size()) << ::testing::PrintToString(rejected);
  for (size_t i = 0; i < rejected.size(); ++i) {
    const std::string prefix = std::to_string(c.rejected[i].line) + "|" + input + "|";
    EXPECT_EQ(rejected[i].substr(0, prefix.size()), prefix) << rejected[i];
    EXPECT_NE(rejected[i].find(c.rejected[i].reason, prefix.size()), std::string::npos)
        << rejected[i];
  }

  if (c.error.empty()) {
    // Every row read is accounted for: landed or rejected.
    std::smatch read;
    ASSERT_TRUE(std::regex_search(r.output, read, std::regex("rows read +([0-9]+)"))) << r.output;
    const size_t rows_landed = c.landed.empty() ? 0 : c.landed.size() - 1;
    EXPECT_EQ(std::stoul(read[1]), rows_landed + c.rejected.size()) << r.output;
  }
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputRun, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<BadInput>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace sluice::testing

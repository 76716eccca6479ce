// JsonSource on NDJSON: canonical texts of every kind of value, exact origins, one rejected row
// per broken line with its reason, bounded documents, gzip, and resumption from Position().
#include "connectors/json/json_source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "connectors/file/byte_reader.h"
#include "pipeline/errors.h"
#include "tests/connectors/json_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::JsonOptionsFor;
using testing::JsonRow;
using testing::Nulls;
using testing::ReadAllJson;
using testing::ReadJsonFile;
using testing::TempDir;

// One column `s` read from one document per case: {"s":<literal>}.
std::vector<std::optional<std::string>> ValuesOf(const std::vector<std::string>& literals,
                                                 bool json = false) {
  TempDir dir;
  std::string file;
  for (const std::string& literal : literals) file += "{\"s\":" + literal + "}\n";
  const std::vector<JsonRow> rows =
      ReadJsonFile(JsonOptionsFor(dir.Write("in.ndjson", file), {{"s", "", json}}));
  std::vector<std::optional<std::string>> values;
  for (const JsonRow& row : rows) {
    EXPECT_EQ(row.rejection, "");
    values.push_back(row.values.at(0));
  }
  return values;
}

std::string RunErrorOf(const JsonOptions& options) {
  try {
    JsonSource source(options);
    ReadAllJson(source);
  } catch (const RunError& e) {
    return e.what();
  }
  return "no error";
}

void WriteGzip(const std::string& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

TEST(JsonSource, ReadsNestedPathsArrayIndexesAndQuotedKeys) {
  TempDir dir;
  const std::string path = dir.Write(
      "in.ndjson",
      R"({"id":1,"customer":{"name":"Ann","address":{"city":"Lyon"}},"items":[{"sku":"A1"},)"
      R"({"sku":"B2"}],"a.b":"dot","meta":{"x.y":true}})"
      "\n");
  const std::vector<JsonRow> rows =
      ReadJsonFile(JsonOptionsFor(path, {{"id", "", false},
                                         {"city", "customer.address.city", false},
                                         {"sku", "items[0].sku", false},
                                         {"second", "items[1].sku", false},
                                         {"dotted", "\"a.b\"", false},
                                         {"flag", "meta.\"x.y\"", false},
                                         {"third", "items[2].sku", false}}));
  EXPECT_EQ(
      rows,
      (std::vector<JsonRow>{{{"1", "Lyon", "A1", "B2", "dot", "true", std::nullopt}, 1, 0, ""}}));
}

TEST(JsonSource, UnescapesStringsIntoUtf8) {
  EXPECT_EQ(
      ValuesOf({R"("a\nb")", R"("say \"hi\"")", R"("caf\u00e9")", R"("\ud83d\ude00")",
                "\"caf\xC3\xA9 \xE2\x82\xAC\"", R"("\/\\\b\f\r\t")", R"("")", R"("\u0000x")"}),
      (std::vector<std::optional<std::string>>{"a\nb", "say \"hi\"", "caf\xC3\xA9",
                                               "\xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC",
                                               "/\\\b\f\r\t", "", std::string("\0x", 2)}));
}

TEST(JsonSource, KeepsEveryDigitOfNumbers) {
  EXPECT_EQ(ValuesOf({"123456789012345678901234567890", "0.1000000000000000000001", "-0", "1E400",
                      "2.5e-7", "-12.50", "9223372036854775808", "0"}),
            (std::vector<std::optional<std::string>>{
                "123456789012345678901234567890", "0.1000000000000000000001", "-0", "1E400",
                "2.5e-7", "-12.50", "9223372036854775808", "0"}));
}

TEST(JsonSource, TellsNullFromMissingAndSpellsBooleans) {
  TempDir dir;
  const std::string path = dir.Write("in.ndjson",
                                     "{\"a\":null,\"b\":true}\n"
                                     "{\"b\":false}\n"
                                     "{\"a\":\"\",\"b\":null,\"c\":{\"d\":null}}\n");
  const std::vector<JsonRow> rows = ReadJsonFile(
      JsonOptionsFor(path, {{"a", "", false}, {"b", "", false}, {"d", "c.d.e", false}}));
  EXPECT_EQ(rows, (std::vector<JsonRow>{
                      {{std::nullopt, "true", std::nullopt}, 1, 0, ""},
                      {{std::nullopt, "false", std::nullopt}, 2, 20, ""},
                      {{"", std::nullopt, std::nullopt}, 3, 32, ""},
                  }));
}

TEST(JsonSource, KeepsNestedValuesAsMinifiedJsonInJsonColumns) {
  EXPECT_EQ(ValuesOf({R"({ "b" : [1, 2.0, {"c":"x"}], "d":"caf\u00e9" })", "[ ]", R"("text")", "42",
                      "null"},
                     true),
            (std::vector<std::optional<std::string>>{R"({"b":[1,2.0,{"c":"x"}],"d":"café"})", "[]",
                                                     R"("text")", "42", std::nullopt}));
}

TEST(JsonSource, RejectsAContainerWhereAScalarIsExpectedNamingThePath) {
  TempDir dir;
  const std::string path = dir.Write("in.ndjson",
                                     "{\"id\":1,\"addr\":{\"city\":\"Lyon\"}}\n"
                                     "{\"id\":2,\"addr\":\"Paris\"}\n"
                                     "{\"id\":[3],\"addr\":{\"city\":\"Nice\"}}\n"
                                     "{\"id\":4,\"addr\":{\"city\":{\"name\":\"Metz\"}}}\n");
  const std::vector<JsonRow> rows =
      ReadJsonFile(JsonOptionsFor(path, {{"id", "", false}, {"city", "addr.city", false}}));
  EXPECT_EQ(rows,
            (std::vector<JsonRow>{
                {{"1", "Lyon"}, 1, 0, ""},
                {Nulls(2), 2, 32, "city: addr is a string, expected an object (for addr.city)"},
                {Nulls(2), 3, 56,
                 "id: id is an array, not a scalar (declare the column json: true to keep it as "
                 "JSON text)"},
                {Nulls(2), 4, 90,
                 "city: addr.city is an object, not a scalar (declare the column json: true to "
                 "keep it as JSON text)"},
            }));
}

TEST(JsonSource, RejectsEachBrokenLineWithItsReasonAndLoadsTheLinesAround) {
  struct Case {
    std::string line;
    std::string reason;  // before " at line N, ..." is filled in below
  };
  const std::vector<Case> cases = {
      {R"({"a":tru})", "invalid literal 'tru' at line %, column 6"},
      {R"({"a":01})", "invalid number '01' at line %, column 6"},
      {R"({"a":1.})", "invalid number '1.' at line %, column 6"},
      {"{\"a\":\"\xFF\"}", "invalid UTF-8 at line %, column 7"},
      {"{\"a\":\"\xC3\x28\"}", "invalid UTF-8 at line %, column 7"},
      {R"({"a":"abc})", "a string is never closed (it opens at line %, column 6)"},
      {"{\"a\":\"x\x01y\"}",
       "a control character inside a string is not escaped at line %, "
       "column 8"},
      {R"({"a":"\x"})", "invalid escape sequence in a string at line %, column 6"},
      {R"({"a":"\ud83d"})", "invalid escape sequence in a string at line %, column 6"},
      {R"({"a":1,})", "malformed JSON: unexpected '}' at line %, column 8"},
      {R"({"a" 1})", "malformed JSON: unexpected '1' at line %, column 6"},
      {R"({"a":1 "b":2})", "malformed JSON: unexpected '\"' at line %, column 8"},
      {R"({a:1})", "malformed JSON: unexpected 'a' at line %, column 2"},
      {R"({"a":"x":1})", "malformed JSON: unexpected ':' at line %, column 9"},
      {"[1,2]\xFE", "invalid UTF-8 at line %, column 6"},
      {R"({"a":1)", "an object or array is never closed at line %, column 1"},
      {R"({"a":[1,2})", "malformed JSON: unexpected '}' at line %, column 10"},
      {R"({"a":1}})", "unexpected content after the document at line %, column 8"},
      {R"({"a":1} {"a":2})", "unexpected content after the document at line %, column 9"},
      {R"([{"a":1}])", "expected a JSON object, found an array at line %, column 1"},
      {R"(  "text")", "expected a JSON object, found a string at line %, column 3"},
      {"42", "expected a JSON object, found a number at line %, column 1"},
      {"null", "expected a JSON object, found null at line %, column 1"},
      {"hello", "not JSON: unexpected 'h' at line %, column 1"},
      {"\xEF\xBB\xBF{\"a\":1}", "not JSON: unexpected byte 0xEF at line %, column 1"},
  };
  std::string file;
  std::vector<JsonRow> expected;
  uint64_t line = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string good = "{\"a\":" + std::to_string(i) + "}";
    expected.push_back({{std::to_string(i)}, ++line, file.size(), "", good});
    file += good + "\n";
    std::string reason = cases[i].reason;
    if (const size_t mark = reason.find('%'); mark != std::string::npos) {
      reason.replace(mark, 1, std::to_string(line + 1));
    }
    expected.push_back({Nulls(1), ++line, file.size(), reason, cases[i].line});
    file += cases[i].line + "\n";
  }
  expected.push_back({{"last"}, ++line, file.size(), ""});
  file += "{\"a\":\"last\"}\n";
  TempDir dir;
  const std::string path = dir.Write("in.ndjson", file);
  testing::ExpectRows(ReadJsonFile(JsonOptionsFor(path, {{"a", "", false}})), expected);
  // Batches of one row give the same rows.
  testing::ExpectRows(ReadJsonFile(JsonOptionsFor(path, {{"a", "", false}}), 1), expected);
}

TEST(JsonSource, GivesEveryLineOfAChunkFullOfBrokenLinesItsOwnRow) {
  // More broken lines than the fast path gets second chances in one chunk.
  std::string file;
  std::vector<JsonRow> expected;
  for (int i = 0; i < 60; ++i) {
    const bool broken = i % 3 == 1;
    const std::string line =
        broken ? "{\"a\":" + std::to_string(i) + ",}" : "{\"a\":" + std::to_string(i) + "}";
    expected.push_back(
        {broken ? Nulls(1) : std::vector<std::optional<std::string>>{std::to_string(i)},
         static_cast<uint64_t>(i + 1), file.size(),
         broken ? "malformed JSON: unexpected '}' at line " + std::to_string(i + 1) + ", column " +
                      std::to_string(line.size())
                : ""});
    file += line + "\n";
  }
  TempDir dir;
  EXPECT_EQ(ReadJsonFile(JsonOptionsFor(dir.Write("in.ndjson", file), {{"a", "", false}})),
            expected);
}

TEST(JsonSource, SkipsBlankLinesReadsCrlfAndALastLineWithoutNewline) {
  TempDir dir;
  const std::string path =
      dir.Write("in.ndjson", "\n{\"a\":1}\r\n  \r\n\t\n{\"a\":2} \r\n{\"a\":3}");
  JsonSource source(JsonOptionsFor(path, {{"a", "", false}}));
  EXPECT_EQ(ReadAllJson(source), (std::vector<JsonRow>{
                                     {{"1"}, 2, 1, "", "{\"a\":1}"},
                                     {{"2"}, 5, 16, "", "{\"a\":2} "},
                                     {{"3"}, 6, 26, "", "{\"a\":3}"},
                                 }));
  EXPECT_EQ(source.Position().byte_offset, 33u);
  EXPECT_EQ(source.Position().line, 6u);
}

TEST(JsonSource, SkipsAUtf8ByteOrderMark) {
  TempDir dir;
  const std::string path = dir.Write("in.ndjson", "\xEF\xBB\xBF{\"a\":1}\n{\"a\":2}\n");
  JsonSource source(JsonOptionsFor(path));
  ASSERT_EQ(source.schema().size(), 1u);
  EXPECT_EQ(source.schema().fields[0].name, "a");
  EXPECT_EQ(ReadAllJson(source), (std::vector<JsonRow>{{{"1"}, 1, 3, ""}, {{"2"}, 2, 11, ""}}));
}

TEST(JsonSource, TakesTheColumnsFromTheFirstDocumentsKeys) {
  TempDir dir;
  const std::string path = dir.Write("in.ndjson",
                                     "\n{\"id\":1,\"name\":\"Ann\",\"tags\":[\"x\"],\"id\":9,"
                                     "\"addr\":{\"city\":\"Lyon\"}}\n"
                                     "{\"name\":\"Bob\",\"extra\":true,\"tags\":{}}\n");
  JsonSource source(JsonOptionsFor(path));
  std::vector<std::string> names;
  for (const Field& f : source.schema().fields) {
    names.push_back(f.name);
    EXPECT_TRUE(f.type.IsText());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"id", "name", "tags", "addr"}));
  EXPECT_EQ(source.format(), JsonFormat::kNdjson);
  // Keys whose first value was an object or array are JSON columns.
  EXPECT_EQ(ReadAllJson(source), (std::vector<JsonRow>{
                                     {{"9", "Ann", "[\"x\"]", "{\"city\":\"Lyon\"}"}, 2, 1, ""},
                                     {{std::nullopt, "Bob", "{}", std::nullopt}, 3, 66, ""},
                                 }));
}

TEST(JsonSource, TakesKeysWithDotsLiterallyAsColumns) {
  TempDir dir;
  JsonSource source(JsonOptionsFor(dir.Write("in.ndjson", "{\"a.b\":1,\"a\":{\"b\":2}}\n")));
  ASSERT_EQ(source.schema().size(), 2u);
  EXPECT_EQ(source.schema().fields[0].name, "a.b");
  EXPECT_EQ(ReadAllJson(source), (std::vector<JsonRow>{{{"1", "{\"b\":2}"}, 1, 0, ""}}));
}

TEST(JsonSource, RefusesToTakeColumnsFromABrokenFirstDocument) {
  TempDir dir;
  const std::string path = dir.Write("in.ndjson", "\n\n{\"a\":1,}\n{\"a\":2}\n");
  EXPECT_EQ(RunErrorOf(JsonOptionsFor(path)),
            path +
                ":3: cannot take the columns from the first document: malformed JSON: unexpected "
                "'}' at line 3, column 8; list the columns in the job");
  const std::string scalar = dir.Write("scalar.ndjson", "\"text\"\n");
  EXPECT_EQ(RunErrorOf(JsonOptionsFor(scalar)),
            scalar +
                ":1: cannot take the columns from the first document: expected a JSON object, "
                "found a string at line 1, column 1; list the columns in the job");
}

TEST(JsonSource, AnEmptyFileHasNoColumnsAndNoRows) {
  TempDir dir;
  for (const std::string file : {"", "\n\n  \r\n", "\xEF\xBB\xBF"}) {
    JsonSource source(JsonOptionsFor(dir.Write("in.ndjson", file)));
    EXPECT_EQ(source.schema().size(), 0u);
    EXPECT_TRUE(ReadAllJson(source).empty());
  }
}

TEST(JsonSource, NamesTheFileThatCannotBeOpened) {
  EXPECT_EQ(RunErrorOf(JsonOptionsFor("/nonexistent/x.ndjson")),
            "cannot open JSON file /nonexistent/x.ndjson: No such file or directory");
}

TEST(JsonSource, ReadsADocumentMuchLargerThanAChunk) {
  const std::string big(3 << 20, 'x');
  TempDir dir;
  JsonOptions options =
      JsonOptionsFor(dir.Write("in.ndjson", "{\"a\":1}\n{\"a\":\"" + big + "\"}\n{\"a\":3}\n"),
                     {{"a", "", false}});
  options.read_chunk_bytes = 64 * 1024;
  const std::vector<JsonRow> rows = ReadJsonFile(options);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (JsonRow{{"1"}, 1, 0, ""}));
  EXPECT_EQ(rows[1].values[0], big);
  EXPECT_EQ(rows[1].rejection, "");
  EXPECT_EQ(rows[2], (JsonRow{{"3"}, 3, 8 + big.size() + 9, ""}));
}

TEST(JsonSource, RejectsADocumentOverMaxDocumentBytesAndReadsOn) {
  const std::string big = "{\"a\":\"" + std::string(10000, 'y') + "\"}";
  TempDir dir;
  const std::string path = dir.Write("in.ndjson", "{\"a\":1}\n" + big + "\r\n{\"a\":3}\n");
  // Small chunks: the line is dropped as it streams by; big ones: it is in the chunk whole.
  for (const size_t chunk : {size_t{64}, size_t{1} << 20}) {
    JsonOptions options = JsonOptionsFor(path, {{"a", "", false}});
    options.max_document_bytes = 1000;
    options.read_chunk_bytes = chunk;
    const std::vector<JsonRow> rows = ReadJsonFile(options);
    EXPECT_EQ(rows, (std::vector<JsonRow>{
                        {{"1"}, 1, 0, ""},
                        {Nulls(1), 2, 8,
                         "the document is larger than max_document_bytes (1000 bytes): 10008 "
                         "bytes; the raw text kept is its first 4096 bytes",
                         big.substr(0, 4096)},
                        {{"3"}, 3, 8 + big.size() + 2, ""},
                    }))
        << "chunk " << chunk;
  }
}

TEST(JsonSource, ReadsTheSameRowsAtAnyChunkAndBatchSize) {
  std::string file = "\xEF\xBB\xBF{\"a\":\"caf\\u00e9\",\"n\":{\"b\":[1,2]}}\r\n\n";
  for (int i = 0; i < 30; ++i) {
    file += "{\"a\":" + std::to_string(i) + ",\"n\":{\"b\":\"x\\\"y\"}}\n";
    if (i % 7 == 3) file += "{\"a\":\"broken}\n";
    if (i % 5 == 2) file += "  \t\r\n";
    if (i % 11 == 4) file += "{\"a\":1} {\"a\":2}\n";
    if (i % 13 == 6) file += "{\"a\":\n1}\n";
  }
  file += "{\"a\":\"no newline\"}";
  TempDir dir;
  const std::string path = dir.Write("in.ndjson", file);
  const std::vector<JsonColumn> columns = {{"a", "", false}, {"b", "n.b", true}};
  const std::vector<JsonRow> expected = ReadJsonFile(JsonOptionsFor(path, columns));
  ASSERT_GT(expected.size(), 40u);
  for (const size_t chunk : {1, 2, 3, 7, 16, 61, 4096}) {
    for (const size_t batch : {1, 3, 1000}) {
      JsonOptions options = JsonOptionsFor(path, columns);
      options.read_chunk_bytes = chunk;
      EXPECT_EQ(ReadJsonFile(options, batch), expected) << "chunk " << chunk << " batch " << batch;
    }
  }
}

TEST(JsonSource, ResumesExactlyWhereAnyBatchEnded) {
  std::string file;
  for (int i = 0; i < 25; ++i) {
    file += "{\"a\":" + std::to_string(i) + "}\n";
    if (i % 4 == 1) file += "\n{\"a\":[}\n";
  }
  TempDir dir;
  for (const std::string& name : {std::string("in.ndjson"), std::string("in.ndjson.gz")}) {
    const std::string path = dir.File(name);
    if (name.ends_with(".gz")) {
      WriteGzip(path, file);
    } else {
      testing::WriteFile(path, file);
    }
    JsonOptions options = JsonOptionsFor(path, {{"a", "", false}});
    options.read_chunk_bytes = 16;
    const std::vector<JsonRow> all = ReadJsonFile(options);
    ASSERT_EQ(all.size(), 31u) << name;
    JsonSource first(options);
    Batch batch;
    size_t read = 0;
    for (;;) {
      batch.Clear();
      if (!first.ReadNext(batch, 3)) break;
      read += batch.num_rows();
      JsonSource resumed(options);
      resumed.SeekTo(first.Position());
      EXPECT_EQ(ReadAllJson(resumed), std::vector<JsonRow>(all.begin() + read, all.end()))
          << name << " after " << read;
    }
    EXPECT_EQ(first.Position().byte_offset, file.size());
  }
}

TEST(JsonSource, ReadsGzipFiles) {
  TempDir dir;
  const std::string file = "{\"a\":\"x\"}\n{\"a\":tru}\n{\"a\":\"y\"}";
  const std::string path = dir.File("in.ndjson.gz");
  WriteGzip(path, file);
  EXPECT_EQ(ReadJsonFile(JsonOptionsFor(path)),
            (std::vector<JsonRow>{
                {{"x"}, 1, 0, ""},
                {Nulls(1), 2, 10, "invalid literal 'tru' at line 2, column 6"},
                {{"y"}, 3, 20, ""},
            }));
}

TEST(JsonSource, ATruncatedGzipFileEndsTheRunNamingTheFile) {
  TempDir dir;
  std::string file;
  for (int i = 0; i < 2000; ++i) file += "{\"a\":" + std::to_string(i * 7919) + "}\n";
  const std::string whole = dir.File("whole.gz");
  WriteGzip(whole, file);
  const std::string bytes = testing::ReadFile(whole);
  const std::string cut = dir.Write("cut.ndjson.gz", bytes.substr(0, bytes.size() / 2));
  const std::string error = RunErrorOf(JsonOptionsFor(cut));
  EXPECT_NE(error.find("cannot read JSON file " + cut + " (gzip) at byte "), std::string::npos)
      << error;
  EXPECT_NE(error.find("unexpected end of file"), std::string::npos) << error;
}

TEST(JsonSource, StandardInputCannotResume) {
  ByteReader reader("-", "JSON file");
  EXPECT_FALSE(reader.seekable());
  try {
    reader.Seek(10);
    FAIL() << "no error";
  } catch (const RunError& e) {
    EXPECT_STREQ(e.what(),
                 "cannot resume reading standard input at byte 10: it cannot seek (read the JSON "
                 "file from a path instead)");
  }
}

TEST(JsonOptions, ValidateNamesTheJobKey) {
  const auto error_of = [](const JsonOptions& options) -> std::string {
    try {
      options.Validate("job.yaml:4:3");
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  };
  JsonOptions options = JsonOptionsFor("in.ndjson", {{"a", "", false}, {"b", "x..y", false}});
  EXPECT_EQ(error_of(options),
            "job.yaml:4:3: json: 'columns[1]' (b): 'path' \"x..y\": empty key between two dots "
            "at character 3");
  options.columns = {{"a", "", false}, {"a", "b", false}};
  EXPECT_EQ(error_of(options), "job.yaml:4:3: json: 'columns[1]' names \"a\" twice");
  options.columns = {{"", "b", false}};
  EXPECT_EQ(error_of(options), "job.yaml:4:3: json: 'columns[0]' has an empty name");
  options.columns.clear();
  options.max_document_bytes = 0;
  EXPECT_EQ(error_of(options), "job.yaml:4:3: json: 'max_document_bytes' must be positive");
  options.max_document_bytes = size_t{5} << 30;
  EXPECT_EQ(error_of(options), "job.yaml:4:3: json: 'max_document_bytes' must be below 4 GiB");
  options = JsonOptionsFor("");
  EXPECT_EQ(error_of(options), "job.yaml:4:3: json: 'path' is required");
  EXPECT_EQ(error_of(JsonOptionsFor("x")), "no error");
}

TEST(JsonOptions, ParsesFormatNames) {
  EXPECT_EQ(ParseJsonFormat("auto"), JsonFormat::kAuto);
  EXPECT_EQ(ParseJsonFormat("ndjson"), JsonFormat::kNdjson);
  EXPECT_EQ(ParseJsonFormat("jsonl"), JsonFormat::kNdjson);
  EXPECT_EQ(ParseJsonFormat("array"), JsonFormat::kArray);
  EXPECT_EQ(ParseJsonFormat("json"), std::nullopt);
}

}  // namespace
}  // namespace sluice

// JsonSource on a file holding one top-level array: elements of any layout with their origins,
// a broken element as one rejected row while the rest loads, the array's own defects, and
// resumption from Position().
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/json/json_source.h"
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

std::vector<JsonRow> ReadArray(const std::string& file, size_t chunk = size_t{1} << 20,
                               size_t batch = 1000) {
  TempDir dir;
  JsonOptions options = JsonOptionsFor(dir.Write("in.json", file), {{"a", "", false}});
  options.format = JsonFormat::kArray;
  options.read_chunk_bytes = chunk;
  return ReadJsonFile(options, batch);
}

TEST(JsonArraySource, ReadsAPrettyPrintedArrayWithTheOriginOfEachElement) {
  TempDir dir;
  const std::string file =
      "\xEF\xBB\xBF  [\n"
      "  {\n"
      "    \"id\": 1,\n"
      "    \"name\": \"Ann\"\n"
      "  },\n"
      "  {\"id\": 2, \"name\": \"Bob\"}, {\"id\": 3}\n"
      "]\n";
  JsonSource source(JsonOptionsFor(dir.Write("in.json", file)));
  EXPECT_EQ(source.format(), JsonFormat::kArray);
  ASSERT_EQ(source.schema().size(), 2u);
  EXPECT_EQ(ReadAllJson(source),
            (std::vector<JsonRow>{
                {{"1", "Ann"}, 2, 9, "", "{\n    \"id\": 1,\n    \"name\": \"Ann\"\n  }"},
                {{"2", "Bob"}, 6, 49, "", "{\"id\": 2, \"name\": \"Bob\"}"},
                {{"3", std::nullopt}, 6, 75, "", "{\"id\": 3}"},
            }));
  EXPECT_EQ(source.Position().byte_offset, file.size());
}

TEST(JsonArraySource, RejectsABrokenElementAndLoadsTheRest) {
  const std::string file =
      "[\n"
      "{\"a\":1},\n"
      "{\"a\":tru},\n"
      "{\"a\":[1,2},\n"
      "{\"a\":\"never closed},\n"
      "{\"a\":5},\n"
      "7,\n"
      "{\"a\":\"x\"}}, {\"a\":8}\n"
      "]";
  EXPECT_EQ(ReadArray(file),
            (std::vector<JsonRow>{
                {{"1"}, 2, 2, ""},
                {Nulls(1), 3, 11, "invalid literal 'tru' at line 3, column 6"},
                {Nulls(1), 4, 22, "malformed JSON: unexpected '}' at line 4, column 10"},
                {Nulls(1), 5, 34, "a string is never closed (it opens at line 5, column 6)",
                 "{\"a\":\"never closed},"},
                {{"5"}, 6, 55, ""},
                {Nulls(1), 7, 64, "expected a JSON object, found a number at line 7, column 1"},
                {{"x"}, 8, 67, ""},
                {Nulls(1), 8, 76, "not JSON: unexpected '}' at line 8, column 10", "}"},
                {{"8"}, 8, 79, ""},
            }));
}

TEST(JsonArraySource, RejectsEmptyElementsAndMissingCommas) {
  EXPECT_EQ(ReadArray("[{\"a\":1},,{\"a\":2} {\"a\":3},]"),
            (std::vector<JsonRow>{
                {{"1"}, 1, 1, ""},
                {Nulls(1), 1, 9, "empty array element before the ',' at line 1, column 10"},
                {{"2"}, 1, 10, ""},
                {Nulls(1), 1, 18, "missing ',' before this array element at line 1, column 19",
                 "{\"a\":3}"},
                {Nulls(1), 1, 26, "empty array element before the ']' at line 1, column 27"},
            }));
  EXPECT_EQ(ReadArray("[,{\"a\":1}]"),
            (std::vector<JsonRow>{
                {Nulls(1), 1, 1, "empty array element before the ',' at line 1, column 2"},
                {{"1"}, 1, 2, ""},
            }));
}

TEST(JsonArraySource, ReportsAnArrayThatIsNeverClosed) {
  EXPECT_EQ(ReadArray("[{\"a\":1},\n{\"a\":2}\n"),
            (std::vector<JsonRow>{
                {{"1"}, 1, 1, ""},
                {{"2"}, 2, 10, ""},
                {Nulls(1), 3, 18, "the file ends before the array's closing ']'", ""},
            }));
  EXPECT_EQ(ReadArray("[{\"a\":1},\n{\"a\":2,\"b\":[3"),
            (std::vector<JsonRow>{
                {{"1"}, 1, 1, ""},
                {Nulls(1), 2, 10, "an object or array is never closed at line 2, column 1"},
            }));
  EXPECT_EQ(ReadArray("[{\"a\":1},"),
            (std::vector<JsonRow>{
                {{"1"}, 1, 1, ""},
                {Nulls(1), 1, 9, "the file ends before the array's closing ']'"},
            }));
}

TEST(JsonArraySource, RejectsContentAfterTheClosingBracket) {
  EXPECT_EQ(ReadArray("[{\"a\":1}]\n\n x [{\"a\":2}]\n"),
            (std::vector<JsonRow>{
                {{"1"}, 1, 1, ""},
                {Nulls(1), 3, 12,
                 "unexpected content after the array's closing ']' at line 3, "
                 "column 2",
                 "x [{\"a\":2}]\n"},
            }));
}

TEST(JsonArraySource, AnEmptyArrayHasNoRows) {
  for (const std::string file : {"[]", " [ \n ] \n", ""}) {
    EXPECT_TRUE(ReadArray(file).empty()) << file;
  }
}

TEST(JsonArraySource, RefusesAFileThatIsNotAnArrayWhenTheFormatSaysArray) {
  TempDir dir;
  JsonOptions options = JsonOptionsFor(dir.Write("in.json", "\n {\"a\":1}\n"));
  options.format = JsonFormat::kArray;
  try {
    JsonSource source(options);
    FAIL() << "no error";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()),
              options.path +
                  ":2: expected '[' to open the array of documents (format: array), found '{'; "
                  "use format: ndjson for one document per line");
  }
}

TEST(JsonArraySource, NdjsonFormatReadsAnArrayLineAsARejectedRow) {
  TempDir dir;
  JsonOptions options =
      JsonOptionsFor(dir.Write("in.json", "[{\"a\":1}]\n{\"a\":2}\n"), {{"a", "", false}});
  options.format = JsonFormat::kNdjson;
  EXPECT_EQ(ReadJsonFile(options),
            (std::vector<JsonRow>{
                {Nulls(1), 1, 0, "expected a JSON object, found an array at line 1, column 1"},
                {{"2"}, 2, 10, ""},
            }));
}

TEST(JsonArraySource, ReadsAnElementLargerThanAChunkAndRejectsOneOverTheLimit) {
  const std::string big(3 << 20, 'z');
  const std::string file = "[{\"a\":1},\n{\"a\":\"" + big + "\"},\n{\"a\":3}]";
  const std::vector<JsonRow> rows = ReadArray(file, 64 * 1024);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].values[0], big);
  EXPECT_EQ(rows[2], (JsonRow{{"3"}, 3, 10 + big.size() + 10, ""}));

  for (const size_t chunk : {size_t{100}, size_t{1} << 20}) {
    TempDir dir;
    JsonOptions options = JsonOptionsFor(dir.Write("in.json", file), {{"a", "", false}});
    options.max_document_bytes = 1 << 20;
    options.read_chunk_bytes = chunk;
    const std::string bytes = std::to_string(big.size() + 8);
    EXPECT_EQ(ReadJsonFile(options),
              (std::vector<JsonRow>{
                  {{"1"}, 1, 1, ""},
                  {Nulls(1), 2, 10,
                   "the document is larger than max_document_bytes (1048576 bytes): " + bytes +
                       " bytes; the raw text kept is its first 4096 bytes",
                   ("{\"a\":\"" + big).substr(0, 4096)},
                  {{"3"}, 3, 10 + big.size() + 10, ""},
              }))
        << "chunk " << chunk;
  }
}

TEST(JsonArraySource, ReadsTheSameRowsAtAnyChunkAndBatchSize) {
  std::string file = "\xEF\xBB\xBF[\r\n";
  for (int i = 0; i < 25; ++i) {
    file += "  {\"a\": " + std::to_string(i) + ", \"s\": \"x,]}\\\"{[\"},\n";
    if (i % 6 == 2) file += "  {\"a\": [1,}, \n";
    if (i % 7 == 3) file += "  {\"a\": \"open\n";
    if (i % 8 == 5) file += " 42 ,\n";
  }
  file += "  {\"a\": \"end\"}\n]\n";
  const std::vector<JsonRow> expected = ReadArray(file);
  ASSERT_GT(expected.size(), 30u);
  for (const size_t chunk : {1, 2, 5, 13, 64, 4096}) {
    for (const size_t batch : {1, 4}) {
      EXPECT_EQ(ReadArray(file, chunk, batch), expected) << "chunk " << chunk << " batch " << batch;
    }
  }
}

TEST(JsonArraySource, ResumesExactlyWhereAnyBatchEnded) {
  std::string file = "[\n";
  for (int i = 0; i < 20; ++i) {
    file += " {\"a\":" + std::to_string(i) + "},";
    if (i % 5 == 1) file += " {\"a\":x},\n";
    if (i % 6 == 2) file += ",";
  }
  file += " {\"a\":\"last\"}\n]\n";
  TempDir dir;
  JsonOptions options = JsonOptionsFor(dir.Write("in.json", file), {{"a", "", false}});
  options.read_chunk_bytes = 8;
  const std::vector<JsonRow> all = ReadJsonFile(options);
  ASSERT_EQ(all.size(), 28u);
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
        << "after " << read;
  }
  EXPECT_EQ(first.Position().byte_offset, file.size());
}

}  // namespace
}  // namespace sluice

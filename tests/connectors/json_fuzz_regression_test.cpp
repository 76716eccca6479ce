// The inputs tests/fuzz/json_fuzz.cpp found breaking an invariant, replayed with the same option
// bytes and checks: each row's raw text and line match the file, another chunk size reads the
// same rows, and resuming after any batch reads the rest. Plus the exact rows of the bugs.
#include <gtest/gtest.h>

#include <algorithm>
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

std::string FromBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(kAlphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// The fuzzer's reading of its first three bytes.
struct FuzzCase {
  JsonOptions options;
  size_t max_rows = 1;
  std::string data;
};

FuzzCase Decode(const std::string& input, const std::string& path) {
  const auto a = static_cast<uint8_t>(input[0]);
  const auto b = static_cast<uint8_t>(input[1]);
  const auto c = static_cast<uint8_t>(input[2]);
  FuzzCase fc;
  fc.data = input.substr(3);
  fc.options.path = path;
  fc.options.format = (a & 3) == 0   ? JsonFormat::kAuto
                      : (a & 3) == 1 ? JsonFormat::kNdjson
                                     : JsonFormat::kArray;
  switch ((a >> 2) & 3) {
    case 0:
      break;
    case 1:
      fc.options.columns = {{"a", "", false}, {"bc", "b.c", false}, {"d0", "d[0]", false}};
      break;
    case 2:
      fc.options.columns = {{"a", "", true}, {"b", "b", true}, {"bc", "b.c", false}};
      break;
    default:
      fc.options.columns = {{"x", "x[1].y", true}, {"ab", "\"a.b\"", false}, {"a", "a", false}};
      break;
  }
  fc.options.read_chunk_bytes = (b & 128) != 0 ? 4096 : 1 + (b & 15);
  fc.options.max_document_bytes = (b & 64) != 0 ? 16 : 1 << 20;
  fc.max_rows = 1 + (c & 7);
  return fc;
}

void Replay(const std::string& base64) {
  TempDir dir;
  const std::string input = FromBase64(base64);
  const FuzzCase fc = Decode(input, dir.File("in.json"));
  testing::WriteFile(fc.options.path, fc.data);
  std::vector<JsonRow> rows;
  try {
    rows = ReadJsonFile(fc.options, fc.max_rows);
  } catch (const RunError&) {
    return;  // opening may refuse the file; the fuzzer allows that too
  }
  for (const JsonRow& row : rows) {
    EXPECT_EQ(fc.data.substr(row.byte_offset, row.raw.size()), row.raw);
    const auto newlines =
        std::count(fc.data.begin(), fc.data.begin() + static_cast<long>(row.byte_offset), '\n');
    EXPECT_EQ(row.line, static_cast<uint64_t>(newlines) + 1);
  }
  for (const size_t chunk : {1, 2, 3, 5, 11, 4096}) {
    JsonOptions other = fc.options;
    other.read_chunk_bytes = chunk;
    for (const size_t batch : {1, 6}) {
      EXPECT_EQ(ReadJsonFile(other, batch), rows) << "chunk " << chunk << " batch " << batch;
    }
  }
  JsonSource first(fc.options);
  Batch batch;
  size_t read = 0;
  for (;;) {
    batch.Clear();
    if (!first.ReadNext(batch, std::max<size_t>(fc.max_rows, 2))) break;
    read += batch.num_rows();
    JsonSource resumed(fc.options);
    resumed.SeekTo(first.Position());
    EXPECT_EQ(ReadAllJson(resumed),
              std::vector<JsonRow>(rows.begin() + static_cast<long>(read), rows.end()))
        << "after " << read;
  }
}

TEST(JsonFuzzRegression, ReplaysEveryInputTheFuzzerBrokeAnInvariantWith) {
  const std::vector<std::string> inputs = {
      // content after ']' kept only the first block as raw text at small chunk sizes
      "AIAJW3siYSI6MX1dCiB4IFt7ImEiOjJ9XQo=",
      // a batch cut short before the report of a missing ']'
      "AIAJW3siYSI6MX3ZCiB4IFt7ImEiOjJ9XQo=",
      // resuming after a broken element did not know the element was broken
      "BgMKW3ucnJycnJycnJycnJycnJycnJycnCJ4eAp7ImEiOjN9LHv///7/ImEs////ByI6NH0geyJhIjU6fSxd",
      "BgMKW3thIjoxAAAAAAAAfSx7ImEiIiI6IngiGAAiZKItCVt7ImEiOjEqfV0KMCx7W3sjYSI6MnFwcGaPj3iPCo99"
      "eyJhYjo4fSwscnJycgAAAHIHAGEiOjNd",
      // an oversized element's raw text missed its last part
      "Bu8KW3thIjoxfSx7LGEiIiI6IngifSwiZCIiOiJ4In0sOmQqIiIxLDJ9IiIiIiIiIiIiIix7ImEieFECAADQYAAA"
      "M30sLAcAYSI6M10=",
      // a non-object line's reason came from the stream, which had not checked its UTF-8
      "ff7///8KLDEsCiwxLF17ff4KLDEsXXuheyL+//96eyJhIl17ff7///8KLDEsXXuheyL+////eyJhIiJhIgs=",
      // after dropping part of an oversized element, a ',' at the window's start ended it
      "BloKW/7//0v/////nJycnJycnJycnJycOt3d3d3d3d3d3d3d3SMh3d3dnJycnJwsCXsiIjrd3d3d3d3d3d3d3d3d"
      "3d3d3d3d3d3d3d3d3d3d3d3d3d0ieLxd",
      // a BOM before an oversized first line moved its origin
      "OUNi77u/W3thIjoxfSx7ImEiOlsxLCIiIiI6IngifSwiZCIiOiJ4In0sImQiOlsxLDJ9LCJ9LCJkIjpbMSwyg9Pd"
      "13thOiN4CnsiYYwiOjNSAAAA0GAAADNdFwAAACoAAH1dCg==",
      // a string followed by ':' passed for a key in On-Demand's skipping: '{"a":"":~1]}' kept
      "CIAEeyJhIjp7IngiOlsxLHsieSI6bnVsbH0sfSwiYn4iOnsiYyI6dHJ1ZX19CnsiYSI6IiI6fjFdfQo=",
      // too large or missing its ',': the order of the checks depended on the chunk size
      "BkOKW3sGQwq5ubm5dHJ1fQp7ImEiOiIwfZAUFBQUFBQUFBQUFOIUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
      "FBQUFBRbMSwyXQp7ImEiWzoxLE0KeyJhIjorezJ9",
      // an element's trailing whitespace counted towards its size only when dropped
      "BngKW3tlInX0lf99IHsiYSo6Mn0KeyJhJSI6CjB9Cnvt7e0NeyJhKy5iIjoiZBaM/X8WjP1/AAAiIjoAmDXxVCI6"
      "M30sLAczXSQ=",
      // resuming after the last element, with only whitespace before the end, lost the report
      "AFCICVt7fQo=",
      // a blank line longer than max_document_bytes was a row only when it crossed chunks
      "CHgiOlsxLHsieSI6bnXJbH0AAAAAAAAAAAgAAF19fQp7IjEiDAB0AAAAAAAAAAAAAAAAAAAAAABdfQogICAgICAg"
      "ICAgICAgICAgICAgICAgICAgICA=",
  };
  for (const std::string& input : inputs) {
    SCOPED_TRACE(input);
    Replay(input);
  }
}

TEST(JsonFuzzRegression, AStringFollowedByAColonIsNotTakenForAKey) {
  TempDir dir;
  EXPECT_EQ(
      ReadJsonFile(JsonOptionsFor(dir.Write("in.ndjson", "{\"a\":\"\":~1]}\n"), {{"a", "", true}})),
      (std::vector<JsonRow>{
          {Nulls(1), 1, 0, "malformed JSON: unexpected ':' at line 1, column 8"}}));
}

TEST(JsonFuzzRegression, ResumingAfterTheLastElementStillReportsTheMissingBracket) {
  TempDir dir;
  JsonOptions options = JsonOptionsFor(dir.Write("in.json", "\t[{\"a\":1}\n"), {{"a", "", false}});
  const std::vector<JsonRow> all = ReadJsonFile(options, 1);
  EXPECT_EQ(all, (std::vector<JsonRow>{
                     {{"1"}, 1, 2, ""},
                     {Nulls(1), 2, 10, "the file ends before the array's closing ']'"},
                 }));
  JsonSource first(options);
  Batch batch;
  ASSERT_TRUE(first.ReadNext(batch, 1));
  JsonSource resumed(options);
  resumed.SeekTo(first.Position());
  EXPECT_EQ(ReadAllJson(resumed), std::vector<JsonRow>(all.begin() + 1, all.end()));
}

}  // namespace
}  // namespace sluice

// MultiFileSource: glob expansion, files read in order with their names, never two files in one
// batch, columns checked against the first file, and resumption in the right file.
#include "connectors/file/multi_file_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "connectors/json/json_source.h"
#include "pipeline/errors.h"
#include "tests/connectors/json_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::JsonOptionsFor;
using testing::ReadAllJson;
using testing::TempDir;

std::unique_ptr<Source> OpenJson(const std::string& path) {
  return std::make_unique<JsonSource>(JsonOptionsFor(path));
}

// "file:value,value" per row, from every batch, checking that a batch holds one file's rows.
std::vector<std::string> ReadTagged(Source& source, size_t max_rows) {
  std::vector<std::string> rows;
  Batch batch;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, max_rows)) break;
    EXPECT_LE(batch.num_rows(), max_rows);
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::string row = batch.source_name.substr(batch.source_name.rfind('/') + 1) + ":";
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        row +=
            (c ? "," : "") + (batch.columns[c].IsNull(r) ? std::string("NULL")
                                                         : std::string(batch.columns[c].text[r]));
      }
      rows.push_back(row + "@" + std::to_string(batch.origins[r].line));
    }
  }
  return rows;
}

TEST(MultiFileSource, ExpandsAGlobIntoSortedFilesOnly) {
  TempDir dir;
  dir.Write("b-2.ndjson", "");
  dir.Write("a-10.ndjson", "");
  dir.Write("a-9.ndjson", "");
  dir.Write("other.csv", "");
  std::filesystem::create_directory(dir.File("c-dir.ndjson"));
  EXPECT_EQ(MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson"),
            (std::vector<std::string>{dir.File("a-10.ndjson"), dir.File("a-9.ndjson"),
                                      dir.File("b-2.ndjson")}));
}

TEST(MultiFileSource, AGlobThatMatchesNothingNamesThePattern) {
  TempDir dir;
  try {
    MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "no file matches \"" + dir.path() + "/*.ndjson\"");
  }
}

TEST(MultiFileSource, ReadsTheFilesInOrderNeverMixingTwoInABatch) {
  TempDir dir;
  dir.Write("1.ndjson", "{\"id\":1,\"v\":\"a\"}\n{\"id\":2,\"v\":\"b\"}\n{\"id\":3,\"v\":\"c\"}\n");
  dir.Write("2.ndjson", "");
  dir.Write("3.ndjson", "\n{\"v\":\"d\",\"id\":4}\n");
  MultiFileSource source(MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson"), OpenJson);
  ASSERT_EQ(source.schema().size(), 2u);
  EXPECT_EQ(source.schema().fields[0].name, "id");
  // The third file lists the keys in another order: its columns are mapped by name.
  const std::vector<std::string> expected = {"1.ndjson:1,a@1", "1.ndjson:2,b@2", "1.ndjson:3,c@3",
                                             "3.ndjson:4,d@2"};
  EXPECT_EQ(ReadTagged(source, 2), expected);
  MultiFileSource again(MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson"), OpenJson);
  EXPECT_EQ(ReadTagged(again, 100), expected);
}

TEST(MultiFileSource, TakesTheColumnsOfTheFirstFileThatHasAny) {
  TempDir dir;
  dir.Write("1.ndjson", "\n");
  dir.Write("2.ndjson", "{\"id\":1}\n");
  dir.Write("3.ndjson", "");
  dir.Write("4.ndjson", "{\"id\":2}\n");
  MultiFileSource source(MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson"), OpenJson);
  ASSERT_EQ(source.schema().size(), 1u);
  EXPECT_EQ(source.schema().fields[0].name, "id");
  EXPECT_EQ(ReadTagged(source, 10), (std::vector<std::string>{"2.ndjson:1@1", "4.ndjson:2@1"}));
}

TEST(MultiFileSource, RefusesAFileWhoseColumnsDifferFromTheFirst) {
  TempDir dir;
  const std::string first = dir.Write("a.ndjson", "{\"id\":1,\"name\":\"x\"}\n");
  const std::string second = dir.Write("b.ndjson", "{\"id\":2,\"nom\":\"y\",\"age\":3}\n");
  MultiFileSource source({first, second}, OpenJson);
  try {
    ReadTagged(source, 10);
    FAIL() << "no error";
  } catch (const RunError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        second + " has columns [id, nom, age], not those of " + first +
            " (the first file with columns) [id, name]: it lacks \"name\" and has \"nom\", \"age\" "
            "besides");
  }
}

TEST(MultiFileSource, ResumesInTheFileThePositionNames) {
  TempDir dir;
  dir.Write("a.ndjson", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
  dir.Write("b.ndjson", "{\"n\":4}\n{\"n\":5}\n");
  const std::vector<std::string> paths = MultiFileSource::ExpandGlob(dir.path() + "/*.ndjson");
  MultiFileSource whole(paths, OpenJson);
  const std::vector<std::string> all = ReadTagged(whole, 100);
  ASSERT_EQ(all.size(), 5u);

  MultiFileSource first(paths, OpenJson);
  EXPECT_EQ(first.Position().key, paths[0]);
  Batch batch;
  size_t read = 0;
  for (;;) {
    batch.Clear();
    if (!first.ReadNext(batch, 2)) break;
    read += batch.num_rows();
    const SourcePosition at = first.Position();
    EXPECT_EQ(at.key, batch.source_name);
    MultiFileSource resumed(paths, OpenJson);
    resumed.SeekTo(at);
    EXPECT_EQ(ReadTagged(resumed, 2), std::vector<std::string>(all.begin() + read, all.end()))
        << "after " << read;
  }
  EXPECT_EQ(read, 5u);
}

TEST(MultiFileSource, RefusesToResumeInAFileItDoesNotRead) {
  TempDir dir;
  const std::string path = dir.Write("a.ndjson", "{\"n\":1}\n");
  MultiFileSource source({path}, OpenJson);
  try {
    source.SeekTo(SourcePosition{0, 0, dir.File("gone.ndjson")});
    FAIL() << "no error";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()), "cannot resume in " + dir.File("gone.ndjson") +
                                         ": it is not among the 1 files to read (" + path + " .. " +
                                         path + ")");
  }
}

TEST(MultiFileSource, RefusesAnEmptyListOfFiles) {
  EXPECT_THROW(MultiFileSource({}, OpenJson), ConfigError);
}

}  // namespace
}  // namespace sluice

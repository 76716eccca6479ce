// FileSink through its CSV writer: the file appears under its final name only when Close()
// follows a Commit; a rollback, an abandoned run or a destroyed sink leave no file behind.
#include "connectors/file/file_sink.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <vector>

#include "connectors/file/csv_file_sink.h"
#include "pipeline/errors.h"
#include "tests/connectors/file_sink_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::Cell;
using testing::ListDir;
using testing::MakeBatch;
using testing::ReadFile;
using testing::TempDir;

const DataType kText{TypeId::kText};

Schema OneColumn(DataType type) { return Schema{{{"v", type}}}; }

struct OpenRun {
  TempDir dir;
  std::string path = dir.File("out.csv");
  Schema schema = OneColumn(kText);
  std::unique_ptr<CsvFileSink> sink;

  OpenRun() {
    CsvWriteOptions options;
    options.path = path;
    sink = std::make_unique<CsvFileSink>(options);
    sink->Open(schema);
    sink->Begin();
  }
  void Write(const std::string& v) { sink->Write(MakeBatch(schema, {{v}})); }
};

TEST(FileSink, FileAppearsOnlyWhenCloseFollowsACommit) {
  OpenRun run;
  run.Write("a");
  run.sink->Commit({});
  run.sink->Begin();
  run.Write("b");
  run.sink->Commit({});
  EXPECT_EQ(ListDir(run.dir.path()).size(), 1u);
  EXPECT_NE(ListDir(run.dir.path())[0], "out.csv");
  run.sink->Close();
  EXPECT_EQ(ReadFile(run.path), "v\na\nb\n");
  EXPECT_EQ(ListDir(run.dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(FileSink, RollbackLeavesNeitherTheFileNorATemporaryOne) {
  OpenRun run;
  run.Write("a");
  run.sink->Commit({});
  run.sink->Begin();
  run.Write("b");
  run.sink->Rollback();
  run.sink->Close();
  EXPECT_EQ(ListDir(run.dir.path()), std::vector<std::string>{});
}

TEST(FileSink, RollbackKeepsThePreviousFile) {
  TempDir dir;
  CsvWriteOptions options;
  options.path = dir.Write("out.csv", "previous run\n");
  CsvFileSink sink(options);
  sink.Open(OneColumn(kText));
  sink.Begin();
  sink.Write(MakeBatch(OneColumn(kText), {{"new"}}));
  sink.Rollback();
  sink.Close();
  EXPECT_EQ(ReadFile(options.path), "previous run\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(FileSink, CloseAfterWritesSinceTheLastCommitAbandonsTheFile) {
  OpenRun run;
  run.Write("a");
  run.sink->Commit({});
  run.sink->Begin();
  run.Write("b");
  run.sink->Close();
  EXPECT_EQ(ListDir(run.dir.path()), std::vector<std::string>{});
}

TEST(FileSink, DestroyingAnOpenSinkLeavesNoFile) {
  OpenRun run;
  run.Write("a");
  run.sink->Commit({});
  run.sink.reset();
  EXPECT_EQ(ListDir(run.dir.path()), std::vector<std::string>{});
}

TEST(FileSink, SuccessfulRunReplacesAnExistingFile) {
  OpenRun run;
  testing::WriteFile(run.path, "previous run\n");
  run.Write("a");
  run.sink->Commit({});
  EXPECT_EQ(ReadFile(run.path), "previous run\n");
  run.sink->Close();
  EXPECT_EQ(ReadFile(run.path), "v\na\n");
}

TEST(FileSink, OpeningInAMissingDirectoryIsARunErrorNamingThePath) {
  TempDir dir;
  CsvWriteOptions options;
  options.path = dir.File("missing/out.csv");
  CsvFileSink sink(options);
  try {
    sink.Open(OneColumn(kText));
    FAIL() << "opened";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find(options.path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos)
        << e.what();
  }
}

std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  EXPECT_NE(f, nullptr);
  std::string out;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(n, 0);
  gzclose(f);
  return out;
}

TEST(FileSink, GzipTargetDecompressesToThePlainOutput) {
  TempDir dir;
  const Schema schema{{{"id", {TypeId::kInteger}}, {"name", kText}}};
  std::vector<std::vector<Cell>> rows;
  for (int64_t i = 0; i < 50000; ++i) rows.push_back({i, "name, number " + std::to_string(i)});
  const Batch batch = MakeBatch(schema, rows);
  for (const char* name : {"out.csv", "out.csv.gz"}) {
    CsvWriteOptions options;
    options.path = dir.File(name);
    options.buffer_bytes = 10000;
    CsvFileSink sink(options);
    sink.Open(schema);
    sink.Begin();
    sink.Write(batch);
    sink.Commit({});
    sink.Close();
  }
  const std::string plain = ReadFile(dir.File("out.csv"));
  EXPECT_EQ(plain.substr(0, 27), "id,name\n0,\"name, number 0\"\n");
  EXPECT_LT(ReadFile(dir.File("out.csv.gz")).size(), plain.size() / 3);
  EXPECT_EQ(Gunzip(dir.File("out.csv.gz")), plain);
}

}  // namespace
}  // namespace sluice

// End-to-end: a target sluice cannot write fails naming the file and leaves nothing partial (no
// rows of the run, or exactly its committed prefix for --resume; no half-written or temporary
// file).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kRows = 20000;

// Permissions do not stop root: as root, sluice runs as `nobody` where they must.
bool CanDropPrivileges() {
  return ::geteuid() != 0 || RunCommand("command -v setpriv").exit_code == 0;
}

CommandResult RunSluiceAs(bool unprivileged, const std::string& args) {
  const std::string as =
      unprivileged && ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  return RunCommand(as + SLUICE_BINARY + " " + args);
}

// sluice under a file-size limit (in KiB); writes past it fail with EFBIG instead of killing it.
CommandResult RunSluiceLimited(int kib, const std::string& args) {
  return RunCommand("bash -c \"trap '' XFSZ; ulimit -f " + std::to_string(kib) + "; exec " +
                    SLUICE_BINARY + " " + args + "\"");
}

// Every file and directory under `dir` (hidden ones too), with the content of files.
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    out[fs::relative(entry.path(), dir).string()] =
        entry.is_regular_file() ? ReadFile(entry.path()) : "<dir>";
  }
  return out;
}

std::string ManyRowsCsv() {
  std::string csv = "id,note\n";
  for (int i = 1; i <= kRows; ++i) {
    csv += std::to_string(i) + ",note " + std::to_string(i) + " padded so that the target grows\n";
  }
  return csv;
}

// A work directory others may read (for `nobody`): in.csv, job.yaml, a rejects directory anyone
// may write, and the target's own directory db/.
class WorkDir {
 public:
  WorkDir() {
    ::chmod(dir_.path().c_str(), 0755);
    fs::create_directory(Rejects());
    ::chmod(Rejects().c_str(), 0777);
    fs::create_directory(Target());
  }
  std::string File(const std::string& name) const { return dir_.File(name); }
  std::string Target() const { return dir_.File("db"); }
  std::string Rejects() const { return dir_.File("rej"); }
  // A job from in.csv into `target_yaml`.
  std::string Job(const std::string& target_yaml, const std::string& extra = "") const {
    return dir_.Write("job.yaml", "name: unwritable\nsource: { type: csv, path: " + File("in.csv") +
                                      " }\n" + target_yaml +
                                      "columns: { id: { type: integer }, note: {} }\n"
                                      "rejects: { path: " +
                                      Rejects() + "/rejects.ndjson }\n" + extra);
  }

 private:
  TempDir dir_;
};

class UnwritableDatabase : public ::testing::TestWithParam<bool> {
 protected:
  std::string TargetYaml(const std::string& database, const std::string& extra = "") const {
    return "target: { type: odbc, connection: \"Driver=SQLite3;Database=" + database +
           "\", table: t" + (GetParam() ? "" : ", fast_path: false") + extra + " }\n";
  }
  // A database holding table t with one row of an earlier run.
  void MakeDatabase(const std::string& path) const {
    ASSERT_EQ(
        RunCommand("sqlite3 " + path +
                   " 'CREATE TABLE t (id INTEGER, note TEXT); INSERT INTO t VALUES (0, \"old\")'")
            .exit_code,
        0);
  }
  WorkDir work_;
};

TEST_P(UnwritableDatabase, FailsNamingTheFileAndChangesNothing) {
  if (!CanDropPrivileges()) GTEST_SKIP() << "running as root without setpriv to become nobody";
  WriteFile(work_.File("in.csv"), "id,note\n1,one\n2,two\n");
  const std::string db = work_.Target() + "/out.db";
  struct Case {
    const char* what;
    std::string database;  // as the job names it
    bool unprivileged;
    std::function<void()> prepare;
  };
  const std::vector<Case> cases = {
      {"a read-only file", db, true,
       [&] {
         MakeDatabase(db);
         ::chmod(db.c_str(), 0444);
       }},
      {"a read-only URI", "file:" + db + "?mode=ro", false, [&] { MakeDatabase(db); }},
      {"a missing directory", work_.Target() + "/nowhere/out.db", false, [] {}},
      {"a directory it may not write", db, true, [&] { ::chmod(work_.Target().c_str(), 0555); }},
      {"a writable file in a directory it may not write (no room for a journal)", db, true,
       [&] {
         MakeDatabase(db);
         ::chmod(db.c_str(), 0666);
         ::chmod(work_.Target().c_str(), 0555);
       }},
  };
  for (const Case& c : cases) {
    fs::remove_all(work_.Target());
    fs::create_directory(work_.Target());
    c.prepare();
    const std::map<std::string, std::string> before = Snapshot(work_.Target());
    CommandResult r = RunSluiceAs(c.unprivileged, "run " + work_.Job(TargetYaml(c.database)));
    EXPECT_EQ(r.exit_code, 4) << c.what << "\n" << r.output;
    EXPECT_NE(r.output.find(work_.Target() + "/"), std::string::npos)
        << c.what << ": the message does not name the file\n"
        << r.output;
    EXPECT_EQ(Snapshot(work_.Target()), before) << c.what;
    ::chmod(work_.Target().c_str(), 0755);
  }
}

TEST_P(UnwritableDatabase, AFileSizeLimitKeepsExactlyTheCommittedPrefixAndResumeEndsLikeACleanRun) {
  WriteFile(work_.File("in.csv"), ManyRowsCsv());
  const std::string db = work_.Target() + "/out.db";
  const std::string job =
      work_.Job(TargetYaml(db, ", commit_every: 2000"), "pipeline: { batch_size: 1000 }\n");
  CommandResult limited = RunSluiceLimited(600, "run " + job);
  EXPECT_EQ(limited.exit_code, 4) << limited.output;
  EXPECT_NE(limited.output.find(db), std::string::npos) << limited.output;
  // No journal or other leftover beside the database.
  EXPECT_EQ(Snapshot(work_.Target()).size(), 1u);
  std::vector<std::string> committed =
      QuerySqlite(db, "SELECT rows_committed, finished FROM sluice_checkpoints");
  ASSERT_EQ(committed.size(), 1u);
  const int prefix = std::stoi(committed[0]);
  EXPECT_EQ(committed[0], std::to_string(prefix) + "|0");
  EXPECT_GT(prefix, 0);
  EXPECT_LT(prefix, kRows);
  EXPECT_EQ(prefix % 2000, 0);
  EXPECT_EQ(QuerySqlite(db, "SELECT count(*), min(id), max(id) FROM t"),
            std::vector<std::string>{std::to_string(prefix) + "|1|" + std::to_string(prefix)});

  CommandResult resumed = RunSluice("run --resume " + job);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  const std::string clean_db = work_.File("clean.db");
  CommandResult clean = RunSluice("run " + work_.Job(TargetYaml(clean_db, ", commit_every: 2000"),
                                                     "pipeline: { batch_size: 1000 }\n"));
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  for (const char* sql : {"SELECT * FROM t ORDER BY rowid",
                          "SELECT rows_read, rows_committed, finished FROM sluice_checkpoints"}) {
    EXPECT_EQ(QuerySqlite(db, sql), QuerySqlite(clean_db, sql)) << sql;
  }
}

TEST_P(UnwritableDatabase, AFileSizeLimitInOneTransactionLeavesNoRowOfTheRun) {
  WriteFile(work_.File("in.csv"), ManyRowsCsv());
  const std::string db = work_.Target() + "/out.db";
  MakeDatabase(db);
  CommandResult r = RunSluiceLimited(600, "run " + work_.Job(TargetYaml(db, ", commit_every: 0")));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find(db), std::string::npos) << r.output;
  EXPECT_EQ(Snapshot(work_.Target()).size(), 1u);
  EXPECT_EQ(QuerySqlite(db, "SELECT * FROM t"), std::vector<std::string>{"0|old"});
  EXPECT_EQ(QuerySqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sluice_checkpoints'"),
            std::vector<std::string>{"0"});
}

INSTANTIATE_TEST_SUITE_P(Writers, UnwritableDatabase, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "SqliteNative" : "SqliteOdbc");
                         });

// CSV and JSON targets, written to a temporary file renamed into place at the end.
class UnwritableFile : public ::testing::TestWithParam<const char*> {
 protected:
  std::string Path(const std::string& dir) const { return dir + "/out." + GetParam(); }
  std::string TargetYaml(const std::string& path) const {
    return "target: { type: " + std::string(GetParam()) + ", path: " + path + " }\n";
  }
  WorkDir work_;
};

TEST_P(UnwritableFile, AMissingDirectoryFailsNamingTheFileAndCreatesNothing) {
  WriteFile(work_.File("in.csv"), "id,note\n1,one\n");
  const std::string path = Path(work_.Target() + "/nowhere");
  CommandResult r = RunSluice("run " + work_.Job(TargetYaml(path)));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("output file " + path + ": "), std::string::npos) << r.output;
  EXPECT_TRUE(Snapshot(work_.Target()).empty());
}

TEST_P(UnwritableFile, ADirectoryItMayNotWriteKeepsTheOldFileAndGainsNothing) {
  if (!CanDropPrivileges()) GTEST_SKIP() << "running as root without setpriv to become nobody";
  WriteFile(work_.File("in.csv"), "id,note\n1,one\n");
  const std::string path = Path(work_.Target());
  WriteFile(path, "old\n");
  ::chmod(path.c_str(), 0666);
  ::chmod(work_.Target().c_str(), 0555);
  CommandResult r = RunSluiceAs(true, "run " + work_.Job(TargetYaml(path)));
  ::chmod(work_.Target().c_str(), 0755);
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("output file " + path + ": "), std::string::npos) << r.output;
  EXPECT_EQ(Snapshot(work_.Target()),
            (std::map<std::string, std::string>{{"out." + std::string(GetParam()), "old\n"}}));
}

TEST_P(UnwritableFile, AFileSizeLimitKeepsTheOldFileAndLeavesNoTemporary) {
  WriteFile(work_.File("in.csv"), ManyRowsCsv());
  const std::string path = Path(work_.Target());
  WriteFile(path, "old\n");
  const std::string job = work_.Job(TargetYaml(path));
  CommandResult limited = RunSluiceLimited(200, "run " + job);
  EXPECT_EQ(limited.exit_code, 4) << limited.output;
  EXPECT_NE(limited.output.find("output file " + path + ": writing it: File too large"),
            std::string::npos)
      << limited.output;
  EXPECT_EQ(Snapshot(work_.Target()),
            (std::map<std::string, std::string>{{"out." + std::string(GetParam()), "old\n"}}));

  CommandResult unlimited = RunSluice("run " + job);
  ASSERT_EQ(unlimited.exit_code, 0) << unlimited.output;
  std::string written = ReadFile(path);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'),
            kRows + (std::string(GetParam()) == "csv" ? 1 : 0));
  EXPECT_EQ(Snapshot(work_.Target()).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Formats, UnwritableFile, ::testing::Values("csv", "json"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param);
                         });

}  // namespace
}  // namespace sluice::testing

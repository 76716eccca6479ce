// AtomicOutputFile: nothing under the final name until Finish(), no litter after a failure,
// the previous file kept or replaced whole, clear errors, gzip that decompresses exactly.
#include "connectors/file/atomic_output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <functional>
#include <string>
#include <vector>

#include "pipeline/errors.h"
#include "tests/connectors/file_sink_test_support.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

using testing::ListDir;
using testing::ReadFile;
using testing::TempDir;

// Deterministic bytes that compress imperfectly, so gzip output spans several blocks.
std::string SomeBytes(size_t n) {
  std::string s;
  s.reserve(n);
  uint32_t x = 12345;
  while (s.size() < n) {
    x = x * 1103515245 + 12345;
    s += "row," + std::to_string(x % 100000) + ",name " + std::to_string(x >> 20) + "\n";
  }
  s.resize(n);
  return s;
}

std::string Gunzip(const std::string& compressed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buf[65536];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(z.avail_in, 0u) << "bytes after the gzip stream";
  inflateEnd(&z);
  return out;
}

bool Exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

std::string RunErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const RunError& e) {
    return e.what();
  }
  return "<no RunError>";
}

TEST(AtomicOutputFile, ShowsNothingUnderTheFinalNameBeforeFinish) {
  TempDir dir;
  const std::string path = dir.File("out.csv");
  AtomicOutputFile file(path);
  file.Append("a,b\n");
  file.Flush();
  EXPECT_FALSE(Exists(path));
  std::vector<std::string> names = ListDir(dir.path());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].rfind(".out.csv.sluice-tmp-" + std::to_string(getpid()) + "-", 0), 0u)
      << names[0];
  EXPECT_EQ(dir.File(names[0]), file.temp_path());
  EXPECT_EQ(ReadFile(file.temp_path()), "a,b\n");

  file.Finish();
  EXPECT_EQ(ReadFile(path), "a,b\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicOutputFile, WritesEveryByteInOrderThroughASmallBuffer) {
  TempDir dir;
  const std::string path = dir.File("out.txt");
  const std::string bytes = SomeBytes(300000);
  AtomicOutputFile file(path, {6, 1000});
  for (size_t i = 0; i < bytes.size(); i += 777) file.Append(bytes.substr(i, 777));
  file.Finish();
  EXPECT_EQ(ReadFile(path), bytes);
  EXPECT_EQ(file.bytes_written(), bytes.size());
}

TEST(AtomicOutputFile, AbandonRemovesTheTemporaryFileAndCreatesNothing) {
  TempDir dir;
  AtomicOutputFile file(dir.File("out.csv"));
  file.Append(SomeBytes(5000));
  file.Flush();
  file.Abandon();
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{});
}

TEST(AtomicOutputFile, DestructionWithoutFinishRemovesTheTemporaryFile) {
  TempDir dir;
  {
    AtomicOutputFile file(dir.File("out.csv"));
    file.Append(SomeBytes(5000));
    file.Flush();
  }
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{});
}

TEST(AtomicOutputFile, AbandonKeepsThePreviousContentOfAnExistingFile) {
  TempDir dir;
  const std::string path = dir.Write("out.csv", "old content\n");
  {
    AtomicOutputFile file(path);
    file.Append("new content\n");
    file.Flush();
  }
  EXPECT_EQ(ReadFile(path), "old content\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicOutputFile, FinishReplacesAnExistingFileWhole) {
  TempDir dir;
  const std::string path = dir.Write("out.csv", "old content\n");
  // A reader that opened the old file keeps reading the old file: the new one is a new inode
  // renamed over the name, never the old one truncated and rewritten.
  int old_fd = open(path.c_str(), O_RDONLY);
  ASSERT_GE(old_fd, 0);
  struct stat before;
  ASSERT_EQ(fstat(old_fd, &before), 0);

  AtomicOutputFile file(path);
  file.Append("new content, longer than the old\n");
  file.Finish();

  struct stat after;
  ASSERT_EQ(stat(path.c_str(), &after), 0);
  EXPECT_NE(before.st_ino, after.st_ino);
  EXPECT_EQ(ReadFile(path), "new content, longer than the old\n");
  char buf[64] = {};
  EXPECT_EQ(pread(old_fd, buf, sizeof buf, 0), 12);
  EXPECT_EQ(std::string(buf), "old content\n");
  close(old_fd);
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicOutputFile, NewFileGetsMode0644LessTheUmask) {
  TempDir dir;
  for (auto [mask, mode] : {std::pair<mode_t, mode_t>{022, 0644}, {077, 0600}, {002, 0644}}) {
    const mode_t saved = umask(mask);
    const std::string path = dir.File("out-" + std::to_string(mask));
    AtomicOutputFile file(path);
    file.Finish();
    umask(saved);
    struct stat st;
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, mode) << "umask " << std::oct << mask;
  }
}

TEST(AtomicOutputFile, MissingDirectoryIsARunErrorNamingThePathAndTheReason) {
  TempDir dir;
  const std::string path = dir.File("no/such/dir/out.csv");
  EXPECT_EQ(RunErrorOf([&] { AtomicOutputFile file(path); }),
            "output file " + path + ": creating a temporary file in directory " +
                dir.File("no/such/dir") + ": No such file or directory");
}

TEST(AtomicOutputFile, ExistingDirectoryAtThePathIsARunError) {
  TempDir dir;
  EXPECT_EQ(RunErrorOf([&] { AtomicOutputFile file(dir.path()); }),
            "output file " + dir.path() + ": cannot replace it: Is a directory");
}

// Drops root's power to write anywhere for the life of the object (the tests run as root in
// some containers), so a permission test means the same for every user.
class UnprivilegedScope {
 public:
  UnprivilegedScope() : was_root_(geteuid() == 0) {
    if (was_root_) {
      EXPECT_EQ(seteuid(65534), 0);
    }
  }
  ~UnprivilegedScope() {
    if (was_root_) {
      EXPECT_EQ(seteuid(0), 0);
    }
  }

 private:
  bool was_root_;
};

TEST(AtomicOutputFile, UnwritableDirectoryIsARunErrorNamingThePathAndTheReason) {
  TempDir dir;
  ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
  const std::string locked = dir.File("locked");
  ASSERT_EQ(mkdir(locked.c_str(), 0555), 0);
  const std::string path = locked + "/out.csv";
  std::string error;
  {
    UnprivilegedScope scope;
    error = RunErrorOf([&] { AtomicOutputFile file(path); });
  }
  EXPECT_EQ(error, "output file " + path + ": creating a temporary file in directory " + locked +
                       ": Permission denied");
  EXPECT_EQ(ListDir(locked), std::vector<std::string>{});
}

// Makes writes past `bytes` fail with EFBIG, as a full disk fails them with ENOSPC.
class FileSizeLimitScope {
 public:
  explicit FileSizeLimitScope(rlim_t bytes) {
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limited = old_;
    limited.rlim_cur = bytes;
    EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
  }
  ~FileSizeLimitScope() {
    setrlimit(RLIMIT_FSIZE, &old_);
    signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_;
  sighandler_t old_handler_;
};

TEST(AtomicOutputFile, FailedWriteIsARunErrorAndLeavesNoFileBehind) {
  TempDir dir;
  const std::string path = dir.File("out.csv");
  std::string error;
  {
    FileSizeLimitScope limit(64 << 10);
    error = RunErrorOf([&] {
      AtomicOutputFile file(path, {6, 4096});
      file.Append(SomeBytes(1 << 20));
      file.Finish();
    });
  }
  EXPECT_EQ(error, "output file " + path + ": writing it: File too large");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{});
}

TEST(AtomicOutputFile, GzipPathDecompressesToTheWrittenBytes) {
  TempDir dir;
  const std::string bytes = SomeBytes(3 << 20);
  for (const char* name : {"out.csv.gz", "OUT.CSV.GZ"}) {
    const std::string path = dir.File(name);
    AtomicOutputFile file(path, {6, 10000});
    for (size_t i = 0; i < bytes.size(); i += 4099) file.Append(bytes.substr(i, 4099));
    file.Flush();
    file.Finish();
    const std::string compressed = ReadFile(path);
    EXPECT_LT(compressed.size(), bytes.size() / 2) << name;
    EXPECT_EQ(Gunzip(compressed), bytes) << name;
  }
}

TEST(AtomicOutputFile, EmptyGzipFileIsAValidEmptyStream) {
  TempDir dir;
  const std::string path = dir.File("empty.ndjson.gz");
  AtomicOutputFile file(path);
  file.Finish();
  EXPECT_EQ(Gunzip(ReadFile(path)), "");
}

TEST(AtomicOutputFile, SymbolicLinkIsKeptAndItsTargetReplaced) {
  TempDir dir;
  ASSERT_EQ(mkdir(dir.File("real").c_str(), 0755), 0);
  const std::string target = dir.Write("real/out.csv", "old\n");
  const std::string link = dir.File("out.csv");
  ASSERT_EQ(symlink("real/out.csv", link.c_str()), 0);
  AtomicOutputFile file(link);
  file.Append("new\n");
  file.Finish();
  struct stat st;
  ASSERT_EQ(lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  EXPECT_EQ(ReadFile(target), "new\n");
  EXPECT_EQ(ListDir(dir.File("real")), std::vector<std::string>{"out.csv"});
}

TEST(AtomicOutputFile, FifoIsWrittenInPlaceNotReplaced) {
  TempDir dir;
  const std::string fifo = dir.File("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  AtomicOutputFile file(fifo);
  EXPECT_EQ(file.temp_path(), "");
  file.Append("through the pipe\n");
  file.Finish();
  char buf[64] = {};
  EXPECT_EQ(read(reader, buf, sizeof buf), 17);
  EXPECT_EQ(std::string(buf), "through the pipe\n");
  close(reader);
  struct stat st;
  ASSERT_EQ(lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"pipe"});
}

TEST(AtomicOutputFile, DashWritesToStandardOutput) {
  TempDir dir;
  const std::string captured = dir.File("stdout");
  std::fflush(stdout);
  const int saved = dup(STDOUT_FILENO);
  const int fd = open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  dup2(fd, STDOUT_FILENO);
  close(fd);
  {
    AtomicOutputFile file("-", {6, 8});
    file.Append("first row\n");
    file.Append("second row\n");
    file.Finish();
  }
  dup2(saved, STDOUT_FILENO);
  close(saved);
  EXPECT_EQ(ReadFile(captured), "first row\nsecond row\n");
}

TEST(AtomicOutputFile, LongFileNameStillGetsATemporaryFileBesideIt) {
  TempDir dir;
  const std::string name(250, 'n');
  AtomicOutputFile file(dir.File(name));
  file.Append("x\n");
  file.Finish();
  EXPECT_EQ(ReadFile(dir.File(name)), "x\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{name});
}

TEST(AtomicOutputFile, RelativePathIsWrittenInTheWorkingDirectory) {
  TempDir dir;
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  ASSERT_EQ(chdir(dir.path().c_str()), 0);
  {
    AtomicOutputFile file("relative.csv");
    file.Append("r\n");
    file.Finish();
  }
  ASSERT_EQ(chdir(cwd), 0);
  EXPECT_EQ(ReadFile(dir.File("relative.csv")), "r\n");
}

}  // namespace
}  // namespace sluice

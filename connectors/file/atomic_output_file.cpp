// Temporary file + fsync + rename + directory fsync: the only sequence after which a reader
// sees either the old file or the complete new one, even across a crash.
#include "connectors/file/atomic_output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "pipeline/errors.h"

namespace sluice {
namespace {

bool EndsWithGz(const std::string& path) {
  if (path.size() < 3) return false;
  std::string tail = path.substr(path.size() - 3);
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return tail == ".gz";
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Long enough to recognize the file, short enough that the temporary name stays under NAME_MAX.
constexpr size_t kMaxTempBaseBytes = 200;

}  // namespace

struct AtomicOutputFile::Gzip {
  z_stream stream{};
  std::string out;
  ~Gzip() { deflateEnd(&stream); }
};

AtomicOutputFile::AtomicOutputFile(std::string path, Options options)
    : path_(std::move(path)), buffer_bytes_(std::max<size_t>(options.buffer_bytes, 1)) {
  buffer_.reserve(buffer_bytes_ + buffer_bytes_ / 4);
  if (path_.empty()) throw RunError("output file: no path given");
  if (path_ != "-" && EndsWithGz(path_)) {
    gzip_ = std::make_unique<Gzip>();
    // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
    if (deflateInit2(&gzip_->stream, options.gzip_level, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      gzip_.reset();
      throw RunError("output file " + path_ + ": cannot start the gzip compressor (level " +
                     std::to_string(options.gzip_level) + ")");
    }
    gzip_->out.resize(256 << 10);
  }
  if (path_ == "-") {
    fd_ = STDOUT_FILENO;
    owns_fd_ = false;
    return;
  }
  target_path_ = path_;
  struct stat st;
  if (lstat(path_.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    // Replace what the link points to, keeping the link; a dangling link is itself replaced.
    if (char* real = realpath(path_.c_str(), nullptr)) {
      target_path_ = real;
      std::free(real);
    }
  }
  if (stat(target_path_.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) Fail("cannot replace it", EISDIR);
    if (!S_ISREG(st.st_mode)) {
      fd_ = open(target_path_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) Fail("opening it", errno);
      return;
    }
  }
  OpenTemporary(target_path_);
}

AtomicOutputFile::~AtomicOutputFile() { Abandon(); }

void AtomicOutputFile::OpenTemporary(const std::string& target) {
  size_t slash = target.rfind('/');
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  if (base.empty() || base == "." || base == "..") Fail("cannot replace it", EISDIR);
  std::string prefix = (slash == std::string::npos ? "" : target.substr(0, slash + 1)) + "." +
                       base.substr(0, kMaxTempBaseBytes) + ".sluice-tmp-" +
                       std::to_string(getpid()) + "-";
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[9];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(random()));
    std::string candidate = prefix + suffix;
    // 0644: the mode a new file gets from any tool; open() takes the umask off it.
    fd_ = open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ >= 0) {
      temp_path_ = std::move(candidate);
      return;
    }
    if (errno != EEXIST) {
      Fail("creating a temporary file in directory " + DirectoryOf(target), errno);
    }
  }
  Fail("creating a temporary file in directory " + DirectoryOf(target), EEXIST);
}

void AtomicOutputFile::Flush() {
  if (state_ != State::kOpen) throw RunError("output file " + path_ + ": written after closing");
  Drain(false);
}

void AtomicOutputFile::Finish() {
  if (state_ != State::kOpen) throw RunError("output file " + path_ + ": finished after closing");
  Drain(true);
  if (temp_path_.empty()) {
    if (owns_fd_) {
      int fd = fd_;
      fd_ = -1;
      if (close(fd) != 0) Fail("closing it", errno);
    }
    state_ = State::kFinished;
    return;
  }
  if (fsync(fd_) != 0) Fail("syncing it to disk", errno);
  int fd = fd_;
  fd_ = -1;
  // Some file systems (NFS) report a full disk only here.
  if (close(fd) != 0) Fail("closing it", errno);
  if (rename(temp_path_.c_str(), target_path_.c_str()) != 0) {
    Fail("renaming " + temp_path_ + " onto it", errno);
  }
  state_ = State::kFinished;
  // The rename is durable only once the directory entry is.
  std::string dir = DirectoryOf(target_path_);
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) Fail("opening directory " + dir + " to sync it", errno);
  if (fsync(dir_fd) != 0) {
    int error = errno;
    close(dir_fd);
    Fail("syncing directory " + dir, error);
  }
  close(dir_fd);
}

void AtomicOutputFile::Abandon() noexcept {
  if (state_ != State::kOpen) return;
  state_ = State::kAbandoned;
  buffer_.clear();
  gzip_.reset();
  if (owns_fd_ && fd_ >= 0) close(fd_);
  fd_ = -1;
  if (!temp_path_.empty()) unlink(temp_path_.c_str());
}

void AtomicOutputFile::Drain(bool finish) {
  if (!gzip_) {
    WriteAll(buffer_.data(), buffer_.size());
    buffer_.clear();
    return;
  }
  z_stream& z = gzip_->stream;
  std::string& out = gzip_->out;
  size_t offset = 0;
  // zlib counts in uInt; feed a buffer that outgrew it (one enormous row) in slices.
  do {
    size_t slice = std::min<size_t>(buffer_.size() - offset, UINT_MAX);
    z.next_in = reinterpret_cast<Bytef*>(buffer_.data() + offset);
    z.avail_in = static_cast<uInt>(slice);
    offset += slice;
    const int mode = finish && offset == buffer_.size() ? Z_FINISH : Z_NO_FLUSH;
    for (;;) {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&z, mode);
      if (rc == Z_STREAM_ERROR) throw RunError("output file " + path_ + ": gzip stream error");
      WriteAll(out.data(), out.size() - z.avail_out);
      // Without Z_FINISH, spare output room means every input byte was consumed.
      if (mode == Z_FINISH ? rc == Z_STREAM_END : z.avail_out != 0) break;
    }
  } while (offset < buffer_.size());
  buffer_.clear();
}

void AtomicOutputFile::WriteAll(const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail("writing it", errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
    bytes_written_ += static_cast<uint64_t>(n);
  }
}

void AtomicOutputFile::Fail(const std::string& doing, int error) {
  throw RunError("output file " + path_ + ": " + doing + ": " + std::strerror(error));
}

}  // namespace sluice

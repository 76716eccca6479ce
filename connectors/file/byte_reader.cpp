// ByteReader: POSIX read(2) for files and standard input, zlib's gzread for ".gz" files.
#include "connectors/file/byte_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <utility>

#include "pipeline/errors.h"

namespace sluice {
namespace {

gzFile Gz(void* p) { return static_cast<gzFile>(p); }

// zlib's message for the stream's last error; errno's when zlib says the error was a system one.
std::string GzMessage(void* gz) {
  int code = Z_OK;
  const char* message = gzerror(Gz(gz), &code);
  if (code == Z_ERRNO) return std::strerror(errno);
  if (message == nullptr || *message == '\0') return "unknown zlib error";
  // zlib puts the name it was opened with first, "<fd:3>" for gzdopen; ours names the path.
  std::string text = message;
  const size_t colon = text.find(": ");
  if (text.starts_with("<fd:") && colon != std::string::npos) text.erase(0, colon + 2);
  return text;
}

}  // namespace

bool IsGzipPath(const std::string& path) {
  return path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

ByteReader::ByteReader(std::string path, std::string what)
    : path_(std::move(path)), what_(std::move(what)) {
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
    is_stdin_ = true;
    return;
  }
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw RunError("cannot open " + what_ + " " + path_ + ": " + std::strerror(errno));
  if (!IsGzipPath(path_)) return;
  gz_ = gzdopen(fd_, "rb");
  if (gz_ == nullptr) {
    ::close(fd_);
    throw RunError("cannot open " + what_ + " " + path_ + " through zlib: out of memory");
  }
  // Large reads of compressed input: zlib's default 8 KiB buffer means many small syscalls.
  gzbuffer(Gz(gz_), 256 * 1024);
}

ByteReader::~ByteReader() {
  if (gz_ != nullptr) {
    gzclose_r(Gz(gz_));  // closes fd_ too
  } else if (!is_stdin_ && fd_ >= 0) {
    ::close(fd_);
  }
}

size_t ByteReader::Read(char* dst, size_t n) {
  if (n == 0) return 0;
  if (gz_ != nullptr) {
    const auto want = static_cast<unsigned>(std::min<size_t>(n, INT_MAX));
    const int got = gzread(Gz(gz_), dst, want);
    int code = Z_OK;
    // zlib reports a stream cut short (Z_BUF_ERROR) only through gzerror, with a normal end.
    if (got == 0) gzerror(Gz(gz_), &code);
    if (got < 0 || code == Z_BUF_ERROR) {
      const std::string line = lines_known_
                                   ? " (line " + std::to_string(newlines_ + 1) + ", column " +
                                         std::to_string(offset_ - line_start_ + 1) + ")"
                                   : "";
      throw RunError("cannot read " + what_ + " " + path_ + " (gzip) at byte " +
                     std::to_string(offset_) + line + ": " + GzMessage(gz_));
    }
    const auto bytes = static_cast<size_t>(got);
    if (lines_known_) {
      // Cheap beside inflating the bytes, and only gzip input pays it.
      newlines_ += static_cast<uint64_t>(std::count(dst, dst + bytes, '\n'));
      if (const void* last = memrchr(dst, '\n', bytes)) {
        line_start_ = offset_ + static_cast<uint64_t>(static_cast<const char*>(last) - dst) + 1;
      }
    }
    offset_ += bytes;
    return bytes;
  }
  for (;;) {
    const ssize_t got = ::read(fd_, dst, n);
    if (got >= 0) {
      offset_ += static_cast<size_t>(got);
      return static_cast<size_t>(got);
    }
    if (errno != EINTR) {
      throw RunError("cannot read " + what_ + " " + path_ + ": " + std::strerror(errno));
    }
  }
}

void ByteReader::Seek(uint64_t offset) {
  if (is_stdin_) {
    throw RunError("cannot resume reading standard input at byte " + std::to_string(offset) +
                   ": it cannot seek (read the " + what_ + " from a path instead)");
  }
  if (gz_ != nullptr) {
    if (gzseek(Gz(gz_), static_cast<z_off_t>(offset), SEEK_SET) < 0) {
      throw RunError("cannot seek in " + what_ + " " + path_ + " (gzip) to byte " +
                     std::to_string(offset) + ": " + GzMessage(gz_));
    }
  } else if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw RunError("cannot seek in " + what_ + " " + path_ + " to byte " + std::to_string(offset) +
                   ": " + std::strerror(errno));
  }
  offset_ = offset;
  lines_known_ = offset == 0;
  newlines_ = 0;
  line_start_ = 0;
}

}  // namespace sluice

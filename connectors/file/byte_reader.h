// Reads the bytes of an input file in big blocks, whatever it is: a plain file, standard input
// ("-") or a gzip file (a path ending in ".gz", decompressed on the fly), and knows the offset
// of the next byte, so readers of any format can report and resume positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sluice {

class ByteReader {
 public:
  // Opens `path`; throws RunError naming the path and the reason. `what` names the file's role
  // in messages ("JSON file").
  explicit ByteReader(std::string path, std::string what = "file");
  ~ByteReader();
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  // Reads up to n bytes into dst; returns how many (0 only at the end). Throws RunError on a
  // read error, a truncated or corrupt gzip stream included.
  size_t Read(char* dst, size_t n);
  // Continues at `offset` (uncompressed for gzip, where seeking decompresses from the start
  // when going backwards). Throws RunError for standard input.
  void Seek(uint64_t offset);

  // The offset of the next byte Read returns (uncompressed for gzip).
  uint64_t Offset() const { return offset_; }
  bool seekable() const { return !is_stdin_; }
  bool gzip() const { return gz_ != nullptr; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string what_;
  int fd_ = -1;
  bool is_stdin_ = false;
  void* gz_ = nullptr;  // gzFile, kept opaque so users of this header need no zlib.h
  uint64_t offset_ = 0;
  // Of gzip text read from its start (not after a Seek): the newlines before offset_ and where
  // the last line starts, so a stream cut short says at which line and column its text ends.
  bool lines_known_ = true;
  uint64_t newlines_ = 0;
  uint64_t line_start_ = 0;
};

// True when `path` is read through zlib.
bool IsGzipPath(const std::string& path);

}  // namespace sluice

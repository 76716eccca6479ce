// An output file that appears under its name only when complete: bytes go to a hidden
// temporary file in the same directory, which Finish() makes durable and renames onto the
// final path; a failed run leaves neither a half-written file nor a temporary one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sluice {

class AtomicOutputFile {
 public:
  struct Options {
    int gzip_level = 6;  // used when the path ends in ".gz"
    size_t buffer_bytes = size_t{1} << 20;
  };

  // Creates the temporary file (".<name>.sluice-tmp-<pid>-<random>", mode 0644 less the umask).
  // "-" streams to standard output, and so does an existing path that is not a regular file
  // (a FIFO, /dev/null): neither can be replaced atomically. A symbolic link is followed, so
  // its target is replaced and the link kept. Throws RunError naming the path and the reason.
  AtomicOutputFile(std::string path, Options options);
  explicit AtomicOutputFile(std::string path) : AtomicOutputFile(std::move(path), Options()) {}
  // Abandons the file unless Finish() succeeded.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  // The bytes not yet written. Writers append whole rows to it and then call WriteIfFull(), so
  // a row is formatted straight into the buffer that goes to the kernel.
  std::string& buffer() { return buffer_; }
  void WriteIfFull() {
    if (buffer_.size() >= buffer_bytes_) Drain(false);
  }
  void Append(std::string_view bytes) {
    buffer_.append(bytes);
    WriteIfFull();
  }
  // Hands everything buffered to the kernel (through the compressor for ".gz").
  void Flush();
  // Flushes, ends the gzip stream, fsyncs the file, renames it onto the final path and fsyncs
  // the directory, so the new content survives a crash once this returns.
  void Finish();
  // Removes the temporary file; the final path keeps whatever it held before. Never throws.
  void Abandon() noexcept;

  const std::string& path() const { return path_; }
  // Empty when streaming (standard output, FIFOs, devices).
  const std::string& temp_path() const { return temp_path_; }
  bool finished() const { return state_ == State::kFinished; }
  // Bytes handed to the kernel so far (compressed bytes for ".gz").
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  enum class State { kOpen, kFinished, kAbandoned };
  struct Gzip;

  void OpenTemporary(const std::string& target);
  void Drain(bool finish);
  void WriteAll(const char* data, size_t size);
  [[noreturn]] void Fail(const std::string& doing, int error);

  std::string path_;         // as given, for messages
  std::string target_path_;  // what the rename replaces (a symlink's target)
  std::string temp_path_;
  int fd_ = -1;
  bool owns_fd_ = true;  // false for standard output
  State state_ = State::kOpen;
  size_t buffer_bytes_;
  std::string buffer_;
  std::unique_ptr<Gzip> gzip_;
  uint64_t bytes_written_ = 0;
};

}  // namespace sluice

// A sliding window over a ByteReader: the bytes read but not yet consumed stay contiguous, with
// `padding` readable bytes after them, so a parser such as simdjson (which reads a little past
// a document's end) can work on them in place. Memory stays bounded by what the caller keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "connectors/file/byte_reader.h"

namespace sluice {

class ReadWindow {
 public:
  // `block_bytes`: how much to ask of the reader per Fill (and the initial capacity).
  ReadWindow(ByteReader& reader, size_t block_bytes, size_t padding);

  // The first unconsumed byte and how many are held; followed by at least `padding` bytes
  // (spaces past the end of the data read). Valid until the next Fill, Consume or Reset.
  const char* data() const { return buffer_.get() + begin_; }
  size_t size() const { return end_ - begin_; }
  // Readable bytes from data(): size() plus at least the padding.
  size_t capacity_from_data() const { return allocated_ - begin_; }
  // The file offset of data().
  uint64_t offset() const { return base_offset_ + begin_; }
  bool at_eof() const { return eof_; }

  // Reads at least one more byte (growing the buffer when it is full), keeping the unconsumed
  // ones; false at the end of the input. Moves the data: pointers into it become invalid.
  bool Fill();
  // Forgets the first n unconsumed bytes.
  void Consume(size_t n) { begin_ += n; }
  // Drops everything held: the reader now stands at `offset` (after a Seek).
  void Reset(uint64_t offset);
  // Gives memory back after an unusually large document made the buffer grow.
  void ShrinkIfLarge();

 private:
  // Moves the unconsumed bytes to the front of a buffer with room for `data_bytes`.
  void Reallocate(size_t data_bytes);

  ByteReader& reader_;
  size_t block_bytes_;
  size_t padding_;
  std::unique_ptr<char[]> buffer_;
  size_t allocated_ = 0;  // data bytes plus padding_
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t base_offset_ = 0;  // file offset of buffer_[0]
  bool eof_ = false;
};

}  // namespace sluice

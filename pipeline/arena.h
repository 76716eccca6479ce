// A bump allocator for the string bytes of one batch: values are views into it, and it is
// reset (not freed) when the batch buffer is reused, so hot loops never allocate per value.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace sluice {

class StringArena {
 public:
  explicit StringArena(size_t block_size = 1 << 20) : block_size_(block_size) {}
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;
  StringArena(StringArena&&) = default;  // views into the blocks stay valid: blocks do not move
  StringArena& operator=(StringArena&&) = default;

  // Copies the bytes into the arena; the view stays valid until Reset().
  std::string_view Store(std::string_view bytes);
  // Reserves n writable bytes; the caller fills them and keeps the pointer.
  char* Allocate(size_t n);
  // Forgets every value but keeps the blocks for reuse.
  void Reset();
  size_t BytesUsed() const { return used_; }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size = 0;
    size_t used = 0;
  };
  size_t block_size_;
  size_t used_ = 0;
  size_t current_ = 0;  // the block being filled; earlier ones are full
  std::vector<Block> blocks_;
};

}  // namespace sluice

// StringArena: blocks of at least block_size bytes, kept across Reset() so a recycled batch
// allocates nothing; oversized values get a block of their own.
#include "pipeline/arena.h"

#include <algorithm>
#include <cstring>

namespace sluice {

char* StringArena::Allocate(size_t n) {
  while (current_ < blocks_.size() && blocks_[current_].size - blocks_[current_].used < n) {
    ++current_;
  }
  if (current_ == blocks_.size()) {
    Block block;
    block.size = std::max(block_size_, n);
    block.data.reset(new char[block.size]);  // default-initialized: no zeroing of fresh memory
    blocks_.push_back(std::move(block));
  }
  Block& block = blocks_[current_];
  char* out = block.data.get() + block.used;
  block.used += n;
  used_ += n;
  return out;
}

std::string_view StringArena::Store(std::string_view bytes) {
  if (bytes.empty()) return {};
  char* out = Allocate(bytes.size());
  std::memcpy(out, bytes.data(), bytes.size());
  return {out, bytes.size()};
}

void StringArena::Reset() {
  for (Block& b : blocks_) b.used = 0;
  current_ = 0;
  used_ = 0;
}

}  // namespace sluice

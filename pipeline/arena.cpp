// StringArena: blocks of at least block_size bytes; oversized values get a block of their own.
#include "pipeline/arena.h"

#include <algorithm>
#include <cstring>

namespace sluice {

char* StringArena::Allocate(size_t n) {
  if (blocks_.empty() || blocks_.back().size - blocks_.back().used < n) {
    Block block;
    block.size = std::max(block_size_, n);
    block.data = std::make_unique<char[]>(block.size);
    blocks_.push_back(std::move(block));
  }
  Block& block = blocks_.back();
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
  if (blocks_.size() > 1) blocks_.resize(1);
  if (!blocks_.empty()) blocks_.front().used = 0;
  used_ = 0;
}

}  // namespace sluice

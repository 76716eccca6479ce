// A set of 64-bit integers in one flat array (open addressing, linear probing): 8 bytes a
// slot, where std::unordered_set spends about 40 bytes a key on nodes and buckets. It keeps
// the unique rule's memory at a fraction for tables of tens of millions of ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice {

class FlatIntSet {
 public:
  // Adds v; false when it was there already.
  bool Insert(int64_t v) {
    if (v == kEmpty) {
      if (has_empty_value_) return false;
      has_empty_value_ = true;
      return true;
    }
    // Grown at 3/4 full, so a probe stays short.
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    if (!Place(v)) return false;
    ++size_;
    return true;
  }

  size_t size() const { return size_ + (has_empty_value_ ? 1 : 0); }

 private:
  // The value that marks a free slot; stored apart when it is inserted itself.
  static constexpr int64_t kEmpty = INT64_MIN;

  size_t SlotOf(int64_t v) const {
    // Fibonacci hashing: the multiply spreads sequential ids over the whole table.
    return static_cast<size_t>((static_cast<uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  bool Place(int64_t v) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = SlotOf(v);; i = (i + 1) & mask) {
      if (slots_[i] == v) return false;
      if (slots_[i] == kEmpty) {
        slots_[i] = v;
        return true;
      }
    }
  }

  void Grow() {
    std::vector<int64_t> old;
    old.swap(slots_);
    const size_t capacity = old.empty() ? 1024 : old.size() * 2;
    slots_.assign(capacity, kEmpty);
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (int64_t v : old) {
      if (v != kEmpty) Place(v);
    }
  }

  std::vector<int64_t> slots_;
  unsigned shift_ = 64;
  size_t size_ = 0;
  bool has_empty_value_ = false;
};

}  // namespace sluice

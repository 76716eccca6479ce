// A set of 64-bit integers in flat arrays, for the unique rule over tens of millions of ids.
// While the values are dense (ids from a sequence, in any order) it is a bitmap over their
// range: 10 million ids take about 1.25 MB. While they are too sparse for that (an outlier,
// random keys, the first few of a shuffled table) it is an open-addressing hash table (linear
// probing, 8 bytes a slot), where std::unordered_set spends about 40 bytes a value on nodes
// and buckets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice {

class FlatIntSet {
 public:
  // Adds v; false when it was there already.
  bool Insert(int64_t v) {
    if (dense_) {
      const uint64_t offset = static_cast<uint64_t>(v) - static_cast<uint64_t>(base_);
      if (offset < bits_.size() * 64) {
        uint64_t& word = bits_[offset / 64];
        const uint64_t bit = uint64_t{1} << (offset % 64);
        if (word & bit) return false;
        word |= bit;
        ++size_;
        return true;
      }
      Widen(v);  // covers v afterwards, or has turned into the hash table
      return Insert(v);
    }
    lowest_ = v < lowest_ ? v : lowest_;
    highest_ = v > highest_ ? v : highest_;
    if (v == kEmpty) {
      if (has_empty_value_) return false;
      has_empty_value_ = true;
      return true;
    }
    // Grown at 3/4 full, so a probe stays short.
    if ((size_ + 1) * 4 > slots_.size() * 3) {
      Grow();
      if (dense_) return Insert(v);  // the values turned out dense after all
    }
    if (!Place(v)) return false;
    ++size_;
    return true;
  }

  size_t size() const { return size_ + (has_empty_value_ ? 1 : 0); }
  // Whether the values are still kept as a bitmap (for tests).
  bool dense() const { return dense_; }
  // The bytes the set holds.
  size_t bytes() const { return bits_.capacity() * 8 + slots_.capacity() * 8; }

 private:
  // The value that marks a free hash slot; stored apart when it is inserted itself.
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

  void Widen(int64_t v);  // the bitmap, to cover v, or the switch to the hash table
  void BecomeHashTable();
  void BecomeBitmap();
  void Grow();  // the hash table, or the switch back to the bitmap

  bool dense_ = true;
  int64_t base_ = 0;            // the value of the bitmap's first bit (a multiple of 64)
  std::vector<uint64_t> bits_;  // dense: bit i is base_ + i
  std::vector<int64_t> slots_;  // sparse: the hash table
  int64_t lowest_ = INT64_MAX;  // sparse: the least and greatest value
  int64_t highest_ = INT64_MIN;
  unsigned shift_ = 64;
  size_t size_ = 0;
  bool has_empty_value_ = false;
};

}  // namespace sluice

// FlatIntSet's slow paths: widening the bitmap, the switches between bitmap and hash table,
// and growing the table.
#include "transforms/flat_int_set.h"

#include <algorithm>

namespace sluice {
namespace {

// Exact arithmetic on bounds that may pass the ends of int64_t.
__extension__ typedef __int128 Wide;

// A bitmap may take this many bytes a value (a hash table at 3/4 load takes 11 to 21), and
// any bitmap up to the slack is fine: the first ids of a shuffled table span a wide range.
constexpr Wide kBytesPerValue = 16;
constexpr Wide kSlackBytes = 1 << 20;

// v rounded down to a multiple of 64.
Wide FloorTo64(Wide v) { return v >= 0 ? v / 64 * 64 : -((-v + 63) / 64) * 64; }

bool BitmapIsWorthIt(Wide low, Wide high, size_t values) {
  return (high - low) / 8 <= kBytesPerValue * (static_cast<Wide>(values) + 1) + kSlackBytes;
}

}  // namespace

void FlatIntSet::Widen(int64_t v) {
  const Wide low = base_, high = low + static_cast<Wide>(bits_.size()) * 64;
  // The least range that covers v, and the preferred one: at least doubled, so ids arriving in
  // order widen it a logarithmic number of times.
  Wide least_low = FloorTo64(v), least_high = least_low + 64;
  Wide new_low = least_low, new_high = least_high;
  if (!bits_.empty()) {
    least_low = std::min(least_low, low);
    least_high = std::max(least_high, high);
    const Wide span = high - low;
    new_low = v < low ? std::max(FloorTo64(std::min<Wide>(v, low - span)), Wide{INT64_MIN}) : low;
    new_high = v >= high ? std::min(FloorTo64(std::max<Wide>(v, high + span - 1)) + 64,
                                    Wide{INT64_MAX} + 1)
                         : high;
  }
  if (!BitmapIsWorthIt(new_low, new_high, size_)) {
    new_low = least_low;
    new_high = least_high;
  }
  if (!BitmapIsWorthIt(new_low, new_high, size_)) {
    BecomeHashTable();
    return;
  }
  std::vector<uint64_t> bits(static_cast<size_t>((new_high - new_low) / 64), 0);
  if (!bits_.empty()) {  // else low is a stale base, possibly far from new_low
    std::copy(bits_.begin(), bits_.end(),
              bits.begin() + static_cast<ptrdiff_t>((low - new_low) / 64));
  }
  bits_.swap(bits);
  base_ = static_cast<int64_t>(new_low);
}

void FlatIntSet::BecomeHashTable() {
  std::vector<uint64_t> bits;
  bits.swap(bits_);
  dense_ = false;
  // Sized for every value at once: growing midway could find them dense and switch back.
  size_t capacity = 1024;
  while (size_ * 4 >= capacity * 3) capacity *= 2;
  slots_.assign(capacity, kEmpty);
  shift_ = 64;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;
  for (size_t w = 0; w < bits.size(); ++w) {
    for (uint64_t word = bits[w]; word != 0; word &= word - 1) {
      const uint64_t offset = w * 64 + static_cast<uint64_t>(__builtin_ctzll(word));
      const auto v = static_cast<int64_t>(static_cast<uint64_t>(base_) + offset);
      lowest_ = std::min(lowest_, v);
      highest_ = std::max(highest_, v);
      if (v == kEmpty) {
        has_empty_value_ = true;
        --size_;  // counted apart
      } else {
        Place(v);
      }
    }
  }
}

void FlatIntSet::BecomeBitmap() {
  std::vector<int64_t> slots;
  slots.swap(slots_);
  const bool had_empty_value = has_empty_value_;
  const Wide low = FloorTo64(lowest_);
  bits_.assign(static_cast<size_t>((FloorTo64(highest_) + 64 - low) / 64), 0);
  lowest_ = INT64_MAX;
  highest_ = INT64_MIN;
  base_ = static_cast<int64_t>(low);
  dense_ = true;
  size_ = 0;
  has_empty_value_ = false;
  shift_ = 64;
  for (int64_t v : slots) {
    if (v != kEmpty) Insert(v);
  }
  if (had_empty_value) Insert(kEmpty);
}

void FlatIntSet::Grow() {
  // Ids that arrived shuffled looked sparse while there were few; once there are as many as
  // their range is wide, the bitmap is the smaller again.
  if (size_ > 0 && BitmapIsWorthIt(FloorTo64(lowest_), FloorTo64(highest_) + 64, size_)) {
    BecomeBitmap();
    return;
  }
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

}  // namespace sluice

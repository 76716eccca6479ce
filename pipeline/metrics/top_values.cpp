// Top values: counter storage, the Misra-Gries purge, merge and ranking.
#include "pipeline/metrics/top_values.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <numeric>

namespace sluice {

void TopValues::AddNew(std::string_view key, uint64_t hash) {
  std::string_view stored = key;
  if (stored.size() > kMaxKeyBytes) {
    size_t cut = kMaxKeyBytes;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    stored = key.substr(0, cut);
  }
  Upsert(stored, key.size(), hash, 1);
  if (counters_.size() > capacity_) Purge();
}

void TopValues::Upsert(std::string_view stored, uint64_t length, uint64_t hash, uint64_t count) {
  // Load factor at most 1/2 keeps probes short.
  if ((counters_.size() + 1) * 2 > slots_.size()) Rehash(std::max<size_t>(16, slots_.size() * 2));
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  for (;; i = (i + 1) & mask) {
    const uint32_t slot = slots_[i];
    if (slot == kEmpty) break;
    Counter& c = counters_[slot - 1];
    if (c.hash == hash && c.length == length && Stored(c) == stored) {
      c.count += count;
      return;
    }
  }
  Counter c;
  c.hash = hash;
  c.count = count;
  c.length = length;
  c.offset = static_cast<uint32_t>(bytes_.size());
  c.stored = static_cast<uint32_t>(stored.size());
  bytes_.append(stored);
  counters_.push_back(c);
  slots_[i] = static_cast<uint32_t>(counters_.size());
}

void TopValues::Purge() {
  if (counters_.size() <= capacity_) return;
  std::vector<uint64_t> counts(counters_.size());
  for (size_t i = 0; i < counters_.size(); ++i) counts[i] = counters_[i].count;
  std::nth_element(counts.begin(), counts.begin() + static_cast<ptrdiff_t>(capacity_), counts.end(),
                   std::greater<>());
  // At least capacity_ + 1 counters hold >= cut, and each loses exactly cut: the total drops by
  // (capacity_ + 1) * cut or more, which is what bounds max_error_.
  const uint64_t cut = counts[capacity_];
  std::vector<Counter> kept;
  std::string kept_bytes;
  for (const Counter& c : counters_) {
    if (c.count <= cut) continue;
    Counter k = c;
    k.count -= cut;
    k.offset = static_cast<uint32_t>(kept_bytes.size());
    kept_bytes.append(Stored(c));
    kept.push_back(k);
  }
  counters_ = std::move(kept);
  bytes_ = std::move(kept_bytes);
  max_error_ += cut;
  Rehash(slots_.size());
}

void TopValues::Rehash(size_t slot_count) {
  slots_.assign(slot_count, kEmpty);
  const size_t mask = slot_count - 1;
  for (size_t n = 0; n < counters_.size(); ++n) {
    size_t i = counters_[n].hash & mask;
    while (slots_[i] != kEmpty) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(n + 1);
  }
}

void TopValues::Merge(const TopValues& other) {
  if (&other == this) {
    const TopValues copy = other;
    Merge(copy);
    return;
  }
  for (const Counter& c : other.counters_) {
    Upsert(other.Stored(c), c.length, c.hash, c.count);
  }
  max_error_ += other.max_error_;
  Purge();
}

void TopValues::Clear() {
  counters_.clear();
  bytes_.clear();
  std::fill(slots_.begin(), slots_.end(), kEmpty);
  max_error_ = 0;
}

std::vector<TopValues::Entry> TopValues::Top(size_t k) const {
  std::vector<uint32_t> order(counters_.size());
  std::iota(order.begin(), order.end(), 0);
  auto before = [&](uint32_t a, uint32_t b) {
    const Counter& x = counters_[a];
    const Counter& y = counters_[b];
    if (x.count != y.count) return x.count > y.count;
    const int by_bytes = Stored(x).compare(Stored(y));
    if (by_bytes != 0) return by_bytes < 0;
    if (x.length != y.length) return x.length < y.length;
    return x.hash < y.hash;
  };
  const size_t n = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<ptrdiff_t>(n), order.end(), before);
  std::vector<Entry> top;
  top.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Counter& c = counters_[order[i]];
    top.push_back({std::string(Stored(c)), c.stored < c.length, c.count});
  }
  return top;
}

}  // namespace sluice

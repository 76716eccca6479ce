// The most frequent values of a column with their counts, in bounded memory and mergeable:
// exact up to `capacity` distinct values, a Misra-Gries summary beyond.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// Beyond `capacity` distinct values this is a Misra-Gries summary with `capacity` counters,
// which merges with the same guarantee (Agarwal et al., "Mergeable summaries", 2012).
// Guarantee, for every value x, whether or not it is listed (an unlisted value counts 0):
//   Count(x) <= true count of x <= Count(x) + max_error()
// and max_error() <= (values added - sum of the counts held) / (capacity + 1). So a value
// that makes up more than 1/(capacity + 1) of the column is always listed, and max_error()
// is 0, every count exact, until a state or a merge meets more than `capacity` distinct values.
class TopValues {
 public:
  static constexpr size_t kDefaultCapacity = 1024;
  // Longer values keep only this many bytes (cut on a UTF-8 boundary) and are told apart by
  // their hash and full length: memory stays bounded whatever the column holds.
  static constexpr size_t kMaxKeyBytes = 200;

  explicit TopValues(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // `hash` is HashBytes(key) or any hash used consistently for the column (value_hash.h).
  void Add(std::string_view key, uint64_t hash) {
    if (!slots_.empty()) {
      const size_t mask = slots_.size() - 1;
      for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const uint32_t slot = slots_[i];
        if (slot == kEmpty) break;
        Counter& c = counters_[slot - 1];
        if (c.hash == hash && Matches(c, key)) {
          ++c.count;
          return;
        }
      }
    }
    AddNew(key, hash);
  }

  void Merge(const TopValues& other);
  void Clear();

  struct Entry {
    std::string key;  // the value's bytes, or their first kMaxKeyBytes when truncated
    bool truncated = false;
    uint64_t count = 0;
  };
  // The `k` largest counts, largest first; ties in byte order of the key.
  std::vector<Entry> Top(size_t k) const;

  size_t size() const { return counters_.size(); }
  size_t capacity() const { return capacity_; }
  uint64_t max_error() const { return max_error_; }
  // True while every count is exact and size() is the exact number of distinct values.
  bool exact() const { return max_error_ == 0; }

 private:
  static constexpr uint32_t kEmpty = 0;  // slots hold a counter's index + 1

  struct Counter {
    uint64_t hash = 0;
    uint64_t count = 0;
    uint64_t length = 0;  // of the whole value
    uint32_t offset = 0;  // of the stored bytes in bytes_
    uint32_t stored = 0;  // bytes stored (length, or less when truncated)
  };

  bool Matches(const Counter& c, std::string_view key) const {
    return c.length == key.size() &&
           std::memcmp(bytes_.data() + c.offset, key.data(), c.stored) == 0;
  }
  std::string_view Stored(const Counter& c) const { return {bytes_.data() + c.offset, c.stored}; }

  void AddNew(std::string_view key, uint64_t hash);
  // Adds `count` to the counter of a value (stored bytes, full length), creating it if needed.
  void Upsert(std::string_view stored, uint64_t length, uint64_t hash, uint64_t count);
  // Back to at most capacity_ counters: subtract the (capacity_+1)-th largest count from all.
  void Purge();
  void Rehash(size_t slot_count);

  size_t capacity_;
  uint64_t max_error_ = 0;
  std::vector<Counter> counters_;
  std::string bytes_;
  std::vector<uint32_t> slots_;  // open addressing, linear probing, power-of-two size
};

}  // namespace sluice

// Distinct-count sketch of a column (HyperLogLog, 2^14 registers: ~0.8% standard error in
// 16 KiB). Mergeable: the sketch of a union is the register-wise max of the sketches.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice {

class HyperLogLog {
 public:
  static constexpr int kPrecision = 14;
  static constexpr size_t kRegisters = size_t{1} << kPrecision;
  // Bits of the hash left for the rank; a register holds at most kRankBits + 1.
  static constexpr int kRankBits = 64 - kPrecision;

  // `hash` must be a well-mixed 64-bit hash of the value (value_hash.h).
  void Add(uint64_t hash) {
    // Registers are allocated on first use: most per-batch states of an all-null or
    // never-observed column then cost nothing.
    if (registers_.empty()) registers_.assign(kRegisters, 0);
    const size_t index = hash >> kRankBits;
    const uint64_t rest = hash << kPrecision;
    const uint8_t rank =
        rest == 0 ? kRankBits + 1 : static_cast<uint8_t>(std::countl_zero(rest) + 1);
    uint8_t& r = registers_[index];
    if (rank > r) r = rank;
  }

  void Merge(const HyperLogLog& other);
  // The estimated number of distinct hashes added, rounded.
  uint64_t Estimate() const;
  void Clear();

 private:
  std::vector<uint8_t> registers_;
};

}  // namespace sluice

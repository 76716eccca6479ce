// The 64-bit hash of values that the metric states share (HyperLogLog registers, top-value
// slots): hashed once per value. Fast on short strings, which dominate real columns.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

namespace sluice {

namespace value_hash_detail {

// wyhash's construction (public domain): fold 128-bit products of the input with odd constants.
// Passes SMHasher, and costs a handful of multiplies for a 20-byte string.
inline constexpr uint64_t kSecret[4] = {0x2d358dccaa6c78a5ULL, 0x8bb84b93962eacc9ULL,
                                        0x4b33a62ed433d4a3ULL, 0x4d5a2da51de1aa47ULL};

__extension__ typedef unsigned __int128 Uint128;

// a, b = low and high halves of a * b.
inline void Multiply(uint64_t& a, uint64_t& b) {
  const Uint128 r = static_cast<Uint128>(a) * b;
  a = static_cast<uint64_t>(r);
  b = static_cast<uint64_t>(r >> 64);
}

inline uint64_t Mix(uint64_t a, uint64_t b) {
  Multiply(a, b);
  return a ^ b;
}

// Little-endian loads; the hash never leaves the process, so byte order only has to be stable
// within one run.
inline uint64_t Load8(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t Load4(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace value_hash_detail

// Hash of a byte string (text values).
inline uint64_t HashBytes(std::string_view bytes) {
  using namespace value_hash_detail;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t len = bytes.size();
  uint64_t seed = Mix(kSecret[0], kSecret[1]);
  uint64_t a = 0;
  uint64_t b = 0;
  if (len <= 16) {
    if (len >= 4) {
      const size_t shift = (len >> 3) << 2;
      a = (Load4(p) << 32) | Load4(p + shift);
      b = (Load4(p + len - 4) << 32) | Load4(p + len - 4 - shift);
    } else if (len > 0) {
      a = (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[len >> 1]) << 8) |
          p[len - 1];
    }
  } else {
    size_t i = len;
    if (i > 48) {
      uint64_t seed1 = seed;
      uint64_t seed2 = seed;
      do {
        seed = Mix(Load8(p) ^ kSecret[1], Load8(p + 8) ^ seed);
        seed1 = Mix(Load8(p + 16) ^ kSecret[2], Load8(p + 24) ^ seed1);
        seed2 = Mix(Load8(p + 32) ^ kSecret[3], Load8(p + 40) ^ seed2);
        p += 48;
        i -= 48;
      } while (i > 48);
      seed ^= seed1 ^ seed2;
    }
    while (i > 16) {
      seed = Mix(Load8(p) ^ kSecret[1], Load8(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = Load8(p + i - 16);
    b = Load8(p + i - 8);
  }
  a ^= kSecret[1];
  b ^= seed;
  Multiply(a, b);
  return Mix(a ^ kSecret[0] ^ len, b ^ kSecret[1]);
}

// Hash of a 64-bit value (int-backed values, and doubles by their bits).
inline uint64_t HashInt(uint64_t value) {
  using namespace value_hash_detail;
  uint64_t a = value ^ kSecret[0];
  uint64_t b = kSecret[1];
  Multiply(a, b);
  return Mix(a ^ kSecret[2], b ^ kSecret[3]);
}

// Hash of a double: equal values hash equally (-0.0 as 0.0, every NaN alike).
inline uint64_t HashDouble(double value) {
  if (value == 0) value = 0;
  if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return HashInt(bits);
}

}  // namespace sluice

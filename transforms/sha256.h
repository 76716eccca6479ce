// SHA-256 (FIPS 180-4) for the hash transform: small and self-contained so that hashing needs
// no crypto library in the build. Copyable, so a salted prefix can be hashed once and reused.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice {

class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;

  void Update(std::string_view data);
  // The digest of everything updated so far; the object is spent afterwards.
  Digest Finish();

  // Writes the 64 lowercase hex digits of `digest` to `out`.
  static void ToHex(const Digest& digest, char out[64]);

 private:
  void Compress(const uint8_t block[64]);

  std::array<uint32_t, 8> state_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

}  // namespace sluice

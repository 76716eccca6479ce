// HyperLogLog merge and estimate.
#include "pipeline/metrics/hyperloglog.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sluice {
namespace {

// sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1): the correction for empty registers.
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0;
  double z = x;
  for (;;) {
    x *= x;
    const double previous = z;
    z += x * y;
    y += y;
    if (z == previous) return z;
  }
}

// tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3: the correction for saturated
// registers.
double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0;
  double z = 1.0 - x;
  for (;;) {
    x = std::sqrt(x);
    const double previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
    if (z == previous) return z / 3.0;
  }
}

}  // namespace

void HyperLogLog::Merge(const HyperLogLog& other) {
  if (other.registers_.empty()) return;
  if (registers_.empty()) {
    registers_ = other.registers_;
    return;
  }
  for (size_t i = 0; i < kRegisters; ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

// Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog sketches",
// 2017), as Redis uses it: unbiased from zero to billions, without HLL++'s empirical bias tables
// or a switch-over to linear counting (which it contains as its small-range limit).
uint64_t HyperLogLog::Estimate() const {
  if (registers_.empty()) return 0;
  std::array<uint32_t, kRankBits + 2> histogram{};
  for (uint8_t r : registers_) ++histogram[r];
  const double m = static_cast<double>(kRegisters);
  double z = m * Tau((m - histogram[kRankBits + 1]) / m);
  for (int k = kRankBits; k >= 1; --k) z = 0.5 * (z + histogram[k]);
  z += m * Sigma(histogram[0] / m);
  const double kAlphaInfinity = 0.5 / std::log(2.0);
  return static_cast<uint64_t>(std::llround(kAlphaInfinity * m * m / z));
}

void HyperLogLog::Clear() { std::fill(registers_.begin(), registers_.end(), uint8_t{0}); }

}  // namespace sluice

// Running count, mean and variance of a numeric column (Welford), mergeable with Chan et al.'s
// parallel formula: the state of a union is computed from the states of its parts.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace sluice {

class Welford {
 public:
  void Add(double x) {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }

  // Adds a block of values. Two passes over the block (sum, then squared deviations from the
  // block's mean) and one merge: no division per value, so it vectorizes, and it is at least as
  // accurate as Add() one by one.
  void AddBlock(const double* xs, size_t n) {
    if (n == 0) return;
    // Four partial sums break the chain of dependent additions.
    double sum[4] = {0, 0, 0, 0};
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      for (size_t j = 0; j < 4; ++j) sum[j] += xs[i + j];
    }
    for (; i < n; ++i) sum[0] += xs[i];
    const double mean = (sum[0] + sum[1] + sum[2] + sum[3]) / static_cast<double>(n);
    double m2[4] = {0, 0, 0, 0};
    for (i = 0; i + 4 <= n; i += 4) {
      for (size_t j = 0; j < 4; ++j) m2[j] += (xs[i + j] - mean) * (xs[i + j] - mean);
    }
    for (; i < n; ++i) m2[0] += (xs[i] - mean) * (xs[i] - mean);
    Combine(n, mean, m2[0] + m2[1] + m2[2] + m2[3]);
  }

  void Merge(const Welford& other) { Combine(other.count_, other.mean_, other.m2_); }

  uint64_t count() const { return count_; }
  double Mean() const { return mean_; }
  // Population variance (divides by n), and the sample variance (n - 1) SQL's stddev reports.
  double PopulationVariance() const { return count_ == 0 ? 0.0 : m2_ / count_; }
  double SampleVariance() const { return count_ < 2 ? 0.0 : m2_ / (count_ - 1); }
  double SampleStdDev() const { return std::sqrt(SampleVariance()); }

 private:
  void Combine(uint64_t n, double mean, double m2) {
    if (n == 0) return;
    if (count_ == 0) {
      count_ = n;
      mean_ = mean;
      m2_ = m2;
      return;
    }
    const double na = static_cast<double>(count_);
    const double nb = static_cast<double>(n);
    const double total = na + nb;
    const double delta = mean - mean_;
    mean_ += delta * (nb / total);
    m2_ += m2 + delta * delta * (na * nb / total);
    count_ += n;
  }

  uint64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the mean
};

}  // namespace sluice

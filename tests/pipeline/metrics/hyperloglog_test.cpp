// HyperLogLog: accuracy across scales, exactness at tiny counts, and merge = one pass.
#include "pipeline/metrics/hyperloglog.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "pipeline/metrics/value_hash.h"
#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

double RelativeError(uint64_t estimate, uint64_t truth) {
  return std::abs(static_cast<double>(estimate) - static_cast<double>(truth)) /
         static_cast<double>(truth);
}

TEST(HyperLogLog, EstimatesDistinctIntegersWithinTwoPercent) {
  // Sequential ids are the common shape of a key column and the hardest for a weak hash.
  for (uint64_t distinct : {1000u, 20000u, 40000u, 80000u, 100000u, 1000000u}) {
    HyperLogLog hll;
    for (uint64_t i = 0; i < distinct; ++i) hll.Add(HashInt(i));
    EXPECT_LT(RelativeError(hll.Estimate(), distinct), 0.02) << distinct << " distinct";
  }
}

TEST(HyperLogLog, EstimatesDistinctStringsWithinTwoPercent) {
  for (uint64_t distinct : {1000u, 100000u, 1000000u}) {
    HyperLogLog hll;
    std::string value;
    for (uint64_t i = 0; i < distinct; ++i) {
      value = "customer-" + std::to_string(i) + "@example.com";
      hll.Add(HashBytes(value));
    }
    EXPECT_LT(RelativeError(hll.Estimate(), distinct), 0.02) << distinct << " distinct";
  }
}

TEST(HyperLogLog, IgnoresRepeatedValues) {
  HyperLogLog once;
  HyperLogLog thrice;
  for (uint64_t i = 0; i < 50000; ++i) once.Add(HashInt(i));
  for (int round = 0; round < 3; ++round) {
    for (uint64_t i = 0; i < 50000; ++i) thrice.Add(HashInt(i));
  }
  EXPECT_EQ(once.Estimate(), thrice.Estimate());
}

TEST(HyperLogLog, CountsTinySetsExactly) {
  for (uint64_t distinct : {0u, 1u, 2u, 3u, 10u, 50u}) {
    HyperLogLog hll;
    for (uint64_t i = 0; i < distinct; ++i) hll.Add(HashInt(i * 7919));
    EXPECT_EQ(hll.Estimate(), distinct);
  }
}

TEST(HyperLogLog, MergeOfRandomPartsEqualsOnePass) {
  std::mt19937_64 rng(7);
  const size_t n = 300000;
  std::vector<uint64_t> values(n);
  for (uint64_t& v : values) v = rng() % 120000;  // repeats across parts
  HyperLogLog whole;
  for (uint64_t v : values) whole.Add(HashInt(v));
  for (size_t count : {2u, 7u, 40u}) {
    std::vector<HyperLogLog> parts;
    for (auto [begin, end] : metrics_test::RandomParts(n, count, rng)) {
      HyperLogLog& part = parts.emplace_back();
      for (size_t i = begin; i < end; ++i) part.Add(HashInt(values[i]));
    }
    HyperLogLog merged = metrics_test::MergeInRandomOrder(parts, rng);
    EXPECT_EQ(merged.Estimate(), whole.Estimate()) << count << " parts";
  }
}

TEST(HyperLogLog, ClearForgetsEverything) {
  HyperLogLog hll;
  for (uint64_t i = 0; i < 1000; ++i) hll.Add(HashInt(i));
  hll.Clear();
  EXPECT_EQ(hll.Estimate(), 0u);
  hll.Add(HashInt(5));
  EXPECT_EQ(hll.Estimate(), 1u);
}

TEST(ValueHash, HashesEqualValuesEquallyAndDifferentValuesDifferently) {
  EXPECT_EQ(HashBytes("alpha"), HashBytes(std::string("alpha")));
  EXPECT_NE(HashBytes("alpha"), HashBytes("alphb"));
  EXPECT_NE(HashBytes(""), HashBytes(std::string_view("\0", 1)));
  // Every length path: empty, 1-3, 4-16, 17-48, more than 48 bytes.
  std::string long_value(200, 'x');
  for (size_t len = 0; len < long_value.size(); ++len) {
    std::string_view a(long_value.data(), len);
    std::string b(a);
    if (len > 0) b[len / 2] = 'y';
    EXPECT_EQ(HashBytes(a), HashBytes(std::string(a))) << len;
    if (len > 0) {
      EXPECT_NE(HashBytes(a), HashBytes(b)) << len;
    }
    EXPECT_NE(HashBytes(a), HashBytes(std::string_view(long_value.data(), len + 1))) << len;
  }
  EXPECT_EQ(HashDouble(0.0), HashDouble(-0.0));
  EXPECT_NE(HashInt(1), HashInt(2));
}

}  // namespace
}  // namespace sluice

// Welford mean/variance: against a two-pass reference, by value and by block, and merged.
#include "pipeline/metrics/welford.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

using metrics_test::NearlyEqual;

struct Reference {
  double mean = 0;
  double sample_variance = 0;
};

Reference TwoPass(const std::vector<double>& xs) {
  Reference r;
  long double sum = 0;
  for (double x : xs) sum += x;
  r.mean = static_cast<double>(sum / xs.size());
  long double m2 = 0;
  for (double x : xs) m2 += (x - static_cast<long double>(r.mean)) * (x - r.mean);
  r.sample_variance = static_cast<double>(m2 / (xs.size() - 1));
  return r;
}

struct Dataset {
  const char* name;
  std::vector<double> values;
  // Relative agreement with the exact reference. A spread of 1 around 1e9 is at the edge of
  // what doubles hold (the mean itself is known to ~1e-7); a naive sum of squares would return
  // noise there.
  double tolerance = 1e-9;
};

std::vector<Dataset> Datasets() {
  std::mt19937_64 rng(11);
  std::vector<Dataset> sets;
  std::uniform_int_distribution<int> small(-100, 100);
  std::normal_distribution<double> normal(0, 1);
  Dataset ints{"small integers", {}, 1e-9};
  for (int i = 0; i < 10000; ++i) ints.values.push_back(small(rng));
  sets.push_back(ints);
  // A large offset with a small spread: naive sum-of-squares loses every digit here.
  Dataset offset{"large offset", {}, 1e-6};
  for (int i = 0; i < 10000; ++i) offset.values.push_back(1e9 + normal(rng));
  sets.push_back(offset);
  Dataset money{"amounts in cents", {}, 1e-9};
  std::lognormal_distribution<double> lognormal(8, 2);
  for (int i = 0; i < 10000; ++i) money.values.push_back(std::round(lognormal(rng)));
  sets.push_back(money);
  sets.push_back({"two values", {3, 5}, 1e-9});
  return sets;
}

TEST(Welford, MatchesTwoPassReferenceValueByValue) {
  for (const Dataset& d : Datasets()) {
    Welford w;
    for (double x : d.values) w.Add(x);
    const Reference r = TwoPass(d.values);
    EXPECT_EQ(w.count(), d.values.size()) << d.name;
    EXPECT_TRUE(NearlyEqual(w.Mean(), r.mean, d.tolerance))
        << d.name << " " << w.Mean() << " " << r.mean;
    EXPECT_TRUE(NearlyEqual(w.SampleVariance(), r.sample_variance, d.tolerance))
        << d.name << " " << w.SampleVariance() << " " << r.sample_variance;
  }
}

TEST(Welford, MatchesTwoPassReferenceByBlock) {
  for (const Dataset& d : Datasets()) {
    Welford w;
    for (size_t i = 0; i < d.values.size(); i += 256) {
      w.AddBlock(d.values.data() + i, std::min<size_t>(256, d.values.size() - i));
    }
    const Reference r = TwoPass(d.values);
    EXPECT_TRUE(NearlyEqual(w.Mean(), r.mean, d.tolerance)) << d.name;
    EXPECT_TRUE(NearlyEqual(w.SampleVariance(), r.sample_variance, d.tolerance)) << d.name;
  }
}

TEST(Welford, MergeOfRandomPartsEqualsOnePass) {
  std::mt19937_64 rng(3);
  for (const Dataset& d : Datasets()) {
    Welford whole;
    for (double x : d.values) whole.Add(x);
    for (size_t count : {2u, 9u, 50u}) {
      std::vector<Welford> parts;
      for (auto [begin, end] : metrics_test::RandomParts(d.values.size(), count, rng)) {
        Welford& part = parts.emplace_back();
        for (size_t i = begin; i < end; ++i) part.Add(d.values[i]);
      }
      Welford merged = metrics_test::MergeInRandomOrder(parts, rng);
      EXPECT_EQ(merged.count(), whole.count());
      EXPECT_TRUE(NearlyEqual(merged.Mean(), whole.Mean(), d.tolerance)) << d.name << " " << count;
      EXPECT_TRUE(NearlyEqual(merged.SampleVariance(), whole.SampleVariance(), d.tolerance))
          << d.name << " " << count;
    }
  }
}

TEST(Welford, HasNoVarianceBeforeTwoValues) {
  Welford w;
  EXPECT_EQ(w.count(), 0u);
  EXPECT_EQ(w.SampleVariance(), 0.0);
  w.Add(42);
  EXPECT_EQ(w.Mean(), 42.0);
  EXPECT_EQ(w.SampleVariance(), 0.0);
  EXPECT_EQ(w.PopulationVariance(), 0.0);
  w.Merge(Welford());
  EXPECT_EQ(w.count(), 1u);
}

TEST(Welford, ReportsSampleAndPopulationVariance) {
  Welford w;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) w.Add(x);
  EXPECT_DOUBLE_EQ(w.Mean(), 5.0);
  EXPECT_DOUBLE_EQ(w.PopulationVariance(), 4.0);
  EXPECT_DOUBLE_EQ(w.SampleVariance(), 32.0 / 7.0);
}

}  // namespace
}  // namespace sluice

// FlatIntSet against std::unordered_set on the values that stress it: sequential ids (the
// bitmap), the free-slot marker INT64_MIN, INT64_MAX, negatives and random values (the hash
// table), and the switch from one to the other.
#include "transforms/flat_int_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <unordered_set>
#include <vector>

namespace sluice {
namespace {

TEST(FlatIntSet, AgreesWithAStandardSetThroughManyGrowths) {
  FlatIntSet flat;
  std::unordered_set<int64_t> expected;
  std::mt19937_64 random(42);
  std::vector<int64_t> values = {INT64_MIN, INT64_MAX, 0, -1, 1, INT64_MIN, 0};
  for (int64_t i = 0; i < 200000; ++i) values.push_back(i % 150000);  // sequential, repeated
  for (int i = 0; i < 100000; ++i) values.push_back(static_cast<int64_t>(random() % 50000) - 25000);
  for (int i = 0; i < 100000; ++i) values.push_back(static_cast<int64_t>(random()));
  for (int64_t v : values) {
    ASSERT_EQ(flat.Insert(v), expected.insert(v).second) << v;
  }
  EXPECT_EQ(flat.size(), expected.size());
}

TEST(FlatIntSet, TheFreeSlotMarkerIsAnOrdinaryValue) {
  FlatIntSet set;
  EXPECT_TRUE(set.Insert(INT64_MIN));
  EXPECT_FALSE(set.Insert(INT64_MIN));
  EXPECT_TRUE(set.Insert(INT64_MIN + 1));
  EXPECT_EQ(set.size(), 2u);
}

// Inserts every value into both sets and compares each answer and the final size.
void ExpectAgreement(FlatIntSet& flat, const std::vector<int64_t>& values) {
  std::unordered_set<int64_t> expected;
  for (int64_t v : values) {
    ASSERT_EQ(flat.Insert(v), expected.insert(v).second) << v;
  }
  EXPECT_EQ(flat.size(), expected.size());
}

TEST(FlatIntSet, SequentialIdsStayABitmapOfAboutABitEach) {
  FlatIntSet set;
  std::vector<int64_t> values;
  for (int64_t i = 1; i <= 1000000; ++i) values.push_back(i);
  for (int64_t i = 1; i <= 1000; ++i) values.push_back(i * 997);  // repeats
  ExpectAgreement(set, values);
  EXPECT_TRUE(set.dense());
  EXPECT_LT(set.bytes(), 512u * 1024);  // 1,000,000 bits are 125 KB; the table would be 16 MB
}

TEST(FlatIntSet, DescendingAndShuffledIdsStayABitmap) {
  FlatIntSet descending;
  std::vector<int64_t> values;
  for (int64_t i = 500000; i > -500000; --i) values.push_back(i);
  ExpectAgreement(descending, values);
  EXPECT_TRUE(descending.dense());

  FlatIntSet shuffled;
  std::shuffle(values.begin(), values.end(), std::mt19937_64(7));
  values.push_back(values.front());
  ExpectAgreement(shuffled, values);
  EXPECT_TRUE(shuffled.dense());
  EXPECT_LT(shuffled.bytes(), 512u * 1024);
}

TEST(FlatIntSet, SparseValuesTurnItIntoAHashTableWithoutLosingAny) {
  FlatIntSet set;
  std::vector<int64_t> values;
  for (int64_t i = 0; i < 20000; ++i) values.push_back(i);  // dense at first
  std::mt19937_64 random(11);
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<int64_t>(random() % 1000000000000));
  for (int64_t i = 0; i < 20000; ++i) values.push_back(i);  // all repeats now
  ExpectAgreement(set, values);
  EXPECT_FALSE(set.dense());
}

TEST(FlatIntSet, ShuffledIdsOverAWideRangeTurnBackIntoABitmapOnceThereAreEnough) {
  // The first few of 16 million possible ids need a 2 MB bitmap: a hash table until the
  // values are many enough, a bitmap after; an outlier at the end makes it a table again.
  FlatIntSet set;
  std::mt19937_64 random(5);
  std::vector<int64_t> values;
  for (int i = 0; i < 300000; ++i)
    values.push_back(static_cast<int64_t>(random() % 16000000) - 8000000);
  ExpectAgreement(set, values);
  EXPECT_TRUE(set.dense());
  EXPECT_LT(set.bytes(), 4u << 20);
  values.push_back(INT64_MIN);
  values.push_back(values[10]);
  FlatIntSet with_outlier;
  ExpectAgreement(with_outlier, values);
  EXPECT_FALSE(with_outlier.dense());
}

TEST(FlatIntSet, TheEdgesOfTheRangeWorkInTheBitmap) {
  FlatIntSet low;
  ExpectAgreement(
      low, {INT64_MIN, INT64_MIN + 1, INT64_MIN + 63, INT64_MIN + 64, INT64_MIN, INT64_MIN + 1000});
  EXPECT_TRUE(low.dense());
  FlatIntSet high;
  ExpectAgreement(high, {INT64_MAX, INT64_MAX - 1, INT64_MAX - 64, INT64_MAX, INT64_MAX - 5000,
                         INT64_MAX - 63});
  EXPECT_TRUE(high.dense());
  FlatIntSet both;
  ExpectAgreement(both, {INT64_MAX, INT64_MIN, 0, INT64_MAX, INT64_MIN, -1, 1, 0});
  EXPECT_FALSE(both.dense());
}

TEST(FlatIntSet, RandomMixesAgreeWithAStandardSet) {
  // Clusters at random places with random widths: some stay a bitmap, some switch midway.
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 random(seed);
    std::vector<int64_t> values;
    for (int cluster = 0; cluster < 8; ++cluster) {
      const int64_t centre = static_cast<int64_t>(random()) >> (random() % 64);
      const uint64_t width = uint64_t{1} << (random() % 24);
      for (int i = 0; i < 3000; ++i) {
        values.push_back(static_cast<int64_t>(static_cast<uint64_t>(centre) + random() % width));
      }
    }
    FlatIntSet set;
    ExpectAgreement(set, values);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace sluice

// FlatIntSet against std::unordered_set on the values that stress it: sequential ids, the
// free-slot marker INT64_MIN, INT64_MAX, negatives and random values through several growths.
#include "transforms/flat_int_set.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <unordered_set>

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

}  // namespace
}  // namespace sluice

// Top values: exact under capacity (one pass and merged), the Misra-Gries guarantee beyond it.
#include "pipeline/metrics/top_values.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "pipeline/metrics/value_hash.h"
#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

// Zipf-like skew over `distinct` values: value i with weight 1 / (i + 1)^1.1.
std::vector<std::string> SkewedValues(size_t n, size_t distinct, uint64_t seed) {
  std::vector<double> weights;
  for (size_t i = 0; i < distinct; ++i) weights.push_back(1.0 / std::pow(i + 1.0, 1.1));
  std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
  std::mt19937_64 rng(seed);
  std::vector<std::string> values;
  for (size_t i = 0; i < n; ++i) values.push_back("v" + std::to_string(pick(rng)));
  return values;
}

std::map<std::string, uint64_t> TrueCounts(const std::vector<std::string>& values) {
  std::map<std::string, uint64_t> counts;
  for (const std::string& v : values) ++counts[v];
  return counts;
}

// The true top k: largest count first, ties in byte order.
std::vector<std::pair<std::string, uint64_t>> TrueTop(const std::vector<std::string>& values,
                                                      size_t k) {
  std::map<std::string, uint64_t> counts = TrueCounts(values);
  std::vector<std::pair<std::string, uint64_t>> top(counts.begin(), counts.end());
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  top.resize(std::min(k, top.size()));
  return top;
}

std::vector<std::pair<std::string, uint64_t>> Reported(const TopValues& top, size_t k) {
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const TopValues::Entry& e : top.Top(k)) out.emplace_back(e.key, e.count);
  return out;
}

void AddAll(TopValues& top, const std::vector<std::string>& values, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) top.Add(values[i], HashBytes(values[i]));
}

TEST(TopValues, ReportsTheTrueTopFiveInOrderUnderCapacity) {
  const std::vector<std::string> values = SkewedValues(100000, 800, 1);
  TopValues top;
  AddAll(top, values, 0, values.size());
  EXPECT_TRUE(top.exact());
  EXPECT_EQ(top.size(), TrueCounts(values).size());
  EXPECT_EQ(Reported(top, 5), TrueTop(values, 5));
}

TEST(TopValues, MergeOfRandomPartsIsExactUnderCapacity) {
  const std::vector<std::string> values = SkewedValues(100000, 1000, 2);
  std::mt19937_64 rng(5);
  for (size_t count : {2u, 13u, 60u}) {
    std::vector<TopValues> parts;
    for (auto [begin, end] : metrics_test::RandomParts(values.size(), count, rng)) {
      AddAll(parts.emplace_back(), values, begin, end);
    }
    TopValues merged = metrics_test::MergeInRandomOrder(parts, rng);
    EXPECT_TRUE(merged.exact());
    EXPECT_EQ(Reported(merged, 1000), TrueTop(values, 1000)) << count << " parts";
  }
}

// Misra-Gries' promise, checked for every value seen.
void ExpectWithinGuarantee(const TopValues& top, const std::vector<std::string>& values) {
  const std::map<std::string, uint64_t> truth = TrueCounts(values);
  std::map<std::string, uint64_t> reported;
  uint64_t held = 0;
  for (const TopValues::Entry& e : top.Top(top.size())) {
    reported[e.key] = e.count;
    held += e.count;
  }
  EXPECT_LE(top.size(), top.capacity());
  EXPECT_LE(top.max_error(), (values.size() - held) / (top.capacity() + 1));
  for (const auto& [value, count] : truth) {
    const uint64_t estimate = reported.count(value) ? reported.at(value) : 0;
    EXPECT_LE(estimate, count) << value;
    EXPECT_LE(count, estimate + top.max_error()) << value;
  }
}

TEST(TopValues, KeepsTheMisraGriesGuaranteeBeyondCapacity) {
  const std::vector<std::string> values = SkewedValues(200000, 20000, 3);
  TopValues top(64);
  AddAll(top, values, 0, values.size());
  EXPECT_FALSE(top.exact());
  ExpectWithinGuarantee(top, values);
  // The head of a skewed column is far above the error: reported in the true order.
  std::vector<std::string> names;
  for (const auto& [value, count] : Reported(top, 5)) names.push_back(value);
  std::vector<std::string> true_names;
  for (const auto& [value, count] : TrueTop(values, 5)) true_names.push_back(value);
  EXPECT_EQ(names, true_names);
}

TEST(TopValues, KeepsTheMisraGriesGuaranteeWhenMergedBeyondCapacity) {
  const std::vector<std::string> values = SkewedValues(200000, 20000, 4);
  std::mt19937_64 rng(9);
  for (size_t count : {2u, 25u, 100u}) {
    std::vector<TopValues> parts;
    for (auto [begin, end] : metrics_test::RandomParts(values.size(), count, rng)) {
      AddAll(parts.emplace_back(64), values, begin, end);
    }
    ExpectWithinGuarantee(metrics_test::MergeInRandomOrder(parts, rng), values);
  }
}

TEST(TopValues, ForgetsAllOfAnAllDistinctStreamBeyondCapacity) {
  TopValues top(8);
  std::vector<std::string> values;
  for (int i = 0; i < 9; ++i) values.push_back("unique-" + std::to_string(i));
  AddAll(top, values, 0, values.size());
  EXPECT_EQ(top.size(), 0u);
  EXPECT_EQ(top.max_error(), 1u);
}

TEST(TopValues, RanksTiesInByteOrder) {
  TopValues top;
  for (const char* v : {"b", "a", "c", "a", "b", "c", "Z"}) top.Add(v, HashBytes(v));
  const std::vector<std::pair<std::string, uint64_t>> expected = {
      {"a", 2}, {"b", 2}, {"c", 2}, {"Z", 1}};
  EXPECT_EQ(Reported(top, 10), expected);
}

TEST(TopValues, CountsLongValuesApartButStoresOnlyTheirStart) {
  const std::string prefix(TopValues::kMaxKeyBytes, 'p');
  const std::string a = prefix + "-first value";
  const std::string b = prefix + "-other value";
  TopValues top;
  top.Add(a, HashBytes(a));
  top.Add(b, HashBytes(b));
  top.Add(b, HashBytes(b));
  const std::vector<TopValues::Entry> entries = top.Top(5);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].count, 2u);
  EXPECT_EQ(entries[1].count, 1u);
  EXPECT_EQ(entries[0].key, prefix);
  EXPECT_TRUE(entries[0].truncated);
}

TEST(TopValues, CutsLongValuesOnACodePointBoundary) {
  // 'é' is two bytes; an odd prefix puts a code point across the cut.
  std::string value(TopValues::kMaxKeyBytes - 1, 'x');
  for (int i = 0; i < 10; ++i) value += "\xC3\xA9";
  TopValues top;
  top.Add(value, HashBytes(value));
  EXPECT_EQ(top.Top(1)[0].key, std::string(TopValues::kMaxKeyBytes - 1, 'x'));
}

TEST(TopValues, ClearStartsOverExact) {
  TopValues top(2);
  for (const char* v : {"a", "b", "c"}) top.Add(v, HashBytes(v));
  EXPECT_FALSE(top.exact());
  top.Clear();
  EXPECT_TRUE(top.exact());
  top.Add("a", HashBytes("a"));
  EXPECT_EQ(Reported(top, 5), (std::vector<std::pair<std::string, uint64_t>>{{"a", 1}}));
}

}  // namespace
}  // namespace sluice

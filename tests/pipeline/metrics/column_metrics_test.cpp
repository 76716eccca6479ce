// Column metrics: what each type measures, which rows count, and merge = one pass for every
// type.
#include "pipeline/metrics/column_metrics.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "pipeline/errors.h"
#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

using metrics_test::MakeColumn;
using metrics_test::NearlyEqual;
using Values = std::vector<std::optional<std::string>>;

ColumnMetrics ObserveAll(const Column& column) {
  ColumnMetrics m(column.type);
  m.ObserveColumn(column, std::vector<RowState>(column.size(), RowState::kKeep));
  return m;
}

struct RangeCase {
  const char* type;
  Values values;
  std::optional<std::string> min;
  std::optional<std::string> max;
};

TEST(ColumnMetrics, FindsMinAndMaxByTheValuesOfEachType) {
  const RangeCase cases[] = {
      {"integer", {"5", "-12", std::nullopt, "7"}, "-12", "7"},
      {"integer",
       {"-9223372036854775808", "9223372036854775807"},
       "-9223372036854775808",
       "9223372036854775807"},
      {"decimal(18,2)", {"-0.05", "-12.50", "3", "-1"}, "-12.50", "3.00"},
      {"decimal(10,0)", {"-3", "-30"}, "-30", "-3"},
      {"double", {"2.5", "-1e10", "0.1"}, "-1e+10", "2.5"},
      {"date", {"2020-01-31", "1969-07-20", "2021-12-01"}, "1969-07-20", "2021-12-01"},
      {"timestamp",
       {"2020-01-02 03:04:05", "2020-01-02 03:04:05.5", "1999-12-31 23:59:59"},
       "1999-12-31 23:59:59",
       "2020-01-02 03:04:05.500000"},
      {"boolean", {"true", "false", "yes"}, "0", "1"},
      // Bytes, not locale: upper case sorts before lower case, and UTF-8 after ASCII.
      {"text", {"alpha", "Zeta", "\xC3\xA9t\xC3\xA9", ""}, "", "\xC3\xA9t\xC3\xA9"},
      {"text", {"b", "a"}, "a", "b"},
      {"text", {std::nullopt, std::nullopt}, std::nullopt, std::nullopt},
      {"integer", {}, std::nullopt, std::nullopt},
      {"double", {std::nullopt}, std::nullopt, std::nullopt},
  };
  for (const RangeCase& c : cases) {
    const ColumnMetrics m = ObserveAll(MakeColumn(c.type, c.values));
    EXPECT_EQ(m.Min(), c.min) << c.type << " min";
    EXPECT_EQ(m.Max(), c.max) << c.type << " max";
  }
}

TEST(ColumnMetrics, CountsRowsNullsAndEmpties) {
  const Values values = {"a", "", " ", "\t\r\n", std::nullopt, " a ", std::nullopt, "b"};
  const ColumnMetrics m = ObserveAll(MakeColumn("text", values));
  EXPECT_EQ(m.rows(), 8u);
  EXPECT_EQ(m.nulls(), 2u);
  EXPECT_EQ(m.values(), 6u);
  EXPECT_EQ(m.empties(), 3u);
}

TEST(ColumnMetrics, ObservesOnlyKeptRows) {
  const Values values = {"1", "2", "3", std::nullopt, "5"};
  const Column column = MakeColumn("integer", values);
  ColumnMetrics m(column.type);
  m.ObserveColumn(column, {RowState::kKeep, RowState::kRejected, RowState::kKeep,
                           RowState::kFiltered, RowState::kKeep});
  EXPECT_EQ(m.rows(), 3u);
  EXPECT_EQ(m.nulls(), 0u);
  EXPECT_EQ(m.Max(), "5");
  EXPECT_EQ(m.Distinct(), 3u);
}

TEST(ColumnMetrics, MeasuresLengthsInCodePoints) {
  struct Case {
    std::string value;
    uint64_t length;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"h\xC3\xA9llo", 5},                          // é: 2 bytes
      {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3},  // 日本語: 3 bytes each
      {"\xF0\x9F\x98\x80", 1},                      // 😀: 4 bytes
      {"Stra\xC3\x9F"
       "e in M\xC3\xBC"
       "nchen, Bayern",
       25},  // past the 8-byte steps
  };
  for (const Case& c : cases) {
    const ColumnMetrics m = ObserveAll(MakeColumn("text", {c.value}));
    EXPECT_EQ(m.MinLength(), c.length) << c.value;
    EXPECT_EQ(m.MaxLength(), c.length) << c.value;
  }
  const ColumnMetrics all = ObserveAll(MakeColumn("text", {"ab", "\xF0\x9F\x98\x80", "abcd"}));
  EXPECT_EQ(all.MinLength(), 1u);
  EXPECT_EQ(all.MaxLength(), 4u);
  EXPECT_EQ(ObserveAll(MakeColumn("integer", {"12345"})).MaxLength(), std::nullopt);
}

TEST(ColumnMetrics, ComputesMeanAndDeviationOfNumericTypesOnly) {
  struct Case {
    const char* type;
    Values values;
    std::optional<double> mean;
    std::optional<double> stddev;
  };
  const Case cases[] = {
      {"integer", {"1", "2", "3", "4", std::nullopt}, 2.5, 1.2909944487358056},
      {"decimal(18,2)", {"1.50", "2.50"}, 2.0, 0.70710678118654757},
      {"decimal(18,2)", {"-1000.25", "-999.75"}, -1000.0, 0.35355339059327379},
      {"double", {"0.5", "1.5", "2.5"}, 1.5, 1.0},
      {"integer", {"7"}, 7.0, std::nullopt},
      {"integer", {std::nullopt}, std::nullopt, std::nullopt},
      {"date", {"2020-01-01", "2020-01-03"}, std::nullopt, std::nullopt},
      {"boolean", {"true", "false"}, std::nullopt, std::nullopt},
      {"text", {"1", "2"}, std::nullopt, std::nullopt},
  };
  for (const Case& c : cases) {
    const ColumnMetrics m = ObserveAll(MakeColumn(c.type, c.values));
    ASSERT_EQ(m.Mean().has_value(), c.mean.has_value()) << c.type;
    ASSERT_EQ(m.StdDev().has_value(), c.stddev.has_value()) << c.type;
    if (c.mean) {
      EXPECT_TRUE(NearlyEqual(*m.Mean(), *c.mean)) << c.type << " " << *m.Mean();
    }
    if (c.stddev) {
      EXPECT_TRUE(NearlyEqual(*m.StdDev(), *c.stddev)) << c.type << " " << *m.StdDev();
    }
  }
}

TEST(ColumnMetrics, ReportsTopValuesInCanonicalText) {
  struct Case {
    const char* type;
    Values values;
    std::vector<std::pair<std::string, uint64_t>> top;
  };
  const Case cases[] = {
      {"text", {"b", "a", "b", std::nullopt, "c", "b", "a"}, {{"b", 3}, {"a", 2}, {"c", 1}}},
      {"integer", {"10", "-2", "10", "3", "-2", "-100"}, {{"-2", 2}, {"10", 2}, {"-100", 1}}},
      {"decimal(18,2)", {"-1.5", "2", "-1.50"}, {{"-1.50", 2}, {"2.00", 1}}},
      {"date", {"2020-01-31", "1969-12-31", "2020-01-31"}, {{"2020-01-31", 2}, {"1969-12-31", 1}}},
      {"boolean", {"yes", "no", "true"}, {{"1", 2}, {"0", 1}}},
      {"double", {"1.5", "1.5"}, {}},
  };
  for (const Case& c : cases) {
    const ColumnMetrics m = ObserveAll(MakeColumn(c.type, c.values));
    std::vector<std::pair<std::string, uint64_t>> top;
    for (const ValueCount& v : m.Top(3)) top.emplace_back(v.value, v.count);
    EXPECT_EQ(top, c.top) << c.type;
  }
}

TEST(ColumnMetrics, MarksTruncatedTopValues) {
  const std::string long_value(300, 'x');
  const ColumnMetrics m = ObserveAll(MakeColumn("text", {long_value}));
  EXPECT_EQ(m.Top(1)[0].value, std::string(TopValues::kMaxKeyBytes, 'x') + "\xE2\x80\xA6");
}

TEST(ColumnMetrics, CountsDistinctExactlyUnderTopCapacityAndEstimatesBeyond) {
  std::vector<std::optional<std::string>> values;
  for (int i = 0; i < 3000; ++i) values.push_back(std::to_string(i % 700));
  const ColumnMetrics few = ObserveAll(MakeColumn("integer", values));
  EXPECT_TRUE(few.DistinctIsExact());
  EXPECT_EQ(few.Distinct(), 700u);

  values.clear();
  for (int i = 0; i < 30000; ++i) values.push_back("id-" + std::to_string(i % 20000));
  const ColumnMetrics many = ObserveAll(MakeColumn("text", values));
  EXPECT_FALSE(many.DistinctIsExact());
  EXPECT_NEAR(static_cast<double>(many.Distinct()), 20000.0, 400.0);

  const ColumnMetrics doubles = ObserveAll(MakeColumn("double", {"1.5", "2.5", "1.5", "-0"}));
  EXPECT_FALSE(doubles.DistinctIsExact());
  EXPECT_EQ(doubles.Distinct(), 3u);
}

TEST(ColumnMetrics, ObservingRowByRowEqualsObservingTheColumn) {
  const Values values = {"x", std::nullopt, "yy", "", "x", "zzz"};
  const Column column = MakeColumn("text", values);
  ColumnMetrics by_row(column.type);
  for (size_t r = 0; r < column.size(); ++r) by_row.Observe(column, r);
  const ColumnMetrics whole = ObserveAll(column);
  EXPECT_EQ(by_row.rows(), whole.rows());
  EXPECT_EQ(by_row.nulls(), whole.nulls());
  EXPECT_EQ(by_row.empties(), whole.empties());
  EXPECT_EQ(by_row.Min(), whole.Min());
  EXPECT_EQ(by_row.Max(), whole.Max());
  EXPECT_EQ(by_row.MaxLength(), whole.MaxLength());
  EXPECT_EQ(by_row.Distinct(), whole.Distinct());
}

TEST(ColumnMetrics, RefusesToMergeADifferentType) {
  ColumnMetrics text(*ParseDataType("text"));
  const ColumnMetrics integer(*ParseDataType("integer"));
  EXPECT_THROW(text.Merge(integer), RunError);
  EXPECT_THROW(text.ObserveColumn(MakeColumn("integer", {"1"}), {RowState::kKeep}), RunError);
  EXPECT_THROW(text.ObserveColumn(MakeColumn("text", {"1"}), {}), RunError);
}

TEST(ColumnMetrics, ClearStartsOver) {
  ColumnMetrics m = ObserveAll(MakeColumn("text", {"a", "bb", std::nullopt}));
  m.Clear();
  EXPECT_EQ(m.rows(), 0u);
  EXPECT_EQ(m.Min(), std::nullopt);
  EXPECT_EQ(m.Distinct(), 0u);
  EXPECT_TRUE(m.Top(5).empty());
  m.ObserveColumn(MakeColumn("text", {"c"}), {RowState::kKeep});
  EXPECT_EQ(m.Min(), "c");
  EXPECT_EQ(m.MinLength(), 1u);
  EXPECT_EQ(m.Distinct(), 1u);
}

// ---- merge of random parts equals one pass, for every type ----

struct MergeCase {
  const char* type;
  size_t distinct;  // beyond the top capacity, top values are approximate
};

// Canonical text of a random value of `type` among about `distinct` values; some NULLs.
std::optional<std::string> RandomValue(const std::string& type, size_t distinct,
                                       std::mt19937_64& rng) {
  if (rng() % 10 == 0) return std::nullopt;
  // Skewed: small indexes are far more frequent.
  const uint64_t i = (rng() % distinct) * (rng() % distinct) / distinct;
  const int64_t signed_i = static_cast<int64_t>(i) - static_cast<int64_t>(distinct / 3);
  if (type == "text") {
    static const char* const kShapes[] = {"", "  ", "caf\xC3\xA9-", "Name ", "\xE6\x97\xA5-"};
    return std::string(kShapes[i % 5]) + std::to_string(i);
  }
  if (type == "integer") return std::to_string(signed_i * 37);
  if (type == "decimal(18,2)") return std::to_string(signed_i * 13) + "." + std::to_string(i % 10);
  if (type == "double") return std::to_string(signed_i) + ".25";
  if (type == "boolean") return i % 3 == 0 ? "false" : "true";
  std::string date;
  FormatInt(signed_i, *ParseDataType("date"), date);
  if (type == "date") return date;
  return date + " 12:" + std::to_string(10 + i % 50) + ":00";
}

void ExpectSameMetrics(const ColumnMetrics& merged, const ColumnMetrics& whole,
                       const std::string& what) {
  EXPECT_EQ(merged.rows(), whole.rows()) << what;
  EXPECT_EQ(merged.nulls(), whole.nulls()) << what;
  EXPECT_EQ(merged.empties(), whole.empties()) << what;
  EXPECT_EQ(merged.Distinct(), whole.Distinct()) << what;
  EXPECT_EQ(merged.DistinctIsExact(), whole.DistinctIsExact()) << what;
  EXPECT_EQ(merged.Min(), whole.Min()) << what;
  EXPECT_EQ(merged.Max(), whole.Max()) << what;
  EXPECT_EQ(merged.MinLength(), whole.MinLength()) << what;
  EXPECT_EQ(merged.MaxLength(), whole.MaxLength()) << what;
  ASSERT_EQ(merged.Mean().has_value(), whole.Mean().has_value()) << what;
  if (whole.Mean()) {
    EXPECT_TRUE(NearlyEqual(*merged.Mean(), *whole.Mean())) << what;
  }
  ASSERT_EQ(merged.StdDev().has_value(), whole.StdDev().has_value()) << what;
  if (whole.StdDev()) {
    EXPECT_TRUE(NearlyEqual(*merged.StdDev(), *whole.StdDev())) << what;
  }
}

void ExpectSameTop(const ColumnMetrics& merged, const ColumnMetrics& whole,
                   const std::string& what) {
  std::vector<std::pair<std::string, uint64_t>> a;
  std::vector<std::pair<std::string, uint64_t>> b;
  for (const ValueCount& v : merged.Top(2000)) a.emplace_back(v.value, v.count);
  for (const ValueCount& v : whole.Top(2000)) b.emplace_back(v.value, v.count);
  EXPECT_EQ(a, b) << what;
  EXPECT_EQ(merged.TopMaxError(), 0u) << what;
}

TEST(ColumnMetrics, MergeOfRandomPartsEqualsOnePassForEveryType) {
  const MergeCase cases[] = {
      {"text", 500},          {"text", 50000},      {"integer", 800}, {"integer", 100000},
      {"decimal(18,2)", 900}, {"double", 5000},     {"boolean", 2},   {"date", 1000},
      {"timestamp", 600},     {"timestamp", 90000},
  };
  std::mt19937_64 rng(2024);
  for (const MergeCase& c : cases) {
    std::vector<std::optional<std::string>> values;
    for (int i = 0; i < 40000; ++i) values.push_back(RandomValue(c.type, c.distinct, rng));
    const Column column = MakeColumn(c.type, values);
    // Some rows were filtered or rejected earlier: they must not count anywhere.
    std::vector<RowState> states(column.size(), RowState::kKeep);
    for (RowState& s : states) {
      if (rng() % 20 == 0) s = rng() % 2 ? RowState::kFiltered : RowState::kRejected;
    }
    ColumnMetrics whole(column.type);
    whole.ObserveColumn(column, states);
    for (size_t count : {2u, 11u, 64u}) {
      const std::string what = std::string(c.type) + ", " + std::to_string(c.distinct) +
                               " distinct, " + std::to_string(count) + " parts";
      std::vector<ColumnMetrics> parts;
      for (auto [begin, end] : metrics_test::RandomParts(column.size(), count, rng)) {
        ColumnMetrics& part = parts.emplace_back(column.type);
        part.ObserveColumn(metrics_test::Slice(column, begin, end),
                           std::vector<RowState>(states.begin() + begin, states.begin() + end));
      }
      const ColumnMetrics merged = metrics_test::MergeInRandomOrder(parts, rng);
      ExpectSameMetrics(merged, whole, what);
      if (whole.TopMaxError() == 0) ExpectSameTop(merged, whole, what);
    }
  }
}

}  // namespace
}  // namespace sluice

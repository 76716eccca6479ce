// Helpers for the metric-state tests: columns built from canonical text, and a dataset split
// into random parts whose states are merged in a random order (random merge tree).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/types.h"
#include "pipeline/value_cast.h"

// A namespace of their own: every test shares one binary.
namespace sluice::metrics_test {

// A column of `type_name` from canonical text; nullopt is NULL. Text values are views into
// `values`, which must outlive the column.
inline Column MakeColumn(const std::string& type_name,
                         const std::vector<std::optional<std::string>>& values) {
  Column column;
  column.type = *ParseDataType(type_name);
  for (const std::optional<std::string>& v : values) {
    if (!v) {
      column.AppendNull();
      continue;
    }
    std::string reason;
    if (column.type.id == TypeId::kText) {
      column.AppendText(*v);
    } else if (column.type.id == TypeId::kDouble) {
      double d = 0;
      EXPECT_TRUE(CastToReal(*v, d, reason)) << reason;
      column.AppendDouble(d);
    } else {
      int64_t i = 0;
      EXPECT_TRUE(CastToInt(*v, column.type, i, reason)) << reason;
      column.AppendInt(i);
    }
  }
  return column;
}

// Rows [begin, end) of `column` as a column of their own.
inline Column Slice(const Column& column, size_t begin, size_t end) {
  Column part;
  part.type = column.type;
  for (size_t r = begin; r < end; ++r) {
    part.is_null.push_back(column.is_null[r]);
    if (column.type.id == TypeId::kText) {
      part.text.push_back(column.text[r]);
    } else if (column.type.id == TypeId::kDouble) {
      part.doubles.push_back(column.doubles[r]);
    } else {
      part.ints.push_back(column.ints[r]);
    }
  }
  return part;
}

// `count` consecutive ranges covering [0, n) at random cut points; some may be empty.
inline std::vector<std::pair<size_t, size_t>> RandomParts(size_t n, size_t count,
                                                          std::mt19937_64& rng) {
  std::vector<size_t> cuts = {0, n};
  for (size_t i = 1; i < count; ++i) cuts.push_back(rng() % (n + 1));
  std::sort(cuts.begin(), cuts.end());
  std::vector<std::pair<size_t, size_t>> parts;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) parts.emplace_back(cuts[i], cuts[i + 1]);
  return parts;
}

// Merges states pairwise, picking both at random each time, until one is left.
template <typename State>
State MergeInRandomOrder(std::vector<State> states, std::mt19937_64& rng) {
  while (states.size() > 1) {
    const size_t into = rng() % states.size();
    size_t from = rng() % (states.size() - 1);
    if (from >= into) ++from;
    states[into].Merge(states[from]);
    states.erase(states.begin() + static_cast<std::ptrdiff_t>(from));
  }
  return std::move(states.front());
}

inline bool NearlyEqual(double a, double b, double relative = 1e-9) {
  return std::abs(a - b) <= relative * std::max({std::abs(a), std::abs(b), 1e-300});
}

}  // namespace sluice::metrics_test

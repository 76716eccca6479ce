// One SQLite aggregate that measures every column of a table in a single call per row
// (sluice_profile): SQLite runs a few interpreter steps per aggregate and row, so folding the
// counts, formats, statistics, top value and key-range orphans of all columns into one
// aggregate makes the fused scan several times cheaper. This file is the contract between the
// query side and the function: what is asked (the spec text) and how the answer is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/monitor_spec.h"

namespace sluice {

// What to measure on one column.
struct ColumnProfileRequest {
  std::string column;
  bool empty = false;                                    // count '' values
  std::vector<FormatKind> formats;                       // built-in formats (not kRegex)
  std::optional<double> stats_z;                         // numeric statistics, outliers beyond |z|
  bool top = false;                                      // the most frequent value
  std::optional<std::pair<int64_t, int64_t>> key_range;  // orphans: keys outside [lo, hi]
};

struct ColumnProfile {
  int64_t non_null = 0, empty = 0;
  std::vector<int64_t> invalid;  // per requested format
  int64_t numeric = 0;
  double min = 0, max = 0, mean = 0, stddev = 0;
  std::optional<int64_t> outliers;
  bool top_gave_up = false;
  std::optional<std::string> top_value;
  int64_t top_count = 0;
  int64_t orphans = 0;
  std::optional<std::string> orphan_example;
};

// The spec text of sluice_profile's first argument; the columns follow as arguments.
std::string ColumnProfileSpec(const std::vector<ColumnProfileRequest>& requests);
// Reads the aggregate's answer; nullopt when it is malformed.
std::optional<std::vector<ColumnProfile>> ParseColumnProfiles(
    const std::vector<ColumnProfileRequest>& requests, std::string_view text);

// The function side: the requests back from the spec text.
std::optional<std::vector<ColumnProfileRequest>> ParseColumnProfileSpec(std::string_view spec);
// Appends a string as "<length>:<bytes>".
void AppendCounted(std::string& out, std::string_view value);

}  // namespace sluice

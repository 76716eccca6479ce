// SQL functions sluice registers on its own SQLite connections, so that the checks count in
// SQL what SQLite has no built-in for: sluice_profile(spec, c1, c2, ...) measures every column
// of a table in one aggregate call per row (monitor/column_profile.h), and
// sluice_bad_regex(v, pattern) is 1 for a non-empty value the regular expression does not find.
#pragma once

#include <sqlite3.h>

#include <cstddef>

namespace sluice {

// The top value gives up beyond this many distinct values: the column is not categorical.
constexpr size_t kTopValueLimit = 100000;
// The numeric statistics keep the values to count outliers once mean and deviation are known;
// past this many (128 MiB) they stop keeping them and the outliers take a second scan.
constexpr size_t kOutlierValueLimit = size_t{16} << 20;

// Registers the functions; returns an SQLite result code.
int RegisterSqliteCheckFunctions(sqlite3* db);

}  // namespace sluice

// Splitting a table on its integer key into ranges of about equal width, so a big table can be
// read over several connections at once (source.parallel).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sluice {

struct KeyRanges {
  std::string key;  // the column split on: the job's key, else the one-column primary key
  // One SQL condition per range, on the quoted key with integer literals only. The first and
  // last are open-ended, so rows added beyond today's MIN and MAX are still read, once.
  std::vector<std::string> conditions;
};

// Reads MIN and MAX of the key (within `where`, the job's own filter) and splits them into
// `parts` ranges (fewer when the keys are fewer). Throws ConfigError when the table has no
// usable key or the key is not an integer column, OdbcError when the database refuses.
KeyRanges SplitKeyRanges(const std::string& connection, const std::string& table,
                         const std::string& key, const std::string& where, size_t parts);

}  // namespace sluice

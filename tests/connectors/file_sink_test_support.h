// Builds batches of typed values for the file writer tests, and lists a directory, so a test
// can see that no temporary file was left behind.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "pipeline/batch.h"

namespace sluice::testing {

// One cell: NULL, text, an int64 (integer, decimal, boolean, date, timestamp) or a double.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;
inline const Cell kNull{};

// A batch with one row per element of `rows`, all kKeep; each cell must match its column's type.
inline Batch MakeBatch(const Schema& schema, const std::vector<std::vector<Cell>>& rows) {
  Batch batch;
  batch.schema = schema;
  for (const Field& f : schema.fields) {
    Column column;
    column.type = f.type;
    batch.columns.push_back(std::move(column));
  }
  for (const auto& row : rows) {
    for (size_t c = 0; c < schema.size(); ++c) {
      Column& column = batch.columns[c];
      const Cell& cell = row.at(c);
      if (std::holds_alternative<std::monostate>(cell)) {
        column.AppendNull();
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        column.AppendText(batch.arena.Store(*s));
      } else if (const auto* i = std::get_if<int64_t>(&cell)) {
        column.AppendInt(*i);
      } else {
        column.AppendDouble(std::get<double>(cell));
      }
    }
    batch.states.push_back(RowState::kKeep);
    batch.origins.push_back({});
  }
  return batch;
}

// The names in `dir`, sorted, without "." and "..".
inline std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sluice::testing

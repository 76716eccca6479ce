// Column and Batch helpers.
#include "pipeline/batch.h"

#include <algorithm>

namespace sluice {

void Column::Clear() {
  text.clear();
  ints.clear();
  doubles.clear();
  is_null.clear();
}

void Column::Reserve(size_t rows) {
  is_null.reserve(rows);
  if (type.id == TypeId::kText) {
    text.reserve(rows);
  } else if (type.id == TypeId::kDouble) {
    doubles.reserve(rows);
  } else {
    ints.reserve(rows);
  }
}

void Column::AppendNull() {
  is_null.push_back(1);
  if (type.id == TypeId::kText) {
    text.emplace_back();
  } else if (type.id == TypeId::kDouble) {
    doubles.push_back(0);
  } else {
    ints.push_back(0);
  }
}

void Column::AppendText(std::string_view v) {
  is_null.push_back(0);
  text.push_back(v);
}

void Column::AppendInt(int64_t v) {
  is_null.push_back(0);
  ints.push_back(v);
}

void Column::AppendDouble(double v) {
  is_null.push_back(0);
  doubles.push_back(v);
}

void Column::Retype(DataType t) {
  type = t;
  text.clear();
  ints.clear();
  doubles.clear();
}

size_t Batch::CountState(RowState s) const {
  return static_cast<size_t>(std::count(states.begin(), states.end(), s));
}

void Batch::Reject(uint32_t row, std::string column, std::string rule, std::string reason) {
  states[row] = RowState::kRejected;
  rejections.push_back({row, std::move(column), std::move(rule), std::move(reason)});
}

void Batch::Clear() {
  sequence = 0;
  source_name.clear();
  for (Column& c : columns) c.Clear();
  origins.clear();
  raw_records.clear();
  states.clear();
  rejections.clear();
  end_position = {};
  arena.Reset();
}

}  // namespace sluice

// Names and types of a batch's columns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/types.h"

namespace sluice {

struct Field {
  std::string name;
  DataType type;
  bool nullable = true;
};

struct Schema {
  std::vector<Field> fields;

  size_t size() const { return fields.size(); }
  std::optional<size_t> IndexOf(std::string_view name) const;
};

}  // namespace sluice

// The levels a table gets when the monitor file only names it.
#include "monitor/monitor_defaults.h"

#include <stdexcept>

namespace sluice {
namespace {

Threshold Level(const char* text) {
  std::string error;
  std::optional<Threshold> t = ParseThreshold(text, error);
  if (!t) throw std::logic_error("bad built-in level " + std::string(text) + ": " + error);
  return *t;
}

}  // namespace

TableSpec DefaultTableSpec(const std::string& name) {
  TableSpec t;
  t.name = name;
  t.missing.levels = {Level("> 1%"), Level("> 10%")};
  t.duplicates.levels = {std::nullopt, Level("> 0")};
  t.format_levels = {Level("> 0"), Level("> 5%")};
  t.orphan_levels = {std::nullopt, Level("> 0")};
  t.outliers.levels = {Level("> 1%"), std::nullopt};
  t.dominance.levels = {Level("> 95%"), std::nullopt};
  t.volume = {Level("change < -20%"), Level("change < -50%")};
  t.schema_added = {Level("> 0"), std::nullopt};
  t.schema_removed = {std::nullopt, Level("> 0")};
  t.schema_retyped = {std::nullopt, Level("> 0")};
  return t;
}

}  // namespace sluice

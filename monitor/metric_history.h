// The earlier runs of a monitor as the checks need them: each metric's values over the last
// runs, and each table's columns at the latest run that saw it.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

struct MetricHistory {
  int runs = 0;  // earlier runs found (at most the monitor's history.runs)
  // (table, metric) -> values, oldest first; a metric missing from a run is left out.
  std::map<std::pair<std::string, std::string>, std::vector<double>> values;
  // table -> (column, type) in column order, from the latest run that measured the table.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> schemas;

  const std::vector<double>* Find(const std::string& table, const std::string& metric) const {
    auto it = values.find({table, metric});
    return it == values.end() ? nullptr : &it->second;
  }
};

}  // namespace sluice

// Options of a transform or rule as the job file gave them, already out of YAML: scalars and
// lists of scalars by key, each with the "file:line:col" it came from, so a transform can
// name the offending key without ever seeing YAML.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct OptionValue {
  std::vector<std::string> items;  // one item for a scalar
  bool is_list = false;
  std::map<std::string, std::string> mapping;  // for map-shaped options (e.g. `map:` lookups)
  bool is_map = false;
  std::string where;  // job file location
};

class Options {
 public:
  std::string where;  // location of the transform itself
  std::map<std::string, OptionValue> values;

  bool Has(const std::string& key) const { return values.count(key) != 0; }
  // Typed accessors: a wrong shape throws ConfigError naming the key and its location.
  std::string GetString(const std::string& key, const std::string& fallback) const;
  std::optional<std::string> GetOptionalString(const std::string& key) const;
  std::vector<std::string> GetList(const std::string& key) const;  // a scalar is a list of one
  long long GetInt(const std::string& key, long long fallback) const;
  bool GetBool(const std::string& key, bool fallback) const;
  const std::map<std::string, std::string>& GetMap(const std::string& key) const;
  // Throws ConfigError for a key not in `known` (typos must not be ignored).
  void RejectUnknown(const std::vector<std::string>& known, const std::string& owner) const;
  std::string WhereOf(const std::string& key) const;
};

}  // namespace sluice

// Typed access to transform options with errors that point into the job file.
#include "transforms/options.h"

#include <algorithm>
#include <charconv>

#include "pipeline/errors.h"

namespace sluice {

std::string Options::WhereOf(const std::string& key) const {
  auto it = values.find(key);
  return it == values.end() ? where : it->second.where;
}

std::optional<std::string> Options::GetOptionalString(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  if (it->second.is_list || it->second.is_map || it->second.items.size() != 1) {
    throw ConfigError(it->second.where, "option '" + key + "' must be a single value");
  }
  return it->second.items.front();
}

std::string Options::GetString(const std::string& key, const std::string& fallback) const {
  return GetOptionalString(key).value_or(fallback);
}

std::vector<std::string> Options::GetList(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return {};
  if (it->second.is_map) {
    throw ConfigError(it->second.where, "option '" + key + "' must be a value or a list");
  }
  return it->second.items;
}

long long Options::GetInt(const std::string& key, long long fallback) const {
  auto s = GetOptionalString(key);
  if (!s) return fallback;
  long long v = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || end != s->data() + s->size()) {
    throw ConfigError(WhereOf(key), "option '" + key + "' must be an integer, got '" + *s + "'");
  }
  return v;
}

bool Options::GetBool(const std::string& key, bool fallback) const {
  auto s = GetOptionalString(key);
  if (!s) return fallback;
  if (*s == "true" || *s == "yes" || *s == "on") return true;
  if (*s == "false" || *s == "no" || *s == "off") return false;
  throw ConfigError(WhereOf(key), "option '" + key + "' must be true or false, got '" + *s + "'");
}

const std::map<std::string, std::string>& Options::GetMap(const std::string& key) const {
  static const std::map<std::string, std::string> kEmpty;
  auto it = values.find(key);
  if (it == values.end()) return kEmpty;
  if (!it->second.is_map) {
    throw ConfigError(it->second.where, "option '" + key + "' must be a mapping");
  }
  return it->second.mapping;
}

void Options::RejectUnknown(const std::vector<std::string>& known, const std::string& owner) const {
  for (const auto& [key, value] : values) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw ConfigError(value.where, "unknown option '" + key + "' for " + owner +
                                         (list.empty() ? "" : " (known: " + list + ")"));
    }
  }
}

}  // namespace sluice

// Reading checked values out of YAML: every error names file:line:col, unknown keys are
// refused with the list of known ones, and ${VAR} is expanded per scalar so locations stay
// true. Shared by the job and monitor loaders.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "jobs/env_substitution.h"

namespace sluice {

class YamlReader {
 public:
  YamlReader(std::string file, const EnvLookup& lookup) : file_(std::move(file)), lookup_(lookup) {}

  const std::string& file() const { return file_; }
  // "file:line:col" of the node (the file alone when YAML knows no mark).
  std::string Where(const YAML::Node& node) const;
  void RequireMap(const YAML::Node& node, const std::string& what) const;
  YAML::Node Required(const YAML::Node& map, const std::string& key,
                      const std::string& owner) const;
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                 const std::string& owner) const;
  std::string Scalar(const YAML::Node& node, const std::string& what) const;
  // A mapping key as text: a scalar, or "null" for YAML's null. A list or mapping used as a key
  // (`? [a, b]`) is refused, naming `owner`.
  std::string Key(const YAML::Node& key, const std::string& owner) const;
  uint64_t Unsigned(const YAML::Node& node, const std::string& what) const;
  bool Bool(const YAML::Node& node, const std::string& what) const;
  // One ASCII character; "\t" and "tab" mean a tab.
  char SingleChar(const YAML::Node& node, const std::string& what) const;
  // A list of scalars (a single scalar is a list of one).
  std::vector<std::string> ScalarList(const YAML::Node& node, const std::string& what) const;

 private:
  std::string file_;
  const EnvLookup& lookup_;
};

}  // namespace sluice

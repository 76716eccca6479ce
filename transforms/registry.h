// Transforms by name: a job file's `transforms: [trim, { phone: {...} }]` finds its factory here.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "transforms/options.h"
#include "transforms/value_transform.h"

namespace sluice {

class TransformRegistry {
 public:
  // A factory validates its options (throwing ConfigError with the key's location) and builds.
  using Factory = std::function<ValueTransformPtr(const Options&)>;

  void Register(const std::string& name, Factory factory);
  // Throws ConfigError at options.where for an unknown name.
  ValueTransformPtr Create(const std::string& name, const Options& options) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, Factory> factories_;
};

// Every transform sluice ships: the one place that says what exists.
void RegisterBuiltinTransforms(TransformRegistry& registry);

// Reads the common `on_invalid: reject | null | keep | fail` option.
InvalidPolicy ParseInvalidPolicy(const Options& options, InvalidPolicy fallback);

}  // namespace sluice

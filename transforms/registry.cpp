// TransformRegistry lookups.
#include "transforms/registry.h"

#include "pipeline/errors.h"

namespace sluice {

void TransformRegistry::Register(const std::string& name, Factory factory) {
  factories_[name] = std::move(factory);
}

ValueTransformPtr TransformRegistry::Create(const std::string& name, const Options& options) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [n, f] : factories_) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError(options.where, "unknown transform '" + name + "' (known: " + known + ")");
  }
  return it->second(options);
}

std::vector<std::string> TransformRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [n, f] : factories_) names.push_back(n);
  return names;
}

InvalidPolicy ParseInvalidPolicy(const Options& options, InvalidPolicy fallback) {
  auto s = options.GetOptionalString("on_invalid");
  if (!s) return fallback;
  if (*s == "reject") return InvalidPolicy::kReject;
  if (*s == "null") return InvalidPolicy::kNull;
  if (*s == "keep") return InvalidPolicy::kKeep;
  if (*s == "fail") return InvalidPolicy::kFail;
  throw ConfigError(options.WhereOf("on_invalid"),
                    "on_invalid must be reject, null, keep or fail, got '" + *s + "'");
}

}  // namespace sluice

// RuleRegistry lookups.
#include "pipeline/errors.h"
#include "transforms/rule.h"

namespace sluice {

void RuleRegistry::Register(const std::string& name, Factory factory) {
  factories_[name] = std::move(factory);
}

std::unique_ptr<Rule> RuleRegistry::Create(const std::string& name,
                                           const std::vector<size_t>& columns, const Schema& schema,
                                           const Options& options) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [n, f] : factories_) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError(options.where, "unknown rule '" + name + "' (known: " + known + ")");
  }
  return it->second(columns, schema, options);
}

}  // namespace sluice

// A validation rule: a verdict on one row of a batch (after transforms and casts).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/batch.h"
#include "transforms/options.h"

namespace sluice {

class Rule {
 public:
  virtual ~Rule() = default;
  // Ordered rules (unique) keep state across rows: the pipeline calls them serially, in source
  // order, so "the first occurrence wins" is deterministic. Others must be thread-safe.
  virtual bool Ordered() const { return false; }
  // Checks a row still kept; returns false and sets `reason` when the row fails the rule.
  virtual bool Check(const Batch& batch, size_t row, std::string& reason) = 0;
};

class RuleRegistry {
 public:
  // columns: indexes into the target schema, in the order the job file names them.
  using Factory = std::function<std::unique_ptr<Rule>(const std::vector<size_t>& columns,
                                                      const Schema& schema, const Options&)>;
  void Register(const std::string& name, Factory factory);
  std::unique_ptr<Rule> Create(const std::string& name, const std::vector<size_t>& columns,
                               const Schema& schema, const Options& options) const;

 private:
  std::map<std::string, Factory> factories_;
};

// Every rule sluice ships, in one place.
void RegisterBuiltinRules(RuleRegistry& registry);

}  // namespace sluice

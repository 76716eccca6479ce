// unique: within one run, on one or several columns; the first occurrence in source order wins.
#include <unordered_set>

#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "transforms/flat_int_set.h"
#include "transforms/rule.h"

namespace sluice {
namespace {

class UniqueRule : public Rule {
 public:
  explicit UniqueRule(std::vector<size_t> columns) : columns_(std::move(columns)) {}
  bool Ordered() const override { return true; }

  bool Check(const Batch& b, size_t row, std::string& reason) override {
    // Exact keys, not hashes: a collision would reject a good row.
    if (columns_.size() == 1) {
      const Column& col = b.columns[columns_[0]];
      if (col.IsNull(row)) return true;
      // One int-backed column (the common id case): a set of integers, no string keys.
      if (col.type.id != TypeId::kText && col.type.id != TypeId::kDouble) {
        if (seen_ints_.Insert(col.ints[row])) return true;
        return Duplicate(b, row, reason);
      }
    }
    key_.clear();
    for (size_t c : columns_) {
      const Column& col = b.columns[c];
      if (col.IsNull(row)) return true;  // SQL semantics: NULLs are never duplicates
      if (col.type.id == TypeId::kText) {
        uint32_t n = static_cast<uint32_t>(col.text[row].size());
        key_.append(reinterpret_cast<const char*>(&n), sizeof n);
        key_.append(col.text[row]);
      } else if (col.type.id == TypeId::kDouble) {
        key_.append(reinterpret_cast<const char*>(&col.doubles[row]), sizeof(double));
      } else {
        key_.append(reinterpret_cast<const char*>(&col.ints[row]), sizeof(int64_t));
      }
    }
    if (seen_.insert(key_).second) return true;
    return Duplicate(b, row, reason);
  }

 private:
  bool Duplicate(const Batch& b, size_t row, std::string& reason) const {
    reason = "duplicate of an earlier row (";
    std::string scratch;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column& col = b.columns[columns_[i]];
      if (i) reason += ", ";
      reason += b.schema.fields[columns_[i]].name + "=";
      if (col.type.id == TypeId::kText) {
        reason += std::string(col.text[row].substr(0, 80));
      } else if (col.type.id == TypeId::kDouble) {
        reason += std::to_string(col.doubles[row]);
      } else {
        FormatInt(col.ints[row], col.type, scratch);
        reason += scratch;
      }
    }
    reason += ")";
    return false;
  }

  std::vector<size_t> columns_;
  std::unordered_set<std::string> seen_;
  FlatIntSet seen_ints_;
  std::string key_;
};

}  // namespace

void RegisterUniqueRule(RuleRegistry& registry) {
  registry.Register("unique", [](const std::vector<size_t>& cols, const Schema&, const Options& o) {
    o.RejectUnknown({}, "rule unique");
    if (cols.empty()) throw ConfigError(o.where, "rule unique needs at least one column");
    return std::unique_ptr<Rule>(new UniqueRule(cols));
  });
}

}  // namespace sluice

// Stateless single-column rules: not_null, not_empty, email, regex, in_set, length, range.
#include <regex>
#include <set>

#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "transforms/rule.h"

namespace sluice {
namespace {

std::string Shown(std::string_view v) {
  std::string s(v.substr(0, 80));
  if (v.size() > 80) s += "...";
  return "'" + s + "'";
}

// The value of a row as text (typed columns are formatted).
std::string_view TextOf(const Column& c, size_t row, std::string& scratch) {
  if (c.type.id == TypeId::kText) return c.text[row];
  if (c.type.id == TypeId::kDouble) {
    scratch = std::to_string(c.doubles[row]);
    return scratch;
  }
  FormatInt(c.ints[row], c.type, scratch);
  return scratch;
}

class SingleColumnRule : public Rule {
 public:
  explicit SingleColumnRule(size_t column) : column_(column) {}

 protected:
  size_t column_;
};

class NotNullRule : public SingleColumnRule {
 public:
  using SingleColumnRule::SingleColumnRule;
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    if (!b.columns[column_].IsNull(row)) return true;
    reason = "value is missing (NULL)";
    return false;
  }
};

class NotEmptyRule : public SingleColumnRule {
 public:
  using SingleColumnRule::SingleColumnRule;
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) {
      reason = "value is missing (NULL)";
      return false;
    }
    if (c.type.id != TypeId::kText) return true;
    for (char ch : c.text[row]) {
      if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') return true;
    }
    reason = "value is empty";
    return false;
  }
};

// A pragmatic address check: one '@', a local part, a dotted domain, no spaces or controls.
class EmailRule : public SingleColumnRule {
 public:
  using SingleColumnRule::SingleColumnRule;
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    std::string_view v = c.text[row];
    size_t at = v.find('@');
    if (at == std::string_view::npos) {
      reason = "not an email address (no '@'): " + Shown(v);
      return false;
    }
    if (v.find('@', at + 1) != std::string_view::npos) {
      reason = "not an email address (more than one '@'): " + Shown(v);
      return false;
    }
    for (unsigned char ch : v) {
      if (ch <= ' ' || ch == 0x7f) {
        reason = "not an email address (contains whitespace or a control character): " + Shown(v);
        return false;
      }
    }
    std::string_view domain = v.substr(at + 1);
    size_t dot = domain.find('.');
    if (at == 0) {
      reason = "not an email address (nothing before '@'): " + Shown(v);
      return false;
    }
    if (dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos) {
      reason = "not an email address (the domain needs a dot between names): " + Shown(v);
      return false;
    }
    return true;
  }
};

class RegexRule : public SingleColumnRule {
 public:
  RegexRule(size_t column, const Options& o) : SingleColumnRule(column) {
    auto pattern = o.GetOptionalString("pattern");
    if (!pattern) throw ConfigError(o.where, "rule regex needs 'pattern'");
    pattern_text_ = *pattern;
    try {
      pattern_ = std::regex(*pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      throw ConfigError(o.WhereOf("pattern"), "bad regular expression: " + std::string(e.what()));
    }
  }
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    std::string scratch;
    std::string_view v = TextOf(c, row, scratch);
    if (std::regex_match(v.begin(), v.end(), pattern_)) return true;
    reason = "does not match /" + pattern_text_ + "/: " + Shown(v);
    return false;
  }

 private:
  std::string pattern_text_;
  std::regex pattern_;
};

class InSetRule : public SingleColumnRule {
 public:
  InSetRule(size_t column, const Options& o) : SingleColumnRule(column) {
    auto values = o.GetList("values");
    if (values.empty()) throw ConfigError(o.where, "rule in_set needs 'values'");
    values_.insert(values.begin(), values.end());
  }
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    std::string scratch;
    std::string_view v = TextOf(c, row, scratch);
    if (values_.count(std::string(v))) return true;
    reason = "not one of the allowed values: " + Shown(v);
    return false;
  }

 private:
  std::set<std::string> values_;
};

// Length in characters (UTF-8 code points).
class LengthRule : public SingleColumnRule {
 public:
  LengthRule(size_t column, const Options& o)
      : SingleColumnRule(column), min_(o.GetInt("min", 0)), max_(o.GetInt("max", -1)) {
    o.RejectUnknown({"min", "max"}, "rule length");
  }
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    std::string scratch;
    std::string_view v = TextOf(c, row, scratch);
    long long n = 0;
    for (unsigned char ch : v) n += (ch & 0xC0) != 0x80;
    if (n < min_) {
      reason = "shorter than " + std::to_string(min_) + " characters: " + Shown(v);
      return false;
    }
    if (max_ >= 0 && n > max_) {
      reason = "longer than " + std::to_string(max_) + " characters (" + std::to_string(n) + ")";
      return false;
    }
    return true;
  }

 private:
  long long min_, max_;
};

// Numbers and dates: bounds are given in the column's own type ("0", "2000-01-01").
class RangeRule : public SingleColumnRule {
 public:
  RangeRule(size_t column, const Schema& schema, const Options& o)
      : SingleColumnRule(column), type_(schema.fields[column].type) {
    o.RejectUnknown({"min", "max"}, "rule range");
    if (type_.id == TypeId::kText) {
      throw ConfigError(o.where, "rule range needs a numeric or date column, '" +
                                     schema.fields[column].name + "' is text");
    }
    auto parse = [&](const char* key, std::optional<double>& d, std::optional<int64_t>& i) {
      auto s = o.GetOptionalString(key);
      if (!s) return;
      std::string why;
      if (type_.id == TypeId::kDouble) {
        double v;
        if (!CastToReal(*s, v, why)) throw ConfigError(o.WhereOf(key), why);
        d = v;
      } else {
        int64_t v;
        if (!CastToInt(*s, type_, v, why)) throw ConfigError(o.WhereOf(key), why);
        i = v;
      }
      texts_[key] = *s;
    };
    parse("min", min_d_, min_i_);
    parse("max", max_d_, max_i_);
  }
  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    bool low, high;
    if (type_.id == TypeId::kDouble) {
      low = min_d_ && c.doubles[row] < *min_d_;
      high = max_d_ && c.doubles[row] > *max_d_;
    } else {
      low = min_i_ && c.ints[row] < *min_i_;
      high = max_i_ && c.ints[row] > *max_i_;
    }
    if (!low && !high) return true;
    std::string scratch;
    std::string_view v = TextOf(c, row, scratch);
    reason = std::string(low ? "below the minimum " + texts_["min"]
                             : "above the maximum " + texts_["max"]) +
             ": " + Shown(v);
    return false;
  }

 private:
  DataType type_;
  std::optional<double> min_d_, max_d_;
  std::optional<int64_t> min_i_, max_i_;
  std::map<std::string, std::string> texts_;
};

template <typename R>
RuleRegistry::Factory Simple(const char* name) {
  return [name](const std::vector<size_t>& cols, const Schema&, const Options& o) {
    if (cols.size() != 1)
      throw ConfigError(o.where, std::string("rule ") + name + " takes one column");
    o.RejectUnknown({}, std::string("rule ") + name);
    return std::unique_ptr<Rule>(new R(cols[0]));
  };
}

template <typename R>
RuleRegistry::Factory WithOptions(const char* name) {
  return [name](const std::vector<size_t>& cols, const Schema&, const Options& o) {
    if (cols.size() != 1)
      throw ConfigError(o.where, std::string("rule ") + name + " takes one column");
    return std::unique_ptr<Rule>(new R(cols[0], o));
  };
}

}  // namespace

void RegisterUniqueRule(RuleRegistry& registry);     // transforms/unique_rule.cpp
void RegisterReferenceRule(RuleRegistry& registry);  // transforms/reference_rule.cpp

void RegisterBuiltinRules(RuleRegistry& registry) {
  registry.Register("not_null", Simple<NotNullRule>("not_null"));
  registry.Register("not_empty", Simple<NotEmptyRule>("not_empty"));
  registry.Register("email", Simple<EmailRule>("email"));
  registry.Register("regex", WithOptions<RegexRule>("regex"));
  registry.Register("in_set", WithOptions<InSetRule>("in_set"));
  registry.Register("length", WithOptions<LengthRule>("length"));
  registry.Register("range",
                    [](const std::vector<size_t>& cols, const Schema& s, const Options& o) {
                      if (cols.size() != 1)
                        throw ConfigError(o.where, "rule range takes one column");
                      return std::unique_ptr<Rule>(new RangeRule(cols[0], s, o));
                    });
  RegisterUniqueRule(registry);
  RegisterReferenceRule(registry);
}

}  // namespace sluice

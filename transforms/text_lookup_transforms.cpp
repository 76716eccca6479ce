// The transforms that look a value up or match it: default, null_if, map and regex_replace.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "pipeline/errors.h"
#include "transforms/text_case.h"
#include "transforms/text_regex.h"
#include "transforms/text_transforms.h"
#include "transforms/text_utf8.h"

namespace sluice {

namespace {

// Replaces NULL, and with on_empty (the default, because legacy CSVs write missing values as
// empty fields) an empty or whitespace-only value too. `{ default: Unknown }` sets `value`.
class DefaultTransform final : public ValueTransform {
 public:
  DefaultTransform(std::string value, bool on_empty)
      : value_(std::move(value)), on_empty_(on_empty) {}

  std::string_view Name() const override { return "default"; }
  bool AcceptsNull() const override { return true; }

  ValueOutcome Apply(Value in, std::string&) const override {
    if (in.is_null || (on_empty_ && IsAllUnicodeSpace(in.text))) return ValueOutcome::Ok(value_);
    return ValueOutcome::Ok(in.text);
  }

 private:
  std::string value_;
  bool on_empty_;
};

// The lookup key of a value: itself, or its lower-case form in `scratch` with ignore_case.
std::string_view LookupKey(std::string_view text, bool ignore_case, std::string& scratch) {
  if (!ignore_case) return text;
  LowerCase(text, scratch);
  return scratch;
}

// Turns a value into NULL when it is one of `values` (compared whole and exactly, or without
// case with ignore_case) or when the whole of it matches `regex`.
class NullIfTransform final : public ValueTransform {
 public:
  NullIfTransform(std::vector<std::string> values, std::optional<TextRegex> regex, bool ignore_case)
      : values_(std::move(values)), regex_(std::move(regex)), ignore_case_(ignore_case) {
    std::sort(values_.begin(), values_.end());
  }

  std::string_view Name() const override { return "null_if"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string_view key = LookupKey(in.text, ignore_case_, scratch);
    if (std::binary_search(values_.begin(), values_.end(), key, std::less<>())) {
      return ValueOutcome::Null();
    }
    if (regex_) {
      if (auto refusal = TextRegex::Refusal(in.text)) return ValueOutcome::Invalid(*refusal);
      if (regex_->FullMatch(in.text)) return ValueOutcome::Null();
    }
    return ValueOutcome::Ok(in.text);
  }

 private:
  std::vector<std::string> values_;  // sorted, lower-cased with ignore_case
  std::optional<TextRegex> regex_;
  bool ignore_case_;
};

enum class MissingPolicy { kKeep, kNull, kDefault, kReject };

// Replaces a value by its entry in `values`; an unmapped value is kept, becomes NULL, becomes
// `default`, or is invalid (on_missing: reject or fail).
class MapTransform final : public ValueTransform {
 public:
  using Mapping = std::map<std::string, std::string, std::less<>>;

  MapTransform(Mapping mapping, MissingPolicy missing, std::string fallback, bool ignore_case)
      : mapping_(std::move(mapping)),
        missing_(missing),
        default_(std::move(fallback)),
        ignore_case_(ignore_case) {}

  std::string_view Name() const override { return "map"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    auto it = mapping_.find(LookupKey(in.text, ignore_case_, scratch));
    if (it != mapping_.end()) return ValueOutcome::Ok(it->second);
    switch (missing_) {
      case MissingPolicy::kKeep:
        return ValueOutcome::Ok(in.text);
      case MissingPolicy::kNull:
        return ValueOutcome::Null();
      case MissingPolicy::kDefault:
        return ValueOutcome::Ok(default_);
      case MissingPolicy::kReject:
        break;
    }
    return ValueOutcome::Invalid("no mapping for " + QuoteForReason(in.text));
  }

 private:
  Mapping mapping_;  // keys lower-cased with ignore_case
  MissingPolicy missing_;
  std::string default_;
  bool ignore_case_;
};

// Replaces the first or every match of `pattern` by `replacement` ($1.., $&, $$).
class RegexReplaceTransform final : public ValueTransform {
 public:
  RegexReplaceTransform(TextRegex regex, std::string replacement, bool all)
      : regex_(std::move(regex)), replacement_(std::move(replacement)), all_(all) {}

  std::string_view Name() const override { return "regex_replace"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    if (auto refusal = TextRegex::Refusal(in.text)) return ValueOutcome::Invalid(*refusal);
    regex_.Replace(in.text, replacement_, all_, scratch);
    return ValueOutcome::Ok(scratch);
  }

 private:
  TextRegex regex_;
  std::string replacement_;
  bool all_;
};

std::string RequireString(const Options& options, const std::string& key, const std::string& owner,
                          const std::string& hint) {
  auto value = options.GetOptionalString(key);
  if (!value) throw ConfigError(options.where, owner + " needs '" + key + "' (" + hint + ")");
  return *value;
}

ValueTransformPtr MakeDefault(const Options& options) {
  options.RejectUnknown({"value", "on_empty"}, "transform 'default'");
  std::string value =
      RequireString(options, "value", "default", "the replacement, e.g. { default: Unknown }");
  return std::make_unique<DefaultTransform>(value, options.GetBool("on_empty", true));
}

ValueTransformPtr MakeNullIf(const Options& options) {
  options.RejectUnknown({"values", "regex", "ignore_case", "on_invalid"}, "transform 'null_if'");
  if (!options.Has("values") && !options.Has("regex")) {
    throw ConfigError(options.where, "null_if needs 'values', 'regex' or both");
  }
  bool ignore_case = options.GetBool("ignore_case", false);
  std::vector<std::string> values;
  for (const auto& value : options.GetList("values")) {
    std::string folded;
    values.push_back(std::string(LookupKey(value, ignore_case, folded)));
  }
  std::optional<TextRegex> regex;
  if (auto pattern = options.GetOptionalString("regex")) {
    regex.emplace(*pattern, ignore_case, options.WhereOf("regex"));
  }
  auto transform =
      std::make_unique<NullIfTransform>(std::move(values), std::move(regex), ignore_case);
  transform->on_invalid = ParseInvalidPolicy(options, InvalidPolicy::kReject);
  return transform;
}

ValueTransformPtr MakeMap(const Options& options) {
  options.RejectUnknown({"values", "default", "on_missing", "ignore_case"}, "transform 'map'");
  if (!options.Has("values")) {
    throw ConfigError(options.where, "map needs 'values', a mapping of old value to new");
  }
  const auto& values = options.GetMap("values");
  if (values.empty()) throw ConfigError(options.WhereOf("values"), "map 'values' is empty");
  bool ignore_case = options.GetBool("ignore_case", false);
  MapTransform::Mapping mapping;
  for (const auto& [from, to] : values) {
    std::string folded;
    auto [it, inserted] = mapping.emplace(LookupKey(from, ignore_case, folded), to);
    if (!inserted && it->second != to) {
      throw ConfigError(options.WhereOf("values"),
                        "map keys that differ only in case map to different values with "
                        "ignore_case: '" +
                            from + "'");
    }
  }

  auto fallback = options.GetOptionalString("default");
  auto on_missing = options.GetOptionalString("on_missing");
  if (fallback && on_missing) {
    throw ConfigError(options.WhereOf("on_missing"),
                      "map takes 'default' or 'on_missing', not both");
  }
  MissingPolicy missing = fallback ? MissingPolicy::kDefault : MissingPolicy::kKeep;
  InvalidPolicy on_invalid = InvalidPolicy::kReject;
  if (on_missing) {
    if (*on_missing == "keep") {
      missing = MissingPolicy::kKeep;
    } else if (*on_missing == "null") {
      missing = MissingPolicy::kNull;
    } else if (*on_missing == "reject" || *on_missing == "fail") {
      missing = MissingPolicy::kReject;
      on_invalid = *on_missing == "fail" ? InvalidPolicy::kFail : InvalidPolicy::kReject;
    } else {
      throw ConfigError(options.WhereOf("on_missing"),
                        "on_missing must be keep, null, reject or fail, got '" + *on_missing + "'");
    }
  }
  auto transform = std::make_unique<MapTransform>(std::move(mapping), missing,
                                                  fallback.value_or(""), ignore_case);
  transform->on_invalid = on_invalid;
  return transform;
}

ValueTransformPtr MakeRegexReplace(const Options& options) {
  options.RejectUnknown({"pattern", "replacement", "all", "ignore_case", "on_invalid"},
                        "transform 'regex_replace'");
  std::string pattern = RequireString(options, "pattern", "regex_replace", "the regex to find");
  std::string replacement = RequireString(options, "replacement", "regex_replace",
                                          "what a match becomes; \"\" deletes it");
  TextRegex regex(pattern, options.GetBool("ignore_case", false), options.WhereOf("pattern"));
  regex.CheckReplacement(replacement, options.WhereOf("replacement"));
  auto transform = std::make_unique<RegexReplaceTransform>(std::move(regex), std::move(replacement),
                                                           options.GetBool("all", true));
  transform->on_invalid = ParseInvalidPolicy(options, InvalidPolicy::kReject);
  return transform;
}

}  // namespace

void RegisterLookupTransforms(TransformRegistry& registry) {
  registry.Register("default", MakeDefault);
  registry.Register("null_if", MakeNullIf);
  registry.Register("map", MakeMap);
  registry.Register("regex_replace", MakeRegexReplace);
}

}  // namespace sluice

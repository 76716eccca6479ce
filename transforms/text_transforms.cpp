// The cleanup transforms (trim, collapse_whitespace, lower, upper, title, substring) and
// RegisterTextTransforms, which registers every generic column transform.
#include "transforms/text_transforms.h"

#include <cstdint>
#include <memory>
#include <optional>

#include "pipeline/errors.h"
#include "transforms/text_case.h"
#include "transforms/text_utf8.h"

namespace sluice {

namespace {

// Leading and trailing Unicode whitespace (NBSP and the typographic spaces included) goes; the
// result is a view into the input.
class TrimTransform final : public ValueTransform {
 public:
  std::string_view Name() const override { return "trim"; }
  ValueOutcome Apply(Value in, std::string&) const override {
    return ValueOutcome::Ok(TrimUnicodeSpace(in.text));
  }
};

// Trims, and turns every inner run of whitespace into one ASCII space.
class CollapseWhitespaceTransform final : public ValueTransform {
 public:
  std::string_view Name() const override { return "collapse_whitespace"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string_view text = TrimUnicodeSpace(in.text);
    if (IsCollapsed(text)) return ValueOutcome::Ok(text);
    scratch.clear();
    bool in_space = false;
    for (size_t pos = 0; pos < text.size();) {
      CodePoint cp = DecodeUtf8(text, pos);
      if (IsUnicodeSpace(cp.value)) {
        in_space = true;
      } else {
        if (in_space) scratch.push_back(' ');
        in_space = false;
        scratch.append(text.substr(pos, cp.length));
      }
      pos += cp.length;
    }
    return ValueOutcome::Ok(scratch);
  }

 private:
  // Whether the trimmed text has only single ASCII spaces inside, so it can be returned as is.
  static bool IsCollapsed(std::string_view text) {
    bool after_space = false;
    for (size_t pos = 0; pos < text.size();) {
      CodePoint cp = DecodeUtf8(text, pos);
      bool space = IsUnicodeSpace(cp.value);
      if (space && (cp.value != ' ' || after_space)) return false;
      after_space = space;
      pos += cp.length;
    }
    return true;
  }
};

enum class CaseKind { kLower, kUpper, kTitle };

// lower, upper and title. Text that cannot change (no ASCII letter of the wrong case and no
// non-ASCII byte) is returned as it came, so the common all-lowercase email costs one scan.
class CaseTransform final : public ValueTransform {
 public:
  explicit CaseTransform(CaseKind kind) : kind_(kind) {}

  std::string_view Name() const override {
    switch (kind_) {
      case CaseKind::kLower:
        return "lower";
      case CaseKind::kUpper:
        return "upper";
      case CaseKind::kTitle:
        break;
    }
    return "title";
  }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    switch (kind_) {
      case CaseKind::kLower:
        if (!HasByteIn(in.text, 'A', 'Z')) return ValueOutcome::Ok(in.text);
        LowerCase(in.text, scratch);
        break;
      case CaseKind::kUpper:
        if (!HasByteIn(in.text, 'a', 'z')) return ValueOutcome::Ok(in.text);
        UpperCase(in.text, scratch);
        break;
      case CaseKind::kTitle:
        TitleCase(in.text, scratch);
        break;
    }
    return ValueOutcome::Ok(scratch);
  }

 private:
  // Whether `text` has a byte in [first, last] or any non-ASCII byte.
  static bool HasByteIn(std::string_view text, char first, char last) {
    for (char c : text) {
      if ((c >= first && c <= last) || static_cast<unsigned char>(c) >= 0x80) return true;
    }
    return false;
  }

  CaseKind kind_;
};

// Characters (code points, an invalid byte counting as one) from `start`, 0-based; a negative
// start counts from the end (-4: the last four). `length` caps the count; absent, to the end.
// The result is a view into the input.
class SubstringTransform final : public ValueTransform {
 public:
  SubstringTransform(long long start, std::optional<size_t> length)
      : start_(start), length_(length) {}

  std::string_view Name() const override { return "substring"; }

  ValueOutcome Apply(Value in, std::string&) const override {
    std::string_view text = in.text;
    size_t skip = 0;
    if (start_ >= 0) {
      skip = static_cast<size_t>(start_);
    } else {
      uint64_t from_end = 0 - static_cast<uint64_t>(start_);
      size_t count = CountCodePoints(text);
      skip = count > from_end ? count - from_end : 0;
    }
    std::string_view rest = text.substr(ByteOffsetOfCodePoint(text, skip));
    if (length_) rest = rest.substr(0, ByteOffsetOfCodePoint(rest, *length_));
    return ValueOutcome::Ok(rest);
  }

 private:
  long long start_;
  std::optional<size_t> length_;
};

template <typename Make>
void RegisterWithoutOptions(TransformRegistry& registry, const std::string& name, Make make) {
  registry.Register(name, [name, make](const Options& options) -> ValueTransformPtr {
    options.RejectUnknown({}, "transform '" + name + "'");
    return make();
  });
}

ValueTransformPtr MakeSubstring(const Options& options) {
  options.RejectUnknown({"start", "length"}, "transform 'substring'");
  if (!options.Has("start") && !options.Has("length")) {
    throw ConfigError(options.where, "substring needs 'start', 'length' or both");
  }
  long long start = options.GetInt("start", 0);
  std::optional<size_t> length;
  if (options.Has("length")) {
    long long n = options.GetInt("length", 0);
    if (n < 0) {
      throw ConfigError(options.WhereOf("length"),
                        "option 'length' must not be negative, got " + std::to_string(n));
    }
    length = static_cast<size_t>(n);
  }
  return std::make_unique<SubstringTransform>(start, length);
}

}  // namespace

void RegisterTextTransforms(TransformRegistry& registry) {
  RegisterWithoutOptions(registry, "trim", [] { return std::make_unique<TrimTransform>(); });
  RegisterWithoutOptions(registry, "collapse_whitespace",
                         [] { return std::make_unique<CollapseWhitespaceTransform>(); });
  RegisterWithoutOptions(registry, "lower",
                         [] { return std::make_unique<CaseTransform>(CaseKind::kLower); });
  RegisterWithoutOptions(registry, "upper",
                         [] { return std::make_unique<CaseTransform>(CaseKind::kUpper); });
  RegisterWithoutOptions(registry, "title",
                         [] { return std::make_unique<CaseTransform>(CaseKind::kTitle); });
  registry.Register("substring", MakeSubstring);
  RegisterLookupTransforms(registry);
  RegisterPiiTransforms(registry);
}

}  // namespace sluice

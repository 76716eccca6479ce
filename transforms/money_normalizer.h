// MoneyNormalizer: amounts as people write them ("$1.2M", "(1 234,56 €)", "1,000-") to plain
// decimal text at a fixed scale ("1200000.00"), by digit arithmetic, never through a double.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace sluice {

struct MoneyOptions {
  enum class Rounding { kHalfUp, kHalfEven, kReject };

  int scale = 2;       // digits after the point in the output, 0..precision
  int precision = 18;  // digits the target decimal holds in all, 1..18
  char decimal = '.';  // the input's decimal separator, '.' or ','; the other is a group mark
  Rounding rounding = Rounding::kHalfUp;  // half_up rounds half away from zero
  std::string dollar = "USD";             // the ISO 4217 code a bare '$' stands for
};

// What it reads: a sign as "-1,000", "(1,000)" or "1,000-" (one of them); a currency symbol ($,
// €, £, ¥ as JPY, US$, R$, ...) or an upper-case ISO 4217 code before or after the amount;
// groups of three digits separated by the non-decimal mark, an apostrophe or a space (NBSP and
// narrow NBSP included); a K, M/MM or B/BN suffix in any case. What it refuses, with the position
// of the problem: groups of other sizes ("1,23,4", Indian "12,34,567" too, since "1,5" could be
// a decimal comma), exponents ("1e5"), lower-case codes, text without digits ("n/a"), empty text.
class MoneyNormalizer {
 public:
  // An option the normalizer cannot work with; `key` names it so the caller can point at it.
  struct OptionError : std::invalid_argument {
    OptionError(std::string option, const std::string& what)
        : std::invalid_argument(what), key(std::move(option)) {}
    std::string key;
  };

  // Throws OptionError for an option out of range.
  explicit MoneyNormalizer(MoneyOptions options);

  // Writes the canonical text of `in` to `out` ("-1000.00": optional '-', digits, '.', exactly
  // `scale` digits; never "-0.00") and returns true, or returns false with `reason` set. When
  // `currency` is given it receives the ISO code found in the value ("USD" for "$" by default,
  // empty when none); the view points at static data or into this normalizer.
  // Thread-safe; allocates nothing beyond `out` on success.
  bool Normalize(std::string_view in, std::string& out, std::string& reason,
                 std::string_view* currency = nullptr) const;

  const MoneyOptions& options() const { return options_; }

 private:
  MoneyOptions options_;
  char group_mark_;  // the ASCII group separator that is not the decimal one
};

}  // namespace sluice

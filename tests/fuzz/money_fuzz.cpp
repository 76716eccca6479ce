// libFuzzer target: arbitrary bytes through MoneyNormalizer never crash, every refusal has a
// reason, and every accepted amount comes out canonical and reads back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "transforms/money_normalizer.h"

namespace {

using sluice::MoneyNormalizer;
using sluice::MoneyOptions;

MoneyOptions Make(int scale, char decimal, MoneyOptions::Rounding rounding) {
  MoneyOptions options;
  options.scale = scale;
  options.decimal = decimal;
  options.rounding = rounding;
  return options;
}

// "-"? digits ("." `scale` digits)?, without a leading zero before other digits and never "-0".
bool IsCanonical(std::string_view s, int scale) {
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (negative && s.find_first_not_of("0.") == std::string_view::npos) return false;
  const size_t point = s.find('.');
  std::string_view whole = s.substr(0, point);
  if (whole.empty() || (whole.size() > 1 && whole.front() == '0')) return false;
  if (scale == 0 ? point != std::string_view::npos
                 : point == std::string_view::npos || s.size() - point - 1 != size_t(scale)) {
    return false;
  }
  for (char c : s) {
    if (c != '.' && (c < '0' || c > '9')) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const MoneyNormalizer kNormalizers[] = {
      MoneyNormalizer(Make(2, '.', MoneyOptions::Rounding::kHalfUp)),
      MoneyNormalizer(Make(2, ',', MoneyOptions::Rounding::kHalfEven)),
      MoneyNormalizer(Make(0, '.', MoneyOptions::Rounding::kReject)),
      MoneyNormalizer(Make(6, ',', MoneyOptions::Rounding::kHalfUp)),
  };
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const MoneyNormalizer& normalizer : kNormalizers) {
    std::string out, reason;
    std::string_view currency;
    const int scale = normalizer.options().scale;
    if (!normalizer.Normalize(in, out, reason, &currency)) {
      if (reason.empty()) __builtin_trap();
      continue;
    }
    if (!IsCanonical(out, scale)) __builtin_trap();
    if (!currency.empty() && currency.size() != 3) __builtin_trap();
    // The canonical text is itself an amount with '.' as the decimal point.
    MoneyNormalizer again(Make(scale, '.', MoneyOptions::Rounding::kReject));
    std::string round_trip, why;
    if (!again.Normalize(out, round_trip, why) || round_trip != out) __builtin_trap();
  }
  return 0;
}

// Reading amounts for MoneyNormalizer: signs, currencies, grouped digits and K/M/B suffixes,
// then rounding to the scale on the digit string itself, so "0.1" and "1.2M" stay exact.
#include "transforms/money_normalizer.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "transforms/text_utf8.h"

namespace sluice {
namespace {

// Active ISO 4217 codes, sorted for binary search.
constexpr std::array<std::string_view, 156> kIsoCodes = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
    "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
};
static_assert(std::is_sorted(kIsoCodes.begin(), kIsoCodes.end()));

struct Symbol {
  std::string_view text;
  std::string_view code;  // empty: the `dollar` option decides
};

// Symbols people put next to amounts. '¥' is read as JPY (CNY shares it); '$' follows `dollar`.
constexpr Symbol kSymbols[] = {
    {"$", ""},      {"€", "EUR"},   {"£", "GBP"},   {"¥", "JPY"},   {"₹", "INR"},  {"₩", "KRW"},
    {"₽", "RUB"}, {"₺", "TRY"},   {"₪", "ILS"},   {"₫", "VND"},   {"฿", "THB"},  {"₱", "PHP"},
    {"₴", "UAH"},   {"₦", "NGN"},   {"US$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"AU$", "AUD"},
    {"A$", "AUD"},  {"NZ$", "NZD"}, {"HK$", "HKD"}, {"S$", "SGD"},  {"R$", "BRL"}, {"MX$", "MXN"},
};

constexpr int kMaxDigits = 40;
constexpr std::array<uint64_t, 19> kPowersOfTen = [] {
  std::array<uint64_t, 19> powers{};
  uint64_t power = 1;
  for (uint64_t& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsIsoCode(std::string_view code) {
  return std::binary_search(kIsoCodes.begin(), kIsoCodes.end(), code);
}

// Spaces that may stand between thousands groups ("1 234", NBSP, narrow NBSP, thin space).
bool IsGroupSpace(char32_t cp) {
  return cp == ' ' || cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A);
}

// Length of the whitespace character at `pos`, or 0.
size_t SpaceAt(std::string_view s, size_t pos) {
  if (s[pos] == ' ') return 1;
  CodePoint cp = DecodeUtf8(s, pos);
  return cp.valid && IsUnicodeSpace(cp.value) ? cp.length : 0;
}

void TrimSpace(std::string_view s, size_t& begin, size_t& end) {
  while (begin < end) {
    size_t n = SpaceAt(s.substr(0, end), begin);
    if (n == 0) break;
    begin += n;
  }
  while (begin < end) {
    // Whitespace is at most three bytes long in UTF-8.
    size_t n = 0;
    for (size_t len = 1; len <= 3 && len <= end - begin && n == 0; ++len) {
      if (SpaceAt(s.substr(0, end), end - len) == len) n = len;
    }
    if (n == 0) break;
    end -= n;
  }
}

// Length of a sign at `pos` ('-', '+', U+2212 MINUS SIGN), or 0; `minus` tells which.
size_t SignAt(std::string_view s, size_t pos, bool& minus) {
  if (s[pos] == '-' || s[pos] == '+') {
    minus = s[pos] == '-';
    return 1;
  }
  if (s.substr(pos, 3) == "\xE2\x88\x92") {
    minus = true;
    return 3;
  }
  return 0;
}

// 1-based code point position of byte `pos`, as a user counts characters in the value.
std::string PositionOf(std::string_view s, size_t pos) {
  return std::to_string(CountCodePoints(s.substr(0, pos)) + 1);
}

// The character at `pos` for a reason: itself when printable, \xNN for a control or bad byte.
std::string CharacterAt(std::string_view s, size_t pos) {
  CodePoint cp = DecodeUtf8(s, pos);
  if (cp.valid && cp.value >= 0x20 && cp.value != 0x7F)
    return std::string(s.substr(pos, cp.length));
  static const char kHex[] = "0123456789ABCDEF";
  auto byte = static_cast<unsigned char>(s[pos]);
  return std::string("\\x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

// The amount as read: its significant digits with the position of the decimal point.
struct Amount {
  std::array<char, kMaxDigits> digits;  // no leading zeros
  int count = 0;
  int frac = 0;          // how many digits (kept or leading zeros) were after the point
  bool sticky = false;   // a non-zero digit after the point did not fit in `digits`
  bool too_big = false;  // an integer digit did not fit: far out of any decimal's range
  int shift = 0;         // power of ten of a K/M/B suffix
  bool negative = false;
  std::string_view code;  // ISO currency code, empty when the value names none

  void AddDigit(char c, bool after_point) {
    if (count == 0 && c == '0') {
      frac += after_point;
      return;
    }
    if (count < kMaxDigits) {
      digits[count++] = c;
      frac += after_point;
    } else if (after_point) {
      sticky |= c != '0';
    } else {
      too_big = true;
    }
  }
};

class AmountReader {
 public:
  AmountReader(std::string_view in, const MoneyOptions& options, char group_mark,
               std::string& reason)
      : in_(in), options_(options), group_mark_(group_mark), reason_(reason) {}

  bool Read(Amount& amount);

 private:
  bool ReadPrefix(size_t& pos, size_t end, Amount& amount);
  bool ReadNumber(size_t& pos, size_t end, Amount& amount);
  bool ReadTail(size_t pos, size_t end, Amount& amount);
  size_t CurrencyAt(size_t pos, size_t end, std::string_view& code) const;
  size_t SuffixAt(size_t pos, size_t end, int& shift) const;
  size_t GroupMarkAt(size_t pos, size_t end, char32_t& mark) const;
  // One currency before the number and one after are fine when they agree ("$5 USD").
  bool TakeCurrency(size_t pos, std::string_view code, bool after_number, Amount& amount);
  bool Fail(std::string why) {
    reason_ = std::move(why);
    return false;
  }
  bool Unexpected(size_t pos) {
    return Fail("unexpected character '" + CharacterAt(in_, pos) + "' at position " +
                PositionOf(in_, pos));
  }
  bool Misplaced(size_t pos) {
    return Fail("misplaced thousands separator '" + CharacterAt(in_, pos) + "' at position " +
                PositionOf(in_, pos) + " (groups of three digits expected; decimal: '" +
                options_.decimal + "')");
  }

  std::string_view in_;
  const MoneyOptions& options_;
  char group_mark_;
  std::string& reason_;
  bool sign_seen_ = false;
  size_t currency_pos_ = 0;
};

bool AmountReader::Read(Amount& amount) {
  size_t begin = 0, end = in_.size();
  TrimSpace(in_, begin, end);
  if (begin == end) return Fail("empty amount");
  std::string_view text = in_.substr(begin, end - begin);
  if (std::none_of(text.begin(), text.end(), IsDigit)) {
    return Fail("not an amount: " + QuoteForReason(text));
  }
  if (in_[begin] == '(') {
    if (in_[end - 1] != ')') {
      return Fail("'(' at position " + PositionOf(in_, begin) + " is never closed");
    }
    amount.negative = true;
    sign_seen_ = true;
    ++begin;
    --end;
    TrimSpace(in_, begin, end);
  }
  size_t pos = begin;
  return ReadPrefix(pos, end, amount) && ReadNumber(pos, end, amount) && ReadTail(pos, end, amount);
}

// Signs, currencies and spaces before the first digit.
bool AmountReader::ReadPrefix(size_t& pos, size_t end, Amount& amount) {
  while (pos < end && !IsDigit(in_[pos]) && in_[pos] != options_.decimal) {
    bool minus = false;
    std::string_view code;
    if (size_t n = SpaceAt(in_.substr(0, end), pos)) {
      pos += n;
    } else if (size_t n = SignAt(in_.substr(0, end), pos, minus)) {
      if (sign_seen_) {
        return Fail("more than one sign: '" + CharacterAt(in_, pos) + "' at position " +
                    PositionOf(in_, pos));
      }
      sign_seen_ = true;
      amount.negative = minus;
      pos += n;
    } else if (size_t n = CurrencyAt(pos, end, code)) {
      if (!TakeCurrency(pos, code, false, amount)) return false;
      pos += n;
    } else {
      return Unexpected(pos);
    }
  }
  return true;
}

// Digits with thousands groups and one decimal separator.
bool AmountReader::ReadNumber(size_t& pos, size_t end, Amount& amount) {
  const size_t start = pos;
  bool point = false;
  bool any_digit = false;
  int group_len = 0;
  int groups = 0;
  char32_t group_cp = 0;
  size_t last_group = 0;
  while (pos < end) {
    char c = in_[pos];
    if (IsDigit(c)) {
      amount.AddDigit(c, point);
      any_digit = true;
      group_len += !point;
      ++pos;
      continue;
    }
    if (c == options_.decimal) {
      if (point) {
        return Fail(std::string("second decimal separator '") + c + "' at position " +
                    PositionOf(in_, pos));
      }
      if (groups > 0 && group_len != 3) return Misplaced(last_group);
      point = true;
      ++pos;
      continue;
    }
    char32_t mark = 0;
    size_t n = GroupMarkAt(pos, end, mark);
    if (n == 0 || pos + n >= end || !IsDigit(in_[pos + n])) break;
    if (point) {
      return Fail("thousands separator '" + CharacterAt(in_, pos) + "' at position " +
                  PositionOf(in_, pos) + " after the decimal separator (decimal: '" +
                  options_.decimal + "')");
    }
    if (groups > 0 && mark != group_cp) {
      return Fail("mixed thousands separators: '" + CharacterAt(in_, pos) + "' at position " +
                  PositionOf(in_, pos) + " after '" + CharacterAt(in_, last_group) + "'");
    }
    if (groups == 0 ? group_len > 3 : group_len != 3) return Misplaced(pos);
    group_cp = mark;
    ++groups;
    group_len = 0;
    last_group = pos;
    pos += n;
  }
  if (!any_digit) return Unexpected(start);
  if (groups > 0 && !point && group_len != 3) return Misplaced(last_group);
  return true;
}

// After the number: an optional K/M/B suffix, a currency, a trailing minus, in that order.
bool AmountReader::ReadTail(size_t pos, size_t end, Amount& amount) {
  bool suffix_allowed = true;
  bool currency_allowed = true;
  while (pos < end) {
    bool minus = false;
    int shift = 0;
    std::string_view code;
    if (size_t n = SpaceAt(in_.substr(0, end), pos)) {
      pos += n;
    } else if (size_t n = suffix_allowed ? SuffixAt(pos, end, shift) : 0) {
      amount.shift = shift;
      suffix_allowed = false;
      pos += n;
    } else if (size_t n = currency_allowed ? CurrencyAt(pos, end, code) : 0) {
      if (!TakeCurrency(pos, code, true, amount)) return false;
      suffix_allowed = currency_allowed = false;
      pos += n;
    } else if (size_t n = SignAt(in_.substr(0, end), pos, minus); n != 0 && minus) {
      if (sign_seen_) {
        return Fail("more than one sign: '" + CharacterAt(in_, pos) + "' at position " +
                    PositionOf(in_, pos));
      }
      sign_seen_ = true;
      amount.negative = true;
      suffix_allowed = currency_allowed = false;
      pos += n;
    } else {
      return Unexpected(pos);
    }
  }
  return true;
}

bool AmountReader::TakeCurrency(size_t pos, std::string_view code, bool after_number,
                                Amount& amount) {
  if (!amount.code.empty() && (amount.code != code || !after_number)) {
    return Fail("two currencies: " + std::string(amount.code) + " at position " +
                PositionOf(in_, currency_pos_) + " and " + std::string(code) + " at position " +
                PositionOf(in_, pos));
  }
  amount.code = code;
  currency_pos_ = pos;
  return true;
}

size_t AmountReader::CurrencyAt(size_t pos, size_t end, std::string_view& code) const {
  std::string_view rest = in_.substr(pos, end - pos);
  for (const Symbol& symbol : kSymbols) {
    if (rest.substr(0, symbol.text.size()) == symbol.text) {
      code = symbol.code.empty() ? std::string_view(options_.dollar) : symbol.code;
      return symbol.text.size();
    }
  }
  if (rest.size() < 3 || (rest.size() > 3 && IsAsciiLetter(rest[3]))) return 0;
  for (size_t i = 0; i < 3; ++i) {
    if (rest[i] < 'A' || rest[i] > 'Z') return 0;
  }
  auto it = std::lower_bound(kIsoCodes.begin(), kIsoCodes.end(), rest.substr(0, 3));
  if (it == kIsoCodes.end() || *it != rest.substr(0, 3)) return 0;
  code = *it;
  return 3;
}

// K (thousand), M or MM (million), B or BN (billion), any case, not followed by a letter.
size_t AmountReader::SuffixAt(size_t pos, size_t end, int& shift) const {
  auto upper = [&](size_t i) -> char {
    if (i >= end) return 0;
    char c = in_[i];
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  };
  const char first = upper(pos);
  const char second = upper(pos + 1);
  size_t n = 0;
  switch (first) {
    case 'K':
      shift = 3;
      n = 1;
      break;
    case 'M':
      shift = 6;
      n = second == 'M' ? 2 : 1;
      break;
    case 'B':
      shift = 9;
      n = second == 'N' ? 2 : 1;
      break;
    default:
      return 0;
  }
  return pos + n < end && IsAsciiLetter(in_[pos + n]) ? 0 : n;
}

// The group mark that is not the decimal one, an apostrophe (also U+2019) or a space.
size_t AmountReader::GroupMarkAt(size_t pos, size_t end, char32_t& mark) const {
  char c = in_[pos];
  if (c == group_mark_ || c == '\'') {
    mark = static_cast<unsigned char>(c);
    return 1;
  }
  CodePoint cp = DecodeUtf8(in_.substr(0, end), pos);
  if (!cp.valid || !(IsGroupSpace(cp.value) || cp.value == 0x2019)) return 0;
  mark = cp.value;
  return cp.length;
}

}  // namespace

MoneyNormalizer::MoneyNormalizer(MoneyOptions options) : options_(std::move(options)) {
  if (options_.precision < 1 || options_.precision > 18) {
    throw OptionError("precision", "precision must be between 1 and 18, got " +
                                       std::to_string(options_.precision));
  }
  if (options_.scale < 0 || options_.scale > options_.precision) {
    throw OptionError("scale", "scale must be between 0 and the precision (" +
                                   std::to_string(options_.precision) + "), got " +
                                   std::to_string(options_.scale));
  }
  if (options_.decimal != '.' && options_.decimal != ',') {
    throw OptionError("decimal",
                      std::string("decimal must be '.' or ',', got '") + options_.decimal + "'");
  }
  if (!IsIsoCode(options_.dollar)) {
    throw OptionError("dollar", "dollar must be an ISO 4217 currency code such as USD, got '" +
                                    options_.dollar + "'");
  }
  group_mark_ = options_.decimal == '.' ? ',' : '.';
}

bool MoneyNormalizer::Normalize(std::string_view in, std::string& out, std::string& reason,
                                std::string_view* currency) const {
  if (currency != nullptr) *currency = {};
  Amount amount;
  if (!AmountReader(in, options_, group_mark_, reason).Read(amount)) return false;

  const int scale = options_.scale;
  const int precision = options_.precision;
  auto out_of_range = [&] {
    reason = QuoteForReason(in) + " is out of range for decimal(" + std::to_string(precision) +
             "," + std::to_string(scale) + "): at most " + std::to_string(precision - scale) +
             " digits before the decimal point";
    return false;
  };
  if (amount.too_big) return out_of_range();

  // value = digits * 10^-(frac - shift); the output is value * 10^scale as an integer.
  const int exponent = scale - (amount.frac - amount.shift);
  uint64_t units = 0;
  if (exponent >= 0) {
    if (amount.count > 0 && amount.count + exponent > precision) return out_of_range();
    for (int i = 0; i < amount.count; ++i) units = units * 10 + (amount.digits[i] - '0');
    if (amount.count > 0) units *= kPowersOfTen[exponent];
  } else {
    const int drop = -exponent;
    const int kept = std::max(0, amount.count - drop);
    if (kept > precision) return out_of_range();
    int first_dropped = 0;  // the digit that decides the rounding
    bool rest_nonzero = amount.sticky;
    if (drop <= amount.count) {
      first_dropped = amount.digits[kept] - '0';
      for (int i = kept + 1; i < amount.count; ++i) rest_nonzero |= amount.digits[i] != '0';
    } else {
      rest_nonzero |= amount.count > 0;
    }
    for (int i = 0; i < kept; ++i) units = units * 10 + (amount.digits[i] - '0');
    bool up = false;
    switch (options_.rounding) {
      case MoneyOptions::Rounding::kHalfUp:
        up = first_dropped >= 5;
        break;
      case MoneyOptions::Rounding::kHalfEven:
        up = first_dropped > 5 || (first_dropped == 5 && (rest_nonzero || (units & 1) != 0));
        break;
      case MoneyOptions::Rounding::kReject:
        if (first_dropped != 0 || rest_nonzero) {
          int trailing_zeros = 0;
          while (trailing_zeros < amount.count &&
                 amount.digits[amount.count - 1 - trailing_zeros] == '0') {
            ++trailing_zeros;
          }
          int places = amount.frac - amount.shift - trailing_zeros;
          reason = QuoteForReason(in) + " has " + (amount.sticky ? "more than " : "") +
                   std::to_string(places) + " decimal places, more than scale " +
                   std::to_string(scale) + " (rounding: reject)";
          return false;
        }
        break;
    }
    units += up;
    if (units >= kPowersOfTen[precision]) return out_of_range();
  }

  char buffer[24];
  int n = 0;
  for (uint64_t v = units; n == 0 || v != 0; v /= 10) buffer[n++] = static_cast<char>('0' + v % 10);
  while (n < scale + 1) buffer[n++] = '0';
  out.clear();
  if (amount.negative && units != 0) out.push_back('-');
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(buffer[i]);
    if (i == scale && scale > 0) out.push_back('.');
  }
  if (currency != nullptr) *currency = amount.code;
  return true;
}

}  // namespace sluice

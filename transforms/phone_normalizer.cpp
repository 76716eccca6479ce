// PhoneNormalizer: libphonenumber's Parse / IsValidNumber / Format, plus a fast path for the
// common North American shapes whose answers are byte-identical to the library's.
//
// Why a fast path at all: the Debian build of libphonenumber runs ICU regexes, ~15-20 us a
// number, 15 s or more for a million rows. The fast path hand-parses the NANP shapes (region US
// or CA) to their national number and decides validity with digit automata compiled, once per
// process, from the library's own metadata (the same patterns, the same region-selection rules);
// the reasons for invalid numbers come from the library too, asked once per number length.
// Those pieces live in phone_nanp_validity.h, phone_digit_automaton.h, phone_metadata.h and
// phone_reasons.h. Anything it does not cover goes to the library.
// tests/transforms/phone_normalizer_test.cpp (a 200k-value generated corpus) and
// tests/fuzz/phone_fuzz.cpp hold the two paths to the same output.
#include "transforms/phone_normalizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>

#include "transforms/phone_metadata.h"
#include "transforms/phone_nanp_validity.h"
#include "transforms/phone_reasons.h"

namespace sluice {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using phone_internal::InvalidNumberReason;
using phone_internal::kNanpCallingCode;
using phone_internal::ParseErrorReason;
using phone_internal::Util;

constexpr int kNanpNsnLength = 10;

// Copies the fields Format reads for a number parsed without raw input, leaving the extension
// out. (clear_extension() or assigning messages would need libprotobuf at link time.)
void CopyWithoutExtension(const PhoneNumber& number, PhoneNumber& out) {
  out.set_country_code(number.country_code());
  out.set_national_number(number.national_number());
  if (number.has_italian_leading_zero()) {
    out.set_italian_leading_zero(number.italian_leading_zero());
  }
  if (number.has_number_of_leading_zeros()) {
    out.set_number_of_leading_zeros(number.number_of_leading_zeros());
  }
}

std::string_view TrimAsciiSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Longest input the fast path looks at; the library caps input at 250 characters, and real
// NANP numbers with an extension fit easily in this.
constexpr size_t kMaxFastInput = 64;

// Shorter numbers are not viable with some punctuation (the library wants three digits, or two
// and nothing else), so the fast path leaves them alone.
constexpr int kMinFastNsnLength = 3;

// The library's extension limits: 20 digits after an explicit label ("ext"), 9 after an
// ambiguous one ("x", "#").
constexpr size_t kExtDigitsAfterExplicitLabel = 20;
constexpr size_t kExtDigitsAfterAmbiguousLabel = 9;

// Letters a-z on a phone keypad, as the library converts vanity numbers.
constexpr char kKeypad[] = "22233344455566677778889999";

void AppendNanp(PhoneFormat format, const char* nsn, std::string& out) {
  std::string_view area(nsn, 3);
  std::string_view exchange(nsn + 3, 3);
  std::string_view line(nsn + 6, 4);
  switch (format) {
    case PhoneFormat::kE164:
      out.append("+1").append(nsn, kNanpNsnLength);
      return;
    case PhoneFormat::kInternational:
      out.append("+1 ").append(area).append("-").append(exchange).append("-").append(line);
      return;
    case PhoneFormat::kNational:
      out.append("(").append(area).append(") ").append(exchange).append("-").append(line);
      return;
    case PhoneFormat::kRfc3966:
      out.append("tel:+1-").append(area).append("-").append(exchange).append("-").append(line);
      return;
  }
}

// The library's suffix for NANP numbers (US metadata has no preferred prefix, so " ext. "),
// and RFC 3966's for E.164, which has no extension syntax of its own.
void AppendExtension(PhoneFormat format, std::string_view extension, std::string& out) {
  if (extension.empty()) return;
  out.append(format == PhoneFormat::kE164 || format == PhoneFormat::kRfc3966 ? ";ext=" : " ext. ");
  out.append(extension);
}

}  // namespace

std::optional<PhoneFormat> ParsePhoneFormat(std::string_view name) {
  std::string lower;
  for (char c : name) lower.push_back(AsciiLower(c));
  if (lower == "e164") return PhoneFormat::kE164;
  if (lower == "international") return PhoneFormat::kInternational;
  if (lower == "national") return PhoneFormat::kNational;
  if (lower == "rfc3966") return PhoneFormat::kRfc3966;
  return std::nullopt;
}

bool PhoneNormalizer::IsSupportedRegion(const std::string& region) {
  std::set<std::string> regions;
  Util().GetSupportedRegions(&regions);
  return regions.count(region) != 0;
}

PhoneNormalizer::PhoneNormalizer(PhoneOptions options) : options_(std::move(options)) {
  if (!IsSupportedRegion(options_.region)) {
    throw std::invalid_argument("unknown phone region '" + options_.region + "'");
  }
  region_calling_code_ = Util().GetCountryCodeForRegion(options_.region);
  // US and CA parse national numbers alike (national prefix "1", no transform rule); the other
  // NANP regions rewrite seven-digit local numbers, which the fast path does not model.
  if (options_.fast_path && (options_.region == "US" || options_.region == "CA")) {
    nanp_ = NanpValidity::Instance();
  }
  if (nanp_ != nullptr) {
    // Why a +1 number of a given length is not valid depends on its length alone: ask the
    // library once per length.
    nanp_reasons_.resize(NanpValidity::kMaxNsnLength + 1);
    uint64_t national_number = 2;
    for (int length = 1; length <= NanpValidity::kMaxNsnLength; ++length) {
      PhoneNumber number;
      number.set_country_code(kNanpCallingCode);
      number.set_national_number(national_number);
      nanp_reasons_[length] = InvalidNumberReason(number, options_, region_calling_code_);
      national_number *= 10;
    }
  }
}

bool PhoneNormalizer::Normalize(std::string_view in, std::string& out, std::string& reason) const {
  std::string_view text = TrimAsciiSpace(in);
  if (text.empty()) {
    reason = "empty value";
    return false;
  }
  if (nanp_ != nullptr) {
    switch (NormalizeNanp(text, out, reason)) {
      case FastResult::kValid:
        return true;
      case FastResult::kInvalid:
        return false;
      case FastResult::kNotCovered:
        break;
    }
  }
  return NormalizeWithLibrary(text, out, reason);
}

bool PhoneNormalizer::FastPathCovers(std::string_view in) const {
  std::string_view text = TrimAsciiSpace(in);
  if (nanp_ == nullptr || text.empty()) return false;
  std::string out;
  std::string reason;
  return NormalizeNanp(text, out, reason) != FastResult::kNotCovered;
}

// Covers ASCII values of this shape: an optional leading '+'; then digits, spaces, '-', '.', '('
// and ')'; then optionally an extension "x45", "ext. 45" or "#45" (label in any case, then an
// optional '.' or ':' and spaces, then as many digits as the library takes after that label).
// The digits must be the national number itself (3 to 17 digits, not starting with 1 or with
// the IDD 011), or "1" and a ten-digit national number, or with '+' "1" and the national number.
// For exactly these the library strips the same extension, finds calling code 1 and the same
// national number, and strips nothing more. Valid numbers other than ten digits long are left
// to the library, which formats them.
// Vanity numbers ("1-800-FLOWERS") are covered without an extension: letters after at least
// three digits, none of them 'x', the value ending in a letter (so no extension can match);
// the library turns three or more letters into keypad digits and drops fewer.
// Values with no digit at all are never numbers: the library's first check wants digits.
PhoneNormalizer::FastResult PhoneNormalizer::NormalizeNanp(std::string_view s, std::string& out,
                                                           std::string& reason) const {
  if (s.size() > kMaxFastInput) return FastResult::kNotCovered;
  char digits[kMaxFastInput];
  int count = 0;    // digits and letters kept, in order
  int letters = 0;  // of which letters
  bool letters_too_early = false;
  size_t i = 0;
  bool plus = s[0] == '+';
  if (plus) i = 1;
  for (; i < s.size(); ++i) {
    char c = s[i];
    char lower = AsciiLower(c);
    if (IsAsciiDigit(c)) {
      digits[count++] = c;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      continue;
    } else if (lower >= 'a' && lower <= 'z' && lower != 'x' &&
               !(lower == 'e' && i + 2 < s.size() && AsciiLower(s[i + 1]) == 'x')) {
      if (letters == 0 && count < 3) {
        letters_too_early = true;  // not viable for the library; digits may still follow
        break;
      }
      digits[count++] = lower;
      ++letters;
    } else {
      break;
    }
  }
  if (count == 0) {
    bool ascii_without_digits = std::none_of(s.begin(), s.end(), [](char c) {
      return IsAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!ascii_without_digits) return FastResult::kNotCovered;
    reason = ParseErrorReason(PhoneNumberUtil::NOT_A_NUMBER);
    return FastResult::kInvalid;
  }
  if (letters_too_early) return FastResult::kNotCovered;
  if (letters > 0) {
    char last = AsciiLower(s.back());
    if (i != s.size() || last < 'a' || last > 'z') return FastResult::kNotCovered;
    int kept = 0;
    for (int k = 0; k < count; ++k) {
      char c = digits[k];
      if (IsAsciiDigit(c)) {
        digits[kept++] = c;
      } else if (letters >= 3) {
        digits[kept++] = kKeypad[c - 'a'];
      }
    }
    count = kept;
  }

  std::string_view extension;
  if (i < s.size()) {
    size_t label_end = 0;
    size_t limit = 0;
    char c = AsciiLower(s[i]);
    if (c == 'x' || c == '#') {
      label_end = i + 1;
      limit = kExtDigitsAfterAmbiguousLabel;
    } else if (c == 'e' && i + 3 <= s.size() && AsciiLower(s[i + 1]) == 'x' &&
               AsciiLower(s[i + 2]) == 't') {
      label_end = i + 3;
      limit = kExtDigitsAfterExplicitLabel;
    } else {
      return FastResult::kNotCovered;
    }
    size_t j = label_end;
    if (j < s.size() && (s[j] == '.' || s[j] == ':')) ++j;
    while (j < s.size() && s[j] == ' ') ++j;
    size_t ext_begin = j;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    if (j != s.size() || j == ext_begin || j - ext_begin > limit) return FastResult::kNotCovered;
    extension = s.substr(ext_begin);
  }

  const char* nsn = digits;
  int length = count;
  if (plus || (count == kNanpNsnLength + 1 && digits[0] == '1')) {
    if (count == 0 || digits[0] != '1') return FastResult::kNotCovered;
    nsn = digits + 1;
    length = count - 1;
  } else if (count >= 3 && digits[0] == '0' && digits[1] == '1' && digits[2] == '1') {
    return FastResult::kNotCovered;  // the IDD: an international number follows
  }
  if (length < kMinFastNsnLength || length > NanpValidity::kMaxNsnLength || nsn[0] == '1') {
    return FastResult::kNotCovered;
  }
  if (!nanp_->IsValid(nsn, length)) {
    reason = nanp_reasons_[length];
    return FastResult::kInvalid;
  }
  if (length != kNanpNsnLength) return FastResult::kNotCovered;
  out.clear();
  AppendNanp(options_.format, nsn, out);
  if (options_.keep_extension) AppendExtension(options_.format, extension, out);
  return FastResult::kValid;
}

bool PhoneNormalizer::NormalizeWithLibrary(std::string_view in, std::string& out,
                                           std::string& reason) const {
  const PhoneNumberUtil& util = Util();
  PhoneNumber number;
  PhoneNumberUtil::ErrorType error = util.Parse(std::string(in), options_.region, &number);
  if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
    reason = ParseErrorReason(error);
    return false;
  }
  if (!util.IsValidNumber(number)) {
    reason = InvalidNumberReason(number, options_, region_calling_code_);
    return false;
  }
  PhoneNumber without_extension;
  if (!options_.keep_extension) CopyWithoutExtension(number, without_extension);
  const PhoneNumber& to_format = options_.keep_extension ? number : without_extension;
  PhoneNumberUtil::PhoneNumberFormat format = PhoneNumberUtil::E164;
  switch (options_.format) {
    case PhoneFormat::kE164:
      format = PhoneNumberUtil::E164;
      break;
    case PhoneFormat::kInternational:
      format = PhoneNumberUtil::INTERNATIONAL;
      break;
    case PhoneFormat::kNational:
      // A national number from another country would lose the country it belongs to.
      format = number.country_code() == region_calling_code_ ? PhoneNumberUtil::NATIONAL
                                                             : PhoneNumberUtil::INTERNATIONAL;
      break;
    case PhoneFormat::kRfc3966:
      format = PhoneNumberUtil::RFC3966;
      break;
  }
  out.clear();
  util.Format(to_format, format, &out);
  // The library writes extensions in every format but E.164, which has no syntax for them.
  if (options_.format == PhoneFormat::kE164) {
    AppendExtension(options_.format, to_format.extension(), out);
  }
  return true;
}

}  // namespace sluice

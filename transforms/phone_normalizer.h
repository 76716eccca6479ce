// Phone numbers to one canonical form. libphonenumber is the truth; a fast path for the common
// North American shapes gives byte-identical answers at a fraction of the library's cost.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

enum class PhoneFormat {
  kE164,           // +12125550123
  kInternational,  // +1 212-555-0123
  kNational,       // (212) 555-0123
  kRfc3966,        // tel:+1-212-555-0123
};

// "e164", "international", "national", "rfc3966"; nullopt for anything else.
std::optional<PhoneFormat> ParsePhoneFormat(std::string_view name);

struct PhoneOptions {
  // Region assumed for numbers written without a country code (ISO 3166 code, upper case).
  std::string region = "US";
  PhoneFormat format = PhoneFormat::kE164;
  // E.164 has no extension syntax, so a kept extension is written the RFC 3966 way there:
  // "+12125550123;ext=45". The other formats use the library's own " ext. 45" / ";ext=45".
  bool keep_extension = true;
  // Off sends every value through libphonenumber: the reference the fast path is tested against.
  bool fast_path = true;
};

class NanpValidity;

class PhoneNormalizer {
 public:
  // Throws std::invalid_argument for a region libphonenumber does not know (callers that read a
  // job file check IsSupportedRegion first, to point at the option).
  explicit PhoneNormalizer(PhoneOptions options);

  static bool IsSupportedRegion(const std::string& region);

  // True with the normalized number in `out`; false with a reason a user can act on in `reason`
  // ("empty value", "not a phone number", "too few digits for a US number", ...).
  // Thread-safe: no mutable state.
  bool Normalize(std::string_view in, std::string& out, std::string& reason) const;

  const PhoneOptions& options() const { return options_; }
  // Whether the fast path applies to these options (NANP default region and fast_path on).
  bool UsesFastPath() const { return nanp_ != nullptr; }
  // Whether the fast path decides this value itself rather than handing it to the library
  // (for tests that must know both paths were exercised).
  bool FastPathCovers(std::string_view in) const;

 private:
  enum class FastResult { kValid, kInvalid, kNotCovered };

  FastResult NormalizeNanp(std::string_view in, std::string& out, std::string& reason) const;
  bool NormalizeWithLibrary(std::string_view in, std::string& out, std::string& reason) const;

  PhoneOptions options_;
  int region_calling_code_ = 0;
  const NanpValidity* nanp_ = nullptr;     // null when the fast path is off or does not apply
  std::vector<std::string> nanp_reasons_;  // by national-number length, for invalid +1 numbers
};

}  // namespace sluice

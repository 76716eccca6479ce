// Reasons for refused phone numbers, from libphonenumber's parse errors and possibility checks.
#include "transforms/phone_reasons.h"

#include "transforms/phone_metadata.h"

namespace sluice::phone_internal {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string ParseErrorReason(PhoneNumberUtil::ErrorType error) {
  switch (error) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return "unknown country calling code";
    case PhoneNumberUtil::NOT_A_NUMBER:
      return "not a phone number";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
      return "too few digits after the international prefix";
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return "too few digits for a phone number";
    case PhoneNumberUtil::TOO_LONG_NSN:
      return "too many digits for a phone number";
    case PhoneNumberUtil::NO_PARSING_ERROR:
      break;
  }
  return "not a phone number";
}

namespace {

// What IsPossibleNumberWithReason says about a number that is not valid, in a user's terms.
// `label` names the region the number was judged against ("US", or "+800" when not geographic).
std::string PossibilityReason(PhoneNumberUtil::ValidationResult possibility,
                              const std::string& label, bool geographic, int calling_code) {
  switch (possibility) {
    case PhoneNumberUtil::TOO_SHORT:
      return "too few digits for a " + label + " number";
    case PhoneNumberUtil::TOO_LONG:
      return "too many digits for a " + label + " number";
    case PhoneNumberUtil::INVALID_LENGTH:
      return "wrong number of digits for a " + label + " number";
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
      return "missing area code for a " + label + " number";
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      return "unknown country calling code +" + std::to_string(calling_code);
    case PhoneNumberUtil::IS_POSSIBLE:
      break;
  }
  if (!geographic) return "not a valid number for calling code " + label;
  return "not a valid number for region " + label;
}

}  // namespace

std::string InvalidNumberReason(const PhoneNumber& number, const PhoneOptions& options,
                                int region_calling_code) {
  int calling_code = number.country_code();
  std::string label = options.region;
  bool geographic = true;
  if (calling_code != region_calling_code) {
    Util().GetRegionCodeForCountryCode(calling_code, &label);
    if (label.size() != 2 || label == "ZZ") {
      label = "+" + std::to_string(calling_code);
      geographic = false;
    }
  }
  return PossibilityReason(Util().IsPossibleNumberWithReason(number), label, geographic,
                           calling_code);
}

}  // namespace sluice::phone_internal

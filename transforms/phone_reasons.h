// Why a phone number was refused, in the user's terms and stable across runs: shared by the
// normalizer's library path and the fast path's per-length table.
#pragma once

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>

#include "transforms/phone_normalizer.h"

namespace sluice::phone_internal {

std::string ParseErrorReason(i18n::phonenumbers::PhoneNumberUtil::ErrorType error);

// The configured region when the number carries its calling code, otherwise the main region of
// the number's own calling code, or "+800" for a non-geographic one.
std::string InvalidNumberReason(const i18n::phonenumbers::PhoneNumber& number,
                                const PhoneOptions& options, int region_calling_code);

}  // namespace sluice::phone_internal

// libphonenumber's own metadata, read straight from the serialized collection the library loads,
// so the fast path can compile the same patterns the library matches with.
#pragma once

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sluice::phone_internal {

inline const i18n::phonenumbers::PhoneNumberUtil& Util() {
  return *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
}

struct DescPattern {
  std::string pattern;
  std::vector<int> possible_lengths;  // empty: same as the general description

  // IsNumberMatchingDesc for a national number of `length` digits, minus the regex itself.
  bool CanMatchNsnOfLength(int length) const {
    if (pattern.empty()) return false;
    return possible_lengths.empty() || std::find(possible_lengths.begin(), possible_lengths.end(),
                                                 length) != possible_lengths.end();
  }
};

struct RegionPatterns {
  std::string id;
  int calling_code = 0;
  std::optional<std::string> leading_digits;
  bool same_mobile_and_fixed_line = false;
  DescPattern general;
  DescPattern mobile;
  std::vector<DescPattern> other_types;  // every type GetNumberTypeHelper tries except mobile
};

// The regions of one calling code, by region id. Throws std::runtime_error on malformed metadata.
std::map<std::string, RegionPatterns> ReadRegionsOfCallingCode(int calling_code);

}  // namespace sluice::phone_internal

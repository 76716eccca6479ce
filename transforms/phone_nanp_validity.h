// IsValidNumber for +1 numbers without the library's regexes: per-length DFAs compiled once per
// process from libphonenumber's own metadata, for the phone normalizer's fast path.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace sluice {

namespace phone_internal {
constexpr int kNanpCallingCode = 1;
struct RegionPatterns;
class DigitNfa;
}  // namespace phone_internal

// IsValidNumber for +1 numbers, as one DFA over the digits per national-number length a region
// allows. It mirrors the library's rules: the region is the first of
// GetRegionCodesForCountryCallingCode whose leading_digits match (or, without leading_digits,
// for which the number has a type); the number is valid when it matches that region's general
// description and one of its types, each with its possible lengths.
class NanpValidity {
 public:
  // Null when the metadata cannot be compiled (the fast path then stays off).
  static const NanpValidity* Instance() {
    static const std::unique_ptr<NanpValidity> instance = Build();
    return instance.get();
  }

  // `length` digits at `nsn`, 1 <= length <= kMaxNsnLength.
  bool IsValid(const char* nsn, int length) const {
    const Dfa& dfa = by_length_[length];
    if (dfa.next.empty()) return false;  // no region's general description has this length
    int state = 0;
    for (int i = 0; i < length; ++i) state = dfa.next[state][nsn[i] - '0'];
    return dfa.valid[state] != 0;
  }

  static constexpr int kMaxNsnLength = 17;  // PhoneNumberUtil::kMaxLengthForNsn

 private:
  struct Dfa {
    std::vector<std::array<int32_t, 10>> next;
    std::vector<uint8_t> valid;
  };

  struct RegionMatchers;

  static std::unique_ptr<NanpValidity> Build();
  static Dfa Compile(const std::vector<const phone_internal::RegionPatterns*>& regions, int length);
  // Subset construction, breadth first and cut at `length` digits (deeper states are unused).
  static Dfa Determinize(const phone_internal::DigitNfa& nfa,
                         const std::vector<RegionMatchers>& matchers, int length);
  static bool IsValidSet(const std::vector<int>& set, const std::vector<RegionMatchers>& matchers);

  std::array<Dfa, kMaxNsnLength + 1> by_length_;
};

}  // namespace sluice

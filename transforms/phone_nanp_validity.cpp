// Compiles the +1 regions' metadata patterns into one validity DFA per national-number length.
#include "transforms/phone_nanp_validity.h"

#include <algorithm>
#include <list>
#include <map>
#include <set>
#include <string>

#include "transforms/phone_digit_automaton.h"
#include "transforms/phone_metadata.h"

namespace sluice {

using phone_internal::DescPattern;
using phone_internal::DigitNfa;
using phone_internal::DigitRegexParser;
using phone_internal::kAnyDigit;
using phone_internal::kNanpCallingCode;
using phone_internal::ReadRegionsOfCallingCode;
using phone_internal::RegexTree;
using phone_internal::RegionPatterns;
using phone_internal::Util;

struct NanpValidity::RegionMatchers {
  bool has_leading = false;
  int leading = -1;  // accepting state of leading_digits followed by any digits
  int general = -1;
  std::vector<int> types;
};

std::unique_ptr<NanpValidity> NanpValidity::Build() {
  try {
    std::map<std::string, RegionPatterns> by_id = ReadRegionsOfCallingCode(kNanpCallingCode);
    std::list<std::string> order;
    Util().GetRegionCodesForCountryCallingCode(kNanpCallingCode, &order);
    std::vector<const RegionPatterns*> regions;
    std::set<int> lengths;
    for (const auto& id : order) {
      auto it = by_id.find(id);
      // Without general lengths any length could be valid: nothing to bound the work by.
      if (it == by_id.end() || it->second.general.possible_lengths.empty()) return nullptr;
      regions.push_back(&it->second);
      lengths.insert(it->second.general.possible_lengths.begin(),
                     it->second.general.possible_lengths.end());
    }
    if (regions.empty()) return nullptr;
    auto result = std::unique_ptr<NanpValidity>(new NanpValidity());
    for (int length : lengths) {
      if (length >= 1 && length <= kMaxNsnLength) {
        result->by_length_[length] = Compile(regions, length);
      }
    }
    return result;
  } catch (const std::exception&) {
    return nullptr;
  }
}

NanpValidity::Dfa NanpValidity::Compile(const std::vector<const RegionPatterns*>& regions,
                                        int length) {
  DigitNfa nfa;
  std::vector<RegionMatchers> matchers;
  auto add = [&nfa, length](const DescPattern& desc) {
    if (!desc.CanMatchNsnOfLength(length)) return -1;
    return nfa.AddRegex(DigitRegexParser(desc.pattern).Parse());
  };
  for (const RegionPatterns* region : regions) {
    RegionMatchers m;
    if (region->leading_digits) {
      // A prefix match (lookingAt) is a whole match of the pattern followed by any digits.
      RegexTree prefix{RegexTree::kConcat};
      prefix.children.push_back(DigitRegexParser(*region->leading_digits).Parse());
      RegexTree any{RegexTree::kRepeat};
      any.min = 0;
      any.max = -1;
      any.children.push_back(RegexTree{RegexTree::kDigits, kAnyDigit});
      prefix.children.push_back(std::move(any));
      m.has_leading = true;
      m.leading = nfa.AddRegex(prefix);
    }
    m.general = add(region->general);
    for (const auto& desc : region->other_types) {
      int accept = add(desc);
      if (accept >= 0) m.types.push_back(accept);
    }
    if (!region->same_mobile_and_fixed_line) {
      int accept = add(region->mobile);
      if (accept >= 0) m.types.push_back(accept);
    }
    matchers.push_back(std::move(m));
  }
  return Determinize(nfa, matchers, length);
}

NanpValidity::Dfa NanpValidity::Determinize(const DigitNfa& nfa,
                                            const std::vector<RegionMatchers>& matchers,
                                            int length) {
  Dfa dfa;
  std::map<std::vector<int>, int> ids;
  std::vector<std::vector<int>> sets;
  std::vector<int> depth;
  auto intern = [&](std::vector<int> set, int at_depth) {
    auto [it, inserted] = ids.emplace(set, static_cast<int>(sets.size()));
    if (inserted) {
      sets.push_back(std::move(set));
      depth.push_back(at_depth);
      dfa.next.push_back({});
      dfa.next.back().fill(0);
    }
    return it->second;
  };
  intern(nfa.Start(), 0);
  for (size_t id = 0; id < sets.size(); ++id) {
    if (depth[id] == length) continue;
    for (int digit = 0; digit < 10; ++digit) {
      int target = intern(nfa.Step(sets[id], digit), depth[id] + 1);
      dfa.next[id][digit] = target;
    }
  }
  dfa.valid.reserve(sets.size());
  for (const auto& set : sets) dfa.valid.push_back(IsValidSet(set, matchers) ? 1 : 0);
  return dfa;
}

bool NanpValidity::IsValidSet(const std::vector<int>& set,
                              const std::vector<RegionMatchers>& matchers) {
  auto has = [&set](int accept) {
    return accept >= 0 && std::binary_search(set.begin(), set.end(), accept);
  };
  auto valid_in = [&has](const RegionMatchers& m) {
    return has(m.general) && std::any_of(m.types.begin(), m.types.end(), has);
  };
  for (const auto& m : matchers) {
    bool chosen = m.has_leading ? has(m.leading) : valid_in(m);
    if (chosen) return valid_in(m);
  }
  return false;
}

}  // namespace sluice

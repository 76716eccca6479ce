// PhoneNormalizer: libphonenumber's Parse / IsValidNumber / Format, plus a fast path for the
// common North American shapes whose answers are byte-identical to the library's.
//
// Why a fast path at all: the Debian build of libphonenumber runs ICU regexes, ~15-20 us a
// number, 15 s or more for a million rows. The fast path hand-parses the NANP shapes (region US
// or CA) to their national number and decides validity with digit automata compiled, once per
// process, from the library's own metadata (the same patterns, the same region-selection rules);
// the reasons for invalid numbers come from the library too, asked once per number length.
// Anything it does not cover goes to the library. tests/transforms/phone_normalizer_test.cpp (a
// 200k-value generated corpus) and tests/fuzz/phone_fuzz.cpp hold the two paths to the same
// output.
#include "transforms/phone_normalizer.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>

namespace i18n::phonenumbers {
// Defined in the library (metadata.cc) without an installed header: the serialized
// PhoneMetadataCollection that PhoneNumberUtil itself loads at start-up.
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace sluice {

namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& Util() { return *PhoneNumberUtil::GetInstance(); }

constexpr int kNanpCallingCode = 1;
constexpr int kNanpNsnLength = 10;

// ---------------------------------------------------------------------------------------------
// Reading the library's metadata. The message classes are generated into the library, but
// parsing them needs libprotobuf at link time; the wire format is simple enough to walk here,
// with the field numbers taken from the generated header.

class WireReader {
 public:
  explicit WireReader(std::string_view bytes)
      : p_(reinterpret_cast<const uint8_t*>(bytes.data())), end_(p_ + bytes.size()) {}

  bool AtEnd() const { return p_ == end_; }

  void ReadKey(int& field, int& wire_type) {
    uint64_t key = ReadVarint();
    field = static_cast<int>(key >> 3);
    wire_type = static_cast<int>(key & 7);
  }

  uint64_t ReadVarint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) throw std::runtime_error("truncated varint");
      uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw std::runtime_error("varint too long");
  }

  std::string_view ReadBytes() {
    uint64_t size = ReadVarint();
    if (size > static_cast<uint64_t>(end_ - p_)) throw std::runtime_error("truncated field");
    std::string_view bytes(reinterpret_cast<const char*>(p_), size);
    p_ += size;
    return bytes;
  }

  void Skip(int wire_type) {
    switch (wire_type) {
      case 0:
        ReadVarint();
        return;
      case 1:
        Advance(8);
        return;
      case 2:
        ReadBytes();
        return;
      case 5:
        Advance(4);
        return;
      default:
        throw std::runtime_error("unsupported wire type");
    }
  }

 private:
  void Advance(size_t n) {
    if (n > static_cast<size_t>(end_ - p_)) throw std::runtime_error("truncated field");
    p_ += n;
  }

  const uint8_t* p_;
  const uint8_t* end_;
};

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

DescPattern ReadDesc(std::string_view bytes) {
  DescPattern desc;
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (field == PhoneNumberDesc::kNationalNumberPatternFieldNumber && wire_type == 2) {
      desc.pattern = std::string(reader.ReadBytes());
    } else if (field == PhoneNumberDesc::kPossibleLengthFieldNumber && wire_type == 0) {
      desc.possible_lengths.push_back(static_cast<int>(reader.ReadVarint()));
    } else if (field == PhoneNumberDesc::kPossibleLengthFieldNumber && wire_type == 2) {
      WireReader packed(reader.ReadBytes());
      while (!packed.AtEnd()) {
        desc.possible_lengths.push_back(static_cast<int>(packed.ReadVarint()));
      }
    } else {
      reader.Skip(wire_type);
    }
  }
  return desc;
}

RegionPatterns ReadRegion(std::string_view bytes) {
  RegionPatterns region;
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (wire_type == 0 && field == PhoneMetadata::kCountryCodeFieldNumber) {
      region.calling_code = static_cast<int>(reader.ReadVarint());
    } else if (wire_type == 0 &&
               field == PhoneMetadata::kSameMobileAndFixedLinePatternFieldNumber) {
      region.same_mobile_and_fixed_line = reader.ReadVarint() != 0;
    } else if (wire_type != 2) {
      reader.Skip(wire_type);
    } else if (field == PhoneMetadata::kIdFieldNumber) {
      region.id = std::string(reader.ReadBytes());
    } else if (field == PhoneMetadata::kLeadingDigitsFieldNumber) {
      region.leading_digits = std::string(reader.ReadBytes());
    } else if (field == PhoneMetadata::kGeneralDescFieldNumber) {
      region.general = ReadDesc(reader.ReadBytes());
    } else if (field == PhoneMetadata::kMobileFieldNumber) {
      region.mobile = ReadDesc(reader.ReadBytes());
    } else if (field == PhoneMetadata::kFixedLineFieldNumber ||
               field == PhoneMetadata::kTollFreeFieldNumber ||
               field == PhoneMetadata::kPremiumRateFieldNumber ||
               field == PhoneMetadata::kSharedCostFieldNumber ||
               field == PhoneMetadata::kPersonalNumberFieldNumber ||
               field == PhoneMetadata::kVoipFieldNumber ||
               field == PhoneMetadata::kPagerFieldNumber ||
               field == PhoneMetadata::kUanFieldNumber ||
               field == PhoneMetadata::kVoicemailFieldNumber) {
      region.other_types.push_back(ReadDesc(reader.ReadBytes()));
    } else {
      reader.Skip(wire_type);
    }
  }
  return region;
}

std::map<std::string, RegionPatterns> ReadRegionsOfCallingCode(int calling_code) {
  std::string_view blob(static_cast<const char*>(i18n::phonenumbers::metadata_get()),
                        static_cast<size_t>(i18n::phonenumbers::metadata_size()));
  std::map<std::string, RegionPatterns> regions;
  WireReader reader(blob);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (field != PhoneMetadataCollection::kMetadataFieldNumber || wire_type != 2) {
      reader.Skip(wire_type);
      continue;
    }
    RegionPatterns region = ReadRegion(reader.ReadBytes());
    if (region.calling_code == calling_code) regions[region.id] = std::move(region);
  }
  return regions;
}

// ---------------------------------------------------------------------------------------------
// The metadata's patterns use a small regex subset over digits: literals, \d, classes, (?:...),
// |, ?, *, +, {n}, {n,m}. Parse them to a tree; anything outside the subset throws, which turns
// the fast path off rather than guessing.

struct RegexTree {
  enum Kind { kDigits, kConcat, kAlternation, kRepeat } kind = kConcat;
  uint16_t digits = 0;  // kDigits: bit d set when digit d matches
  int min = 1;          // kRepeat
  int max = 1;          // kRepeat; -1 is unbounded
  std::vector<RegexTree> children;
};

constexpr uint16_t kAnyDigit = 0x3ff;

class DigitRegexParser {
 public:
  explicit DigitRegexParser(std::string_view pattern) : s_(pattern) {}

  RegexTree Parse() {
    RegexTree tree = ParseAlternation();
    if (pos_ != s_.size()) Fail();
    return tree;
  }

 private:
  [[noreturn]] void Fail() const {
    throw std::runtime_error("unsupported pattern syntax in '" + std::string(s_) + "'");
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  RegexTree ParseAlternation() {
    RegexTree alternation{RegexTree::kAlternation};
    alternation.children.push_back(ParseConcat());
    while (Eat('|')) alternation.children.push_back(ParseConcat());
    if (alternation.children.size() == 1) return std::move(alternation.children.front());
    return alternation;
  }

  RegexTree ParseConcat() {
    RegexTree concat{RegexTree::kConcat};
    while (pos_ < s_.size() && !Peek('|') && !Peek(')')) concat.children.push_back(ParseRepeat());
    return concat;
  }

  RegexTree ParseRepeat() {
    RegexTree atom = ParseAtom();
    while (true) {
      int min = 0;
      int max = 0;
      if (Eat('?')) {
        min = 0, max = 1;
      } else if (Eat('*')) {
        min = 0, max = -1;
      } else if (Eat('+')) {
        min = 1, max = -1;
      } else if (Eat('{')) {
        min = max = ParseNumber();
        if (Eat(',')) max = Peek('}') ? -1 : ParseNumber();
        if (!Eat('}') || (max != -1 && max < min)) Fail();
      } else {
        return atom;
      }
      if (Peek('?') || Peek('+')) Fail();  // lazy or possessive quantifiers
      RegexTree repeat{RegexTree::kRepeat};
      repeat.min = min;
      repeat.max = max;
      repeat.children.push_back(std::move(atom));
      atom = std::move(repeat);
    }
  }

  int ParseNumber() {
    int value = 0;
    size_t start = pos_;
    while (pos_ < s_.size() && IsDigit(s_[pos_]) && value < 1000)
      value = value * 10 + (s_[pos_++] - '0');
    if (pos_ == start || value >= 1000) Fail();
    return value;
  }

  RegexTree ParseAtom() {
    if (pos_ >= s_.size()) Fail();
    char c = s_[pos_++];
    if (IsDigit(c)) return Digits(static_cast<uint16_t>(1u << (c - '0')));
    if (c == '\\') {
      if (!Eat('d')) Fail();
      return Digits(kAnyDigit);
    }
    if (c == '[') return Digits(ParseClass());
    if (c == '(') {
      if (Eat('?') && !Eat(':')) Fail();
      RegexTree inner = ParseAlternation();
      if (!Eat(')')) Fail();
      return inner;
    }
    Fail();
  }

  uint16_t ParseClass() {
    bool negated = Eat('^');
    uint16_t set = 0;
    bool first = true;
    while (first || !Peek(']')) {
      first = false;
      if (pos_ >= s_.size()) Fail();
      char c = s_[pos_++];
      if (c == '\\') {
        if (!Eat('d')) Fail();
        set |= kAnyDigit;
        continue;
      }
      if (!IsDigit(c)) Fail();
      char last = c;
      if (Peek('-') && pos_ + 1 < s_.size() && s_[pos_ + 1] != ']') {
        ++pos_;
        last = s_[pos_++];
        if (!IsDigit(last) || last < c) Fail();
      }
      for (char d = c; d <= last; ++d) set |= static_cast<uint16_t>(1u << (d - '0'));
    }
    ++pos_;  // ']'
    return negated ? static_cast<uint16_t>(~set & kAnyDigit) : set;
  }

  static RegexTree Digits(uint16_t set) {
    RegexTree tree{RegexTree::kDigits};
    tree.digits = set;
    return tree;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// A Thompson automaton holding many regexes at once, each with its own accepting state, so one
// subset construction decides all of them in a single pass over the digits.
class DigitNfa {
 public:
  // Adds a whole-string matcher; returns its accepting state.
  int AddRegex(const RegexTree& tree) {
    int accept = AddState({0, true, {}});
    starts_.push_back(Compile(tree, accept));
    return accept;
  }

  // The consuming and accepting states reachable from `seeds` without reading a digit.
  std::vector<int> Closure(const std::vector<int>& seeds) const {
    std::vector<char> seen(states_.size(), 0);
    std::vector<int> stack(seeds);
    std::vector<int> out;
    while (!stack.empty()) {
      int s = stack.back();
      stack.pop_back();
      if (seen[s]) continue;
      seen[s] = 1;
      const State& state = states_[s];
      if (state.digits != 0 || state.accept) {
        out.push_back(s);
      } else {
        stack.insert(stack.end(), state.next.begin(), state.next.end());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<int> Start() const { return Closure(starts_); }

  std::vector<int> Step(const std::vector<int>& set, int digit) const {
    std::vector<int> seeds;
    for (int s : set) {
      if (states_[s].digits & (1u << digit)) seeds.push_back(states_[s].next.front());
    }
    return Closure(seeds);
  }

 private:
  struct State {
    uint16_t digits;  // non-zero: reads one of these digits, then goes to next[0]
    bool accept;
    std::vector<int> next;  // digits == 0: epsilon moves
  };

  int AddState(State state) {
    states_.push_back(std::move(state));
    return static_cast<int>(states_.size()) - 1;
  }

  // Builds backwards: returns the entry of `tree` whose exit leads to `next`.
  int Compile(const RegexTree& tree, int next) {
    switch (tree.kind) {
      case RegexTree::kDigits:
        return AddState({tree.digits, false, {next}});
      case RegexTree::kConcat:
        for (auto it = tree.children.rbegin(); it != tree.children.rend(); ++it) {
          next = Compile(*it, next);
        }
        return next;
      case RegexTree::kAlternation: {
        std::vector<int> entries;
        for (const auto& child : tree.children) entries.push_back(Compile(child, next));
        return AddState({0, false, std::move(entries)});
      }
      case RegexTree::kRepeat: {
        const RegexTree& body = tree.children.front();
        int entry = next;
        if (tree.max < 0) {
          int loop = AddState({0, false, {}});
          int body_entry = Compile(body, loop);
          states_[loop].next = {body_entry, next};
          entry = loop;
        } else {
          for (int i = tree.min; i < tree.max; ++i) {
            int body_entry = Compile(body, entry);
            entry = AddState({0, false, {body_entry, next}});
          }
        }
        for (int i = 0; i < tree.min; ++i) entry = Compile(body, entry);
        return entry;
      }
    }
    return next;
  }

  std::vector<State> states_;
  std::vector<int> starts_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
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

  struct RegionMatchers {
    bool has_leading = false;
    int leading = -1;  // accepting state of leading_digits followed by any digits
    int general = -1;
    std::vector<int> types;
  };

  static std::unique_ptr<NanpValidity> Build() {
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

  static Dfa Compile(const std::vector<const RegionPatterns*>& regions, int length) {
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

  // Subset construction, breadth first and cut at `length` digits (deeper states are unused).
  static Dfa Determinize(const DigitNfa& nfa, const std::vector<RegionMatchers>& matchers,
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

  static bool IsValidSet(const std::vector<int>& set, const std::vector<RegionMatchers>& matchers) {
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

  std::array<Dfa, kMaxNsnLength + 1> by_length_;
};

namespace {

// ---------------------------------------------------------------------------------------------
// Reasons. They name what is wrong in the user's terms and stay stable across runs.

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

// The configured region when the number carries its calling code, otherwise the main region of
// the number's own calling code, or "+800" for a non-geographic one.
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

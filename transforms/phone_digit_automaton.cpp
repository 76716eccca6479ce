// Parses the metadata's digit patterns and compiles them into one Thompson NFA.
#include "transforms/phone_digit_automaton.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sluice::phone_internal {

RegexTree DigitRegexParser::Parse() {
  RegexTree tree = ParseAlternation();
  if (pos_ != s_.size()) Fail();
  return tree;
}

void DigitRegexParser::Fail() const {
  throw std::runtime_error("unsupported pattern syntax in '" + std::string(s_) + "'");
}

RegexTree DigitRegexParser::ParseAlternation() {
  RegexTree alternation{RegexTree::kAlternation};
  alternation.children.push_back(ParseConcat());
  while (Eat('|')) alternation.children.push_back(ParseConcat());
  if (alternation.children.size() == 1) return std::move(alternation.children.front());
  return alternation;
}

RegexTree DigitRegexParser::ParseConcat() {
  RegexTree concat{RegexTree::kConcat};
  while (pos_ < s_.size() && !Peek('|') && !Peek(')')) concat.children.push_back(ParseRepeat());
  return concat;
}

RegexTree DigitRegexParser::ParseRepeat() {
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

int DigitRegexParser::ParseNumber() {
  int value = 0;
  size_t start = pos_;
  while (pos_ < s_.size() && IsDigit(s_[pos_]) && value < 1000)
    value = value * 10 + (s_[pos_++] - '0');
  if (pos_ == start || value >= 1000) Fail();
  return value;
}

RegexTree DigitRegexParser::ParseAtom() {
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

uint16_t DigitRegexParser::ParseClass() {
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

RegexTree DigitRegexParser::Digits(uint16_t set) {
  RegexTree tree{RegexTree::kDigits};
  tree.digits = set;
  return tree;
}

int DigitNfa::AddRegex(const RegexTree& tree) {
  int accept = AddState({0, true, {}});
  starts_.push_back(Compile(tree, accept));
  return accept;
}

std::vector<int> DigitNfa::Closure(const std::vector<int>& seeds) const {
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

std::vector<int> DigitNfa::Step(const std::vector<int>& set, int digit) const {
  std::vector<int> seeds;
  for (int s : set) {
    if (states_[s].digits & (1u << digit)) seeds.push_back(states_[s].next.front());
  }
  return Closure(seeds);
}

int DigitNfa::AddState(State state) {
  states_.push_back(std::move(state));
  return static_cast<int>(states_.size()) - 1;
}

int DigitNfa::Compile(const RegexTree& tree, int next) {
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

}  // namespace sluice::phone_internal

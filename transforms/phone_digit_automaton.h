// Digit automata from libphonenumber's metadata patterns: a parser for their regex subset and a
// Thompson NFA that decides many of them in one pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sluice::phone_internal {

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

  // Throws std::runtime_error for syntax outside the subset.
  RegexTree Parse();

 private:
  [[noreturn]] void Fail() const;
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  RegexTree ParseAlternation();
  RegexTree ParseConcat();
  RegexTree ParseRepeat();
  int ParseNumber();
  RegexTree ParseAtom();
  uint16_t ParseClass();
  static RegexTree Digits(uint16_t set);

  std::string_view s_;
  size_t pos_ = 0;
};

// A Thompson automaton holding many regexes at once, each with its own accepting state, so one
// subset construction decides all of them in a single pass over the digits.
class DigitNfa {
 public:
  // Adds a whole-string matcher; returns its accepting state.
  int AddRegex(const RegexTree& tree);

  // The consuming and accepting states reachable from `seeds` without reading a digit.
  std::vector<int> Closure(const std::vector<int>& seeds) const;

  std::vector<int> Start() const { return Closure(starts_); }

  std::vector<int> Step(const std::vector<int>& set, int digit) const;

 private:
  struct State {
    uint16_t digits;  // non-zero: reads one of these digits, then goes to next[0]
    bool accept;
    std::vector<int> next;  // digits == 0: epsilon moves
  };

  int AddState(State state);

  // Builds backwards: returns the entry of `tree` whose exit leads to `next`.
  int Compile(const RegexTree& tree, int next);

  std::vector<State> states_;
  std::vector<int> starts_;
};

}  // namespace sluice::phone_internal

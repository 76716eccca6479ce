// A regular expression compiled once for null_if and regex_replace. It is std::regex (ECMAScript
// syntax, byte-wise: '.' matches one byte of a multi-byte character) because RE2 is not among the
// build's packages. libstdc++'s matcher recurses once per input character, about 1 KB of stack
// each, so values longer than kMaxInputBytes are refused instead of risking a worker's stack.
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace sluice {

class TextRegex {
 public:
  static constexpr size_t kMaxInputBytes = 1024;

  // A pattern that does not compile is a ConfigError at `where`.
  TextRegex(const std::string& pattern, bool ignore_case, const std::string& where);

  // Why `text` cannot be matched (it is too long), or nullopt when it can.
  static std::optional<std::string> Refusal(std::string_view text);

  // Whether the whole of `text` matches (an anchored match, like a CHECK constraint).
  bool FullMatch(std::string_view text) const;
  // Writes `text` with the first or every match replaced into `out` (cleared first). The
  // replacement uses ECMAScript's $1..$99, $& (the match) and $$ (a dollar).
  void Replace(std::string_view text, const std::string& replacement, bool all,
               std::string& out) const;
  // A ConfigError at `where` when `replacement` names a group the pattern does not have.
  void CheckReplacement(const std::string& replacement, const std::string& where) const;

 private:
  std::regex regex_;
};

}  // namespace sluice

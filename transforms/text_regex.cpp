// TextRegex: compile-once std::regex with a length guard and replacement checks.
#include "transforms/text_regex.h"

#include <iterator>

#include "pipeline/errors.h"

namespace sluice {

TextRegex::TextRegex(const std::string& pattern, bool ignore_case, const std::string& where) {
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  if (ignore_case) flags |= std::regex::icase;
  try {
    regex_.assign(pattern, flags);
  } catch (const std::regex_error& e) {
    throw ConfigError(where, "pattern '" + pattern + "' does not compile: " + e.what());
  }
}

std::optional<std::string> TextRegex::Refusal(std::string_view text) {
  if (text.size() <= kMaxInputBytes) return std::nullopt;
  return "value is " + std::to_string(text.size()) + " bytes, longer than the " +
         std::to_string(kMaxInputBytes) + " a regex transform handles";
}

bool TextRegex::FullMatch(std::string_view text) const {
  return std::regex_match(text.begin(), text.end(), regex_);
}

void TextRegex::Replace(std::string_view text, const std::string& replacement, bool all,
                        std::string& out) const {
  out.clear();
  auto flags = all ? std::regex_constants::format_default : std::regex_constants::format_first_only;
  std::regex_replace(std::back_inserter(out), text.begin(), text.end(), regex_, replacement, flags);
}

// Mirrors how libstdc++ reads a group reference: '$' then one digit, or two when two follow.
void TextRegex::CheckReplacement(const std::string& replacement, const std::string& where) const {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i + 1 < replacement.size(); ++i) {
    if (replacement[i] != '$') continue;
    if (replacement[i + 1] == '$') {
      ++i;
      continue;
    }
    if (!is_digit(replacement[i + 1])) continue;
    size_t group = replacement[i + 1] - '0';
    if (i + 2 < replacement.size() && is_digit(replacement[i + 2])) {
      group = group * 10 + (replacement[i + 2] - '0');
    }
    if (group > regex_.mark_count()) {
      throw ConfigError(where, "replacement '" + replacement + "' refers to group $" +
                                   std::to_string(group) + " but the pattern has " +
                                   std::to_string(regex_.mark_count()));
    }
  }
}

}  // namespace sluice

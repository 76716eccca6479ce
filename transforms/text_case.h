// Case mapping for lower, upper and title: Unicode simple (one code point to one) mappings for
// ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic, the scripts of the names and places a
// legacy export holds. Other code points and invalid bytes pass through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace sluice {

char32_t ToLowerCodePoint(char32_t cp);
char32_t ToUpperCodePoint(char32_t cp);

// Case-maps `text` into `out` (cleared first). Title case upper-cases the first letter of each
// word and lower-cases the rest; see TitleCase in text_case.cpp for what a word is.
void LowerCase(std::string_view text, std::string& out);
void UpperCase(std::string_view text, std::string& out);
void TitleCase(std::string_view text, std::string& out);

}  // namespace sluice

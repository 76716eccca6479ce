// UTF-8 stepping and the Unicode whitespace set shared by the text transforms. A byte that does
// not start a valid sequence steps as a one-byte unit, so transforms pass bad bytes through
// unharmed instead of failing or swallowing them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

struct CodePoint {
  char32_t value = 0;  // U+FFFD for an invalid byte
  uint8_t length = 1;  // bytes it takes in the text, 1-4
  bool valid = true;
};

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at text[pos] (pos < text.size()). Strict: overlong forms,
// surrogates and values above U+10FFFF are invalid.
inline CodePoint DecodeUtf8(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const size_t left = text.size() - pos;
  const unsigned char b0 = s[0];
  if (b0 < 0x80) return {b0, 1, true};
  auto cont = [&](size_t i) { return i < left && (s[i] & 0xC0) == 0x80; };
  const CodePoint invalid{kReplacementCharacter, 1, false};
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return invalid;
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | (s[1] & 0x3F)), 2, true};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return invalid;
    if (b0 == 0xE0 && s[1] < 0xA0) return invalid;  // overlong
    if (b0 == 0xED && s[1] > 0x9F) return invalid;  // surrogate
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F)), 3,
            true};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return invalid;
    if (b0 == 0xF0 && s[1] < 0x90) return invalid;  // overlong
    if (b0 == 0xF4 && s[1] > 0x8F) return invalid;  // above U+10FFFF
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
                                  ((s[2] & 0x3F) << 6) | (s[3] & 0x3F)),
            4, true};
  }
  return invalid;
}

inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The Unicode White_Space property: ASCII tab..carriage return and space, NEL, NBSP, the
// U+2000 block of typographic spaces, line/paragraph separators, narrow NBSP, ideographic space.
inline bool IsUnicodeSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  if (cp < 0x1680) return cp == 0x85 || cp == 0xA0;
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// The text without leading and trailing Unicode whitespace (a view into `text`).
std::string_view TrimUnicodeSpace(std::string_view text);

bool IsAllUnicodeSpace(std::string_view text);

// Code points in `text`, an invalid byte counting as one.
size_t CountCodePoints(std::string_view text);

// The byte offset after the first `count` code points (text.size() when there are fewer).
size_t ByteOffsetOfCodePoint(std::string_view text, size_t count);

bool IsValidUtf8(std::string_view text);

// A value quoted for a rejection reason, cut to a readable length on a code point boundary.
std::string QuoteForReason(std::string_view text);

}  // namespace sluice

// Simple case mappings and the lower/upper/title loops over UTF-8 text.
#include "transforms/text_case.h"

#include "transforms/text_utf8.h"

namespace sluice {

namespace {

bool InRange(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }
bool IsEven(char32_t cp) { return cp % 2 == 0; }

// Apostrophes keep a word going ("don't", "O'brien"), so title case never capitalises after one
// inside a word; a leading apostrophe ("'n'") does not start a word either.
bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

// Non-ASCII punctuation that separates words: inverted marks, guillemets, dashes, quotes, ellipsis.
bool IsNonAsciiPunctuation(char32_t cp) {
  return cp == 0xA1 || cp == 0xAB || cp == 0xBB || cp == 0xBF || InRange(cp, 0x2010, 0x2015) ||
         cp == 0x2018 || InRange(cp, 0x201A, 0x201F) || cp == 0x2026 || cp == 0x2039 ||
         cp == 0x203A;
}

// Letters and digits of any script: every non-ASCII code point that is neither whitespace nor
// punctuation above counts, and so does an invalid byte (it cannot be told apart from a letter).
bool IsWordCharacter(CodePoint cp) {
  if (!cp.valid) return true;
  if (cp.value < 0x80) {
    char c = static_cast<char>(cp.value);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return !IsUnicodeSpace(cp.value) && !IsNonAsciiPunctuation(cp.value);
}

void AppendMapped(std::string_view text, size_t pos, CodePoint cp, char32_t mapped,
                  std::string& out) {
  if (cp.valid && mapped != cp.value) {
    AppendUtf8(out, mapped);
  } else {
    out.append(text.substr(pos, cp.length));
  }
}

template <typename Map>
void MapEach(std::string_view text, std::string& out, Map map) {
  out.clear();
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    CodePoint cp = DecodeUtf8(text, pos);
    AppendMapped(text, pos, cp, map(cp.value), out);
    pos += cp.length;
  }
}

}  // namespace

char32_t ToLowerCodePoint(char32_t cp) {
  if (cp < 0x80) return InRange(cp, 'A', 'Z') ? cp + 32 : cp;
  if (cp < 0x100) return InRange(cp, 0xC0, 0xDE) && cp != 0xD7 ? cp + 0x20 : cp;
  if (cp < 0x180) {
    if (cp == 0x130) return 'i';
    if (cp == 0x178) return 0xFF;
    bool even_upper =
        InRange(cp, 0x100, 0x12F) || InRange(cp, 0x132, 0x137) || InRange(cp, 0x14A, 0x177);
    bool odd_upper = InRange(cp, 0x139, 0x148) || InRange(cp, 0x179, 0x17E);
    if ((even_upper && IsEven(cp)) || (odd_upper && !IsEven(cp))) return cp + 1;
    return cp;
  }
  if (cp < 0x400) {
    if (cp == 0x386) return 0x3AC;
    if (InRange(cp, 0x388, 0x38A)) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (InRange(cp, 0x38E, 0x38F)) return cp + 63;
    if (InRange(cp, 0x391, 0x3AB) && cp != 0x3A2) return cp + 32;
    return cp;
  }
  if (cp < 0x4C0) {
    if (InRange(cp, 0x400, 0x40F)) return cp + 80;
    if (InRange(cp, 0x410, 0x42F)) return cp + 32;
    if (InRange(cp, 0x48A, 0x4BF) && IsEven(cp)) return cp + 1;
  }
  return cp;
}

char32_t ToUpperCodePoint(char32_t cp) {
  if (cp < 0x80) return InRange(cp, 'a', 'z') ? cp - 32 : cp;
  // The micro sign's simple mapping is Greek capital mu; a unit ("5 µm") must not turn Greek.
  if (cp < 0x100) {
    if (cp == 0xFF) return 0x178;
    return InRange(cp, 0xE0, 0xFE) && cp != 0xF7 ? cp - 0x20 : cp;
  }
  if (cp < 0x180) {
    if (cp == 0x131) return 'I';
    if (cp == 0x17F) return 'S';
    bool odd_lower =
        InRange(cp, 0x101, 0x12F) || InRange(cp, 0x133, 0x137) || InRange(cp, 0x14B, 0x177);
    bool even_lower = InRange(cp, 0x13A, 0x148) || InRange(cp, 0x17A, 0x17E);
    if ((odd_lower && !IsEven(cp)) || (even_lower && IsEven(cp))) return cp - 1;
    return cp;
  }
  if (cp < 0x400) {
    if (cp == 0x3AC) return 0x386;
    if (InRange(cp, 0x3AD, 0x3AF)) return cp - 37;
    if (cp == 0x3CC) return 0x38C;
    if (InRange(cp, 0x3CD, 0x3CE)) return cp - 63;
    if (cp == 0x3C2) return 0x3A3;  // final sigma
    if (InRange(cp, 0x3B1, 0x3CB)) return cp - 32;
    return cp;
  }
  if (cp < 0x4C0) {
    if (InRange(cp, 0x430, 0x44F)) return cp - 32;
    if (InRange(cp, 0x450, 0x45F)) return cp - 80;
    if (InRange(cp, 0x48B, 0x4BF) && !IsEven(cp)) return cp - 1;
  }
  return cp;
}

void LowerCase(std::string_view text, std::string& out) { MapEach(text, out, ToLowerCodePoint); }

void UpperCase(std::string_view text, std::string& out) { MapEach(text, out, ToUpperCodePoint); }

// A word is a run of letters and digits (any script), apostrophes included once the word has
// begun: "ACME corp" -> "Acme Corp", "jean-luc" -> "Jean-Luc", "o'brien" -> "O'brien" (a wrong
// capital is worse than a missing one: "don't" must not become "Don'T"), "3m" -> "3m".
void TitleCase(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    CodePoint cp = DecodeUtf8(text, pos);
    if (cp.valid && IsApostrophe(cp.value)) {
      out.append(text.substr(pos, cp.length));
    } else if (IsWordCharacter(cp)) {
      char32_t mapped = in_word ? ToLowerCodePoint(cp.value) : ToUpperCodePoint(cp.value);
      AppendMapped(text, pos, cp, mapped, out);
      in_word = true;
    } else {
      out.append(text.substr(pos, cp.length));
      in_word = false;
    }
    pos += cp.length;
  }
}

}  // namespace sluice

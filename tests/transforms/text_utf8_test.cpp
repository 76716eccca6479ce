// Tests of the UTF-8 stepping and case mapping under the text transforms.
#include "transforms/text_utf8.h"

#include <gtest/gtest.h>

#include "transforms/text_case.h"

namespace sluice {
namespace {

TEST(DecodeUtf8, DecodesEachSequenceLength) {
  const std::pair<std::string, char32_t> cases[] = {
      {"A", 'A'}, {"\u00E9", 0xE9}, {"\u20AC", 0x20AC}, {"\U0001F600", 0x1F600}};
  for (const auto& [text, expected] : cases) {
    CodePoint cp = DecodeUtf8(text, 0);
    EXPECT_TRUE(cp.valid) << text;
    EXPECT_EQ(static_cast<uint32_t>(cp.value), static_cast<uint32_t>(expected)) << text;
    EXPECT_EQ(cp.length, text.size()) << text;
  }
}

TEST(DecodeUtf8, RejectsMalformedSequencesOneByteAtATime) {
  const std::string cases[] = {
      "\x80",              // stray continuation
      "\xC0\xAF",          // overlong '/'
      "\xE0\x80\xAF",      // overlong, three bytes
      "\xED\xA0\x80",      // surrogate U+D800
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // never a lead byte
      "\xE2\x82",          // cut off
      "\xC3"
      "A",  // lead byte without its continuation
  };
  for (const auto& text : cases) {
    CodePoint cp = DecodeUtf8(text, 0);
    EXPECT_FALSE(cp.valid) << testing::PrintToString(text);
    EXPECT_EQ(cp.length, 1) << testing::PrintToString(text);
    EXPECT_FALSE(IsValidUtf8(text)) << testing::PrintToString(text);
  }
}

TEST(TrimUnicodeSpace, StopsAtAnInvalidTrailingByte) {
  EXPECT_EQ(TrimUnicodeSpace(" a\xA0 "), "a\xA0");  // a lone 0xA0 byte is not NBSP
  EXPECT_EQ(TrimUnicodeSpace("\u3000a\u3000"), "a");
}

TEST(CountCodePoints, CountsAnInvalidByteAsOne) {
  EXPECT_EQ(CountCodePoints("Zo\u00EB"), 3u);
  EXPECT_EQ(CountCodePoints("\xFF\xFE"
                            "a"),
            3u);
  EXPECT_EQ(ByteOffsetOfCodePoint("Zo\u00EB!", 3), 4u);
  EXPECT_EQ(ByteOffsetOfCodePoint("ab", 5), 2u);
}

TEST(QuoteForReason, CutsLongValuesOnACharacterBoundary) {
  EXPECT_EQ(QuoteForReason("abc"), "'abc'");
  std::string long_value;
  for (int i = 0; i < 41; ++i) long_value += "\u00E9";
  std::string expected = "'";
  for (int i = 0; i < 40; ++i) expected += "\u00E9";
  EXPECT_EQ(QuoteForReason(long_value), expected + "...'");
}

// Every pair the tables know maps back and forth, except the few one-way simple mappings.
TEST(CaseMapping, LowerAndUpperAreInversesForCasedPairs) {
  int pairs = 0;
  for (char32_t cp = 0; cp < 0x500; ++cp) {
    char32_t lower = ToLowerCodePoint(cp);
    if (lower != cp && cp != 0x130) {
      EXPECT_EQ(ToUpperCodePoint(lower), cp) << std::hex << static_cast<uint32_t>(cp);
      ++pairs;
    }
    char32_t upper = ToUpperCodePoint(cp);
    if (upper != cp && cp != 0x131 && cp != 0x17F && cp != 0x3C2) {
      EXPECT_EQ(ToLowerCodePoint(upper), cp) << std::hex << static_cast<uint32_t>(cp);
    }
  }
  EXPECT_GT(pairs, 200);
}

TEST(CaseMapping, LeavesUncasedCodePointsAlone) {
  for (char32_t cp : {U'0', U'@', U'\u00D7', U'\u00F7', U'\u00DF', U'\u00B5', U'\u03A2', U'\u65E5',
                      U'\U0001F600'}) {
    EXPECT_EQ(ToLowerCodePoint(cp), cp) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(ToUpperCodePoint(cp), cp) << std::hex << static_cast<uint32_t>(cp);
  }
}

}  // namespace
}  // namespace sluice

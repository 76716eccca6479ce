// Table-driven tests of the cleanup transforms: trim, collapse_whitespace, lower, upper, title
// and substring, each created through the registry as a job would create it.
#include <gtest/gtest.h>

#include "tests/transforms/text_transform_test_support.h"

namespace sluice::text_test {
namespace {

TEST(TrimTransform, RemovesAsciiAndUnicodeSpaceAtBothEnds) {
  ExpectCases("trim", MakeOptions(),
              {
                  {"  Acme  ", Gives("Acme")},
                  {"\tAcme\r\n", Gives("Acme")},
                  {"\u00A0Acme\u00A0", Gives("Acme")},
                  {"\u2003\u3000Acme\u202F", Gives("Acme")},
                  {" \u00E9 ", Gives("\u00E9")},
                  {"Acme", Gives("Acme")},
              });
}

TEST(TrimTransform, KeepsInnerSpaceAndNonSpaceCharacters) {
  ExpectCases("trim", MakeOptions(),
              {
                  {"  Acme   Corp ", Gives("Acme   Corp")},
                  {"x\u200B", Gives("x\u200B")},  // zero-width space is not White_Space
                  {"\xFF ", Gives("\xFF")},       // an invalid byte is kept
                  {" \x80", Gives("\x80")},       // a stray continuation byte too
              });
}

TEST(TrimTransform, TurnsBlankValuesIntoEmptyStringsAndLeavesNullAlone) {
  ExpectCases("trim", MakeOptions(),
              {
                  {"   ", Gives("")},
                  {"", Gives("")},
                  {kNullInput, GivesNull()},
              });
}

TEST(CollapseWhitespaceTransform, TurnsEveryRunOfWhitespaceIntoOneSpaceAndTrims) {
  ExpectCases("collapse_whitespace", MakeOptions(),
              {
                  {"  Acme   Corp  ", Gives("Acme Corp")},
                  {"Acme\t\nCorp", Gives("Acme Corp")},
                  {"Acme\u00A0Corp", Gives("Acme Corp")},
                  {"a  b c   d", Gives("a b c d")},
                  {"Zo\u00EB \u2009 \u00C5ngstr\u00F6m", Gives("Zo\u00EB \u00C5ngstr\u00F6m")},
                  {"a\xFF  b", Gives("a\xFF b")},
              });
}

TEST(CollapseWhitespaceTransform, LeavesTidyAndBlankValuesAsTheyShouldBe) {
  ExpectCases("collapse_whitespace", MakeOptions(),
              {
                  {"Acme Corp", Gives("Acme Corp")},
                  {"", Gives("")},
                  {" \t ", Gives("")},
              });
}

TEST(LowerTransform, LowersAsciiLetters) {
  ExpectCases("lower", MakeOptions(),
              {
                  {"ALICE@Example.COM", Gives("alice@example.com")},
                  {"already lower 123", Gives("already lower 123")},
                  {"", Gives("")},
              });
}

TEST(LowerTransform, LowersLatinGreekAndCyrillicLetters) {
  ExpectCases("lower", MakeOptions(),
              {
                  {"\u00C9COLE", Gives("\u00E9cole")},                        // ÉCOLE
                  {"\u00C0\u00C9\u00CE\u00D5\u00DC\u00C7\u00D1\u00D8\u00DE",  // ÀÉÎÕÜÇÑØÞ
                   Gives("\u00E0\u00E9\u00EE\u00F5\u00FC\u00E7\u00F1\u00F8\u00FE")},
                  {"\u0141\u00D3D\u0179", Gives("\u0142\u00F3d\u017A")},  // ŁÓDŹ
                  {"\u0178ES", Gives("\u00FFes")},                        // ŸES
                  {"\u0391\u0398\u0397\u039D\u0391", Gives("\u03B1\u03B8\u03B7\u03BD\u03B1")},
                  {"\u041C\u041E\u0421\u041A\u0412\u0410",  // МОСКВА
                   Gives("\u043C\u043E\u0441\u043A\u0432\u0430")},
                  {"\u0130", Gives("i")},  // İ, simple mapping
              });
}

TEST(LowerTransform, PassesUncasedCharactersAndInvalidBytesThrough) {
  ExpectCases("lower", MakeOptions(),
              {
                  {"2\u00D73", Gives("2\u00D73")},  // the multiplication sign is not a letter
                  {"STRA\u00DFE", Gives("stra\u00DFe")},
                  {"\u65E5\u672C ABC", Gives("\u65E5\u672C abc")},
                  {"A\xFF"
                   "B",
                   Gives("a\xFF"
                         "b")},
                  {"\xC3", Gives("\xC3")},  // a cut-off sequence stays as it was
              });
}

TEST(UpperTransform, UppersAsciiAndAccentedLetters) {
  ExpectCases("upper", MakeOptions(),
              {
                  {"alice@example.com", Gives("ALICE@EXAMPLE.COM")},
                  {"ABC 123", Gives("ABC 123")},
                  {"\u00E9cole", Gives("\u00C9COLE")},
                  {"\u00FF", Gives("\u0178")},
                  {"\u0142\u00F3d\u017A", Gives("\u0141\u00D3D\u0179")},
                  {"\u0131", Gives("I")},  // dotless i
              });
}

TEST(UpperTransform, UsesSimpleMappingsForGreekAndCyrillic) {
  ExpectCases("upper", MakeOptions(),
              {
                  {"\u03B5\u03BB\u03BB\u03AC\u03C2",  // ελλάς, final sigma
                   Gives("\u0395\u039B\u039B\u0386\u03A3")},
                  {"\u043A\u0438\u0457\u0432", Gives("\u041A\u0418\u0407\u0412")},  // київ
                  {"stra\u00DFe", Gives("STRA\u00DFE")},  // no one-to-one capital sharp s
                  {"5 \u00B5m", Gives("5 \u00B5M")},      // the micro sign stays a unit
              });
}

TEST(TitleTransform, CapitalisesTheFirstLetterOfEachWordAndLowersTheRest) {
  ExpectCases("title", MakeOptions(),
              {
                  {"ACME corp", Gives("Acme Corp")},
                  {"acme corp", Gives("Acme Corp")},
                  {"mcDONALD", Gives("Mcdonald")},
                  {"acme (usa), inc.", Gives("Acme (Usa), Inc.")},
                  {"  spaced   out ", Gives("  Spaced   Out ")},
                  {"", Gives("")},
              });
}

TEST(TitleTransform, StartsWordsAfterHyphensAndDashes) {
  ExpectCases("title", MakeOptions(),
              {
                  {"jean-luc picard", Gives("Jean-Luc Picard")},
                  {"smith\u2013jones", Gives("Smith\u2013Jones")},  // en dash
                  {"mary_ann", Gives("Mary_Ann")},
              });
}

TEST(TitleTransform, KeepsApostrophesInsideWords) {
  ExpectCases("title", MakeOptions(),
              {
                  {"o'brien", Gives("O'brien")},
                  {"don't stop", Gives("Don't Stop")},
                  {"rock 'n' roll", Gives("Rock 'N' Roll")},
                  {"o\u2019neil", Gives("O\u2019neil")},
              });
}

TEST(TitleTransform, TreatsDigitsAndOtherScriptsAsPartOfWords) {
  ExpectCases("title", MakeOptions(),
              {
                  {"3m company", Gives("3m Company")},
                  {"\u65E5\u672C acme", Gives("\u65E5\u672C Acme")},
                  {"\u65E5\u672Cacme", Gives("\u65E5\u672Cacme")},
                  {"\xFF"
                   "abc",
                   Gives("\xFF"
                         "abc")},
              });
}

TEST(TitleTransform, CaseMapsAccentedLetters) {
  ExpectCases("title", MakeOptions(),
              {
                  {"\u00E9cole polytechnique", Gives("\u00C9cole Polytechnique")},
                  {"\u00C9MILE ZOLA", Gives("\u00C9mile Zola")},
                  {"\u0141\u00D3D\u0179", Gives("\u0141\u00F3d\u017A")},  // ŁÓDŹ -> Łódź
                  {"\u00A0acme\u00A0corp", Gives("\u00A0Acme\u00A0Corp")},
              });
}

TEST(SubstringTransform, CountsCharactersNotBytes) {
  ExpectCases("substring", MakeOptions({{"start", Scalar("0")}, {"length", Scalar("3")}}),
              {
                  {"Acme Corp", Gives("Acm")},
                  {"Zo\u00EB Corp", Gives("Zo\u00EB")},
                  {"Zo", Gives("Zo")},
                  {"", Gives("")},
              });
  ExpectCases("substring", MakeOptions({{"start", Scalar("2")}, {"length", Scalar("2")}}),
              {
                  {"\u65E5\u672C\u8A9E\u30C6\u30AD", Gives("\u8A9E\u30C6")},
              });
}

TEST(SubstringTransform, RunsToTheEndWithoutLength) {
  ExpectCases("substring", MakeOptions({{"start", Scalar("2")}}),
              {
                  {"Zo\u00EB \u00C5ngstr\u00F6m", Gives("\u00EB \u00C5ngstr\u00F6m")},
                  {"ab", Gives("")},
                  {"a", Gives("")},
              });
}

TEST(SubstringTransform, CountsANegativeStartFromTheEnd) {
  ExpectCases("substring", MakeOptions({{"start", Scalar("-4")}}),
              {
                  {"4111111111111234", Gives("1234")},
                  {"abc", Gives("abc")},
              });
  ExpectCases("substring", MakeOptions({{"start", Scalar("-3")}, {"length", Scalar("2")}}),
              {
                  {"\u00C5ngstr\u00F6m", Gives("r\u00F6")},
              });
}

TEST(SubstringTransform, GivesEmptyTextPastTheEndOrForZeroLength) {
  ExpectCases("substring", MakeOptions({{"start", Scalar("10")}}), {{"short", Gives("")}});
  ExpectCases("substring", MakeOptions({{"length", Scalar("0")}}), {{"abc", Gives("")}});
}

TEST(SubstringTransform, CountsAnInvalidByteAsOneCharacter) {
  ExpectCases("substring", MakeOptions({{"start", Scalar("1")}, {"length", Scalar("1")}}),
              {{"\xFF"
                "ab",
                Gives("a")}});
}

}  // namespace
}  // namespace sluice::text_test

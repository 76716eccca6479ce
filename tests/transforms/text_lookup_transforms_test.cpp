// Table-driven tests of default, null_if, map and regex_replace through the registry.
#include <gtest/gtest.h>

#include "tests/transforms/text_transform_test_support.h"
#include "transforms/text_regex.h"

namespace sluice::text_test {
namespace {

TEST(DefaultTransform, ReplacesNullEmptyAndBlankValues) {
  ExpectCases("default", MakeOptions({{"value", Scalar("Unknown")}}),
              {
                  {kNullInput, Gives("Unknown")},
                  {"", Gives("Unknown")},
                  {"   ", Gives("Unknown")},
                  {"\u00A0\t", Gives("Unknown")},
                  {"Retail", Gives("Retail")},
                  {" Retail ", Gives(" Retail ")},
              });
}

TEST(DefaultTransform, ReplacesOnlyNullWhenOnEmptyIsOff) {
  ExpectCases("default", MakeOptions({{"value", Scalar("Unknown")}, {"on_empty", Scalar("false")}}),
              {
                  {kNullInput, Gives("Unknown")},
                  {"", Gives("")},
                  {"  ", Gives("  ")},
              });
}

TEST(DefaultTransform, CanDefaultToEmptyText) {
  ExpectCases("default", MakeOptions({{"value", Scalar("")}}), {{kNullInput, Gives("")}});
}

TEST(NullIfTransform, NullsExactlyTheListedValues) {
  ExpectCases("null_if", MakeOptions({{"values", ListOf({"N/A", "", "-"})}}),
              {
                  {"N/A", GivesNull()},
                  {"", GivesNull()},
                  {"-", GivesNull()},
                  {"n/a", Gives("n/a")},
                  {"N/A ", Gives("N/A ")},
                  {"Acme", Gives("Acme")},
              });
}

TEST(NullIfTransform, AcceptsOneValueAsAScalar) {
  ExpectCases("null_if", MakeOptions({{"values", Scalar("NULL")}}),
              {{"NULL", GivesNull()}, {"null", Gives("null")}});
}

TEST(NullIfTransform, IgnoresCaseWhenAsked) {
  ExpectCases("null_if",
              MakeOptions({{"values", ListOf({"n/a", "Null"})}, {"ignore_case", Scalar("true")}}),
              {
                  {"N/A", GivesNull()},
                  {"NULL", GivesNull()},
                  {"null", GivesNull()},
                  {"nullable", Gives("nullable")},
                  {"\u00C9", Gives("\u00C9")},
              });
}

TEST(NullIfTransform, NullsValuesWhoseWholeTextMatchesTheRegex) {
  ExpectCases("null_if", MakeOptions({{"regex", Scalar("-+|\\?+")}}),
              {
                  {"---", GivesNull()},
                  {"???", GivesNull()},
                  {"-?-", Gives("-?-")},
                  {"a-", Gives("a-")},
              });
  ExpectCases("null_if",
              MakeOptions({{"regex", Scalar("unknown|none")}, {"ignore_case", Scalar("yes")}}),
              {{"UNKNOWN", GivesNull()}, {"None", GivesNull()}, {"nonentity", Gives("nonentity")}});
}

TEST(NullIfTransform, CombinesValuesAndRegex) {
  ExpectCases("null_if", MakeOptions({{"values", ListOf({"N/A"})}, {"regex", Scalar("0+")}}),
              {{"N/A", GivesNull()}, {"000", GivesNull()}, {"100", Gives("100")}});
}

TEST(NullIfTransform, RefusesValuesTooLongForTheRegex) {
  std::string longest(TextRegex::kMaxInputBytes, 'x');
  ExpectCases("null_if", MakeOptions({{"regex", Scalar("x+")}}),
              {
                  {longest, GivesNull()},
                  {longest + "x",
                   Refuses("value is 1025 bytes, longer than the 1024 a regex transform handles")},
              });
}

TEST(MapTransform, ReplacesMappedValuesAndKeepsOthersByDefault) {
  ExpectCases("map", MakeOptions({{"values", MappingOf({{"M", "Male"}, {"F", "Female"}})}}),
              {
                  {"M", Gives("Male")},
                  {"F", Gives("Female")},
                  {"X", Gives("X")},
                  {"m", Gives("m")},
                  {"", Gives("")},
              });
}

TEST(MapTransform, IgnoresCaseOfKeysWhenAsked) {
  ExpectCases("map",
              MakeOptions({{"values", MappingOf({{"M", "Male"}, {"\u00E9cole", "school"}})},
                           {"ignore_case", Scalar("true")}}),
              {
                  {"m", Gives("Male")},
                  {"\u00C9COLE", Gives("school")},
                  {"X", Gives("X")},
              });
}

TEST(MapTransform, GivesTheDefaultForUnmappedValues) {
  ExpectCases("map",
              MakeOptions({{"values", MappingOf({{"M", "Male"}})}, {"default", Scalar("Other")}}),
              {{"M", Gives("Male")}, {"Q", Gives("Other")}});
}

TEST(MapTransform, NullsUnmappedValuesWithOnMissingNull) {
  ExpectCases("map",
              MakeOptions({{"values", MappingOf({{"M", "Male"}})}, {"on_missing", Scalar("null")}}),
              {{"M", Gives("Male")}, {"Q", GivesNull()}});
}

TEST(MapTransform, RejectsUnmappedValuesNamingThem) {
  ExpectCases(
      "map",
      MakeOptions({{"values", MappingOf({{"M", "Male"}})}, {"on_missing", Scalar("reject")}}),
      {
          {"M", Gives("Male")},
          {"Q", Refuses("no mapping for 'Q'")},
          {std::string(50, 'q'), Refuses("no mapping for '" + std::string(40, 'q') + "...'")},
      });
}

TEST(MapTransform, FailsTheRunOnUnmappedValuesWithOnMissingFail) {
  auto transform = TextRegistry().Create(
      "map", MakeOptions({{"values", MappingOf({{"M", "Male"}})}, {"on_missing", Scalar("fail")}}));
  EXPECT_EQ(transform->on_invalid, InvalidPolicy::kFail);
  EXPECT_EQ(RunValue(*transform, "Q"), Refuses("no mapping for 'Q'"));
}

TEST(RegexReplaceTransform, ReplacesEveryMatchByDefault) {
  ExpectCases("regex_replace",
              MakeOptions({{"pattern", Scalar("[^0-9]")}, {"replacement", Scalar("")}}),
              {{"(555) 123-4567", Gives("5551234567")}, {"none", Gives("")}});
  ExpectCases("regex_replace",
              MakeOptions({{"pattern", Scalar("\\s+")}, {"replacement", Scalar(" ")}}),
              {{"Zo\u00EB   \u00C5ngstr\u00F6m", Gives("Zo\u00EB \u00C5ngstr\u00F6m")},
               {"xyz", Gives("xyz")}});
}

TEST(RegexReplaceTransform, ReplacesOnlyTheFirstMatchWithAllFalse) {
  ExpectCases(
      "regex_replace",
      MakeOptions(
          {{"pattern", Scalar("a")}, {"replacement", Scalar("b")}, {"all", Scalar("false")}}),
      {{"banana", Gives("bbnana")}});
}

TEST(RegexReplaceTransform, SubstitutesGroupsTheMatchAndLiteralDollars) {
  ExpectCases(
      "regex_replace",
      MakeOptions({{"pattern", Scalar("(\\w+)@(\\w+)\\.com")}, {"replacement", Scalar("$2:$1")}}),
      {{"alice@example.com", Gives("example:alice")}});
  ExpectCases("regex_replace",
              MakeOptions({{"pattern", Scalar("\\d+")}, {"replacement", Scalar("<$&>")}}),
              {{"a1b22", Gives("a<1>b<22>")}});
  ExpectCases("regex_replace",
              MakeOptions({{"pattern", Scalar("USD")}, {"replacement", Scalar("$$")}}),
              {{"10 USD", Gives("10 $")}});
}

TEST(RegexReplaceTransform, IgnoresCaseWhenAsked) {
  ExpectCases("regex_replace",
              MakeOptions({{"pattern", Scalar("\\s+inc\\.?$")},
                           {"replacement", Scalar(" Inc.")},
                           {"ignore_case", Scalar("true")}}),
              {{"Acme INC", Gives("Acme Inc.")}, {"Acme  inc.", Gives("Acme Inc.")}});
}

TEST(RegexReplaceTransform, RefusesValuesTooLongForTheRegexUnderItsOnInvalidPolicy) {
  auto options = MakeOptions(
      {{"pattern", Scalar("x")}, {"replacement", Scalar("y")}, {"on_invalid", Scalar("keep")}});
  ExpectCases("regex_replace", options,
              {{std::string(2000, 'x'),
                Refuses("value is 2000 bytes, longer than the 1024 a regex transform handles")}});
  EXPECT_EQ(TextRegistry().Create("regex_replace", options)->on_invalid, InvalidPolicy::kKeep);
}

}  // namespace
}  // namespace sluice::text_test

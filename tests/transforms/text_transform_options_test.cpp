// Option errors of the text transforms: every typo, wrong type or impossible value is a
// ConfigError that names the job-file location of the offending key.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/transforms/text_transform_test_support.h"

namespace sluice::text_test {
namespace {

struct OptionErrorCase {
  std::string transform;
  Options options;
  std::string message;
};

void ExpectOptionErrors(const std::vector<OptionErrorCase>& cases) {
  for (const auto& c : cases) EXPECT_EQ(ConfigErrorOf(c.transform, c.options), c.message);
}

constexpr char kAt[] = "job.yaml:12:30";

TEST(TextTransformOptions, RejectUnknownOptionsAtTheirLocation) {
  ExpectOptionErrors({
      {"trim", MakeOptions({{"both", Scalar("true", kAt)}}),
       "job.yaml:12:30: unknown option 'both' for transform 'trim'"},
      {"title", MakeOptions({{"value", Scalar("x", kAt)}}),
       "job.yaml:12:30: unknown option 'value' for transform 'title'"},
      {"map", MakeOptions({{"value", MappingOf({{"a", "b"}}, kAt)}}),
       "job.yaml:12:30: unknown option 'value' for transform 'map' "
       "(known: values, default, on_missing, ignore_case)"},
      {"mask", MakeOptions({{"keep_lats", Scalar("2", kAt)}}),
       "job.yaml:12:30: unknown option 'keep_lats' for transform 'mask' (known: keep_last, char)"},
  });
}

TEST(TextTransformOptions, RejectValuesOfTheWrongTypeAtTheirLocation) {
  ExpectOptionErrors({
      {"substring", MakeOptions({{"start", Scalar("two", kAt)}}),
       "job.yaml:12:30: option 'start' must be an integer, got 'two'"},
      {"default", MakeOptions({{"value", Scalar("x")}, {"on_empty", Scalar("maybe", kAt)}}),
       "job.yaml:12:30: option 'on_empty' must be true or false, got 'maybe'"},
      {"default", MakeOptions({{"value", ListOf({"a", "b"}, kAt)}}),
       "job.yaml:12:30: option 'value' must be a single value"},
      {"map", MakeOptions({{"values", Scalar("a", kAt)}}),
       "job.yaml:12:30: option 'values' must be a mapping"},
      {"null_if", MakeOptions({{"values", MappingOf({{"a", "b"}}, kAt)}}),
       "job.yaml:12:30: option 'values' must be a value or a list"},
      {"mask", MakeOptions({{"keep_last", ListOf({"1"}, kAt)}}),
       "job.yaml:12:30: option 'keep_last' must be a single value"},
  });
}

TEST(TextTransformOptions, RequireTheMainOptionAtTheTransformsLocation) {
  ExpectOptionErrors({
      {"default", MakeOptions({}, kAt),
       "job.yaml:12:30: default needs 'value' (the replacement, e.g. { default: Unknown })"},
      {"substring", MakeOptions({}, kAt),
       "job.yaml:12:30: substring needs 'start', 'length' or both"},
      {"map", MakeOptions({}, kAt),
       "job.yaml:12:30: map needs 'values', a mapping of old value to new"},
      {"null_if", MakeOptions({}, kAt), "job.yaml:12:30: null_if needs 'values', 'regex' or both"},
      {"regex_replace", MakeOptions({{"pattern", Scalar("a")}}, kAt),
       "job.yaml:12:30: regex_replace needs 'replacement' (what a match becomes; \"\" deletes it)"},
      {"hash", MakeOptions({}, kAt),
       "job.yaml:12:30: hash needs 'salt_env', the environment variable that holds the salt"},
  });
}

TEST(TextTransformOptions, RejectImpossibleValues) {
  ExpectOptionErrors({
      {"substring", MakeOptions({{"length", Scalar("-1", kAt)}}),
       "job.yaml:12:30: option 'length' must not be negative, got -1"},
      {"mask", MakeOptions({{"keep_last", Scalar("-2", kAt)}}),
       "job.yaml:12:30: option 'keep_last' must not be negative, got -2"},
      {"mask", MakeOptions({{"char", Scalar("**", kAt)}}),
       "job.yaml:12:30: option 'char' must be one character, got '**'"},
      {"mask", MakeOptions({{"char", Scalar("", kAt)}}),
       "job.yaml:12:30: option 'char' must be one character, got ''"},
      {"map", MakeOptions({{"values", MappingOf({}, kAt)}}),
       "job.yaml:12:30: map 'values' is empty"},
      {"map",
       MakeOptions({{"values", MappingOf({{"a", "b"}})}, {"on_missing", Scalar("drop", kAt)}}),
       "job.yaml:12:30: on_missing must be keep, null, reject or fail, got 'drop'"},
      {"map",
       MakeOptions({{"values", MappingOf({{"a", "b"}})},
                    {"default", Scalar("c")},
                    {"on_missing", Scalar("null", kAt)}}),
       "job.yaml:12:30: map takes 'default' or 'on_missing', not both"},
      {"null_if", MakeOptions({{"values", ListOf({"x"})}, {"on_invalid", Scalar("skip", kAt)}}),
       "job.yaml:12:30: on_invalid must be reject, null, keep or fail, got 'skip'"},
  });
}

TEST(TextTransformOptions, RejectMapKeysThatCollideWithIgnoreCase) {
  EXPECT_EQ(
      ConfigErrorOf("map", MakeOptions({{"values", MappingOf({{"M", "Male"}, {"m", "Mars"}}, kAt)},
                                        {"ignore_case", Scalar("true")}})),
      "job.yaml:12:30: map keys that differ only in case map to different values with "
      "ignore_case: 'm'");
  EXPECT_EQ(ConfigErrorOf("map", MakeOptions({{"values", MappingOf({{"M", "Male"}, {"m", "Male"}})},
                                              {"ignore_case", Scalar("true")}})),
            "no error");
}

TEST(TextTransformOptions, RejectPatternsThatDoNotCompile) {
  std::string message =
      ConfigErrorOf("null_if", MakeOptions({{"regex", Scalar("(unclosed", kAt)}}));
  EXPECT_EQ(message.rfind("job.yaml:12:30: pattern '(unclosed' does not compile: ", 0), 0u)
      << message;
}

TEST(TextTransformOptions, RejectReplacementsNamingMissingGroups) {
  ExpectOptionErrors({
      {"regex_replace",
       MakeOptions({{"pattern", Scalar("(a)(b)")}, {"replacement", Scalar("$3", kAt)}}),
       "job.yaml:12:30: replacement '$3' refers to group $3 but the pattern has 2"},
      {"regex_replace",
       MakeOptions({{"pattern", Scalar("(a)")}, {"replacement", Scalar("$12", kAt)}}),
       "job.yaml:12:30: replacement '$12' refers to group $12 but the pattern has 1"},
      {"regex_replace", MakeOptions({{"pattern", Scalar("(a)")}, {"replacement", Scalar("$$2")}}),
       "no error"},
  });
}

TEST(TextTransformOptions, NameTheSaltVariableButNeverItsValue) {
  unsetenv("SLUICE_TEST_MISSING_SALT");
  setenv("SLUICE_TEST_EMPTY_SALT", "", 1);
  ExpectOptionErrors({
      {"hash", MakeOptions({{"salt_env", Scalar("SLUICE_TEST_MISSING_SALT", kAt)}}),
       "job.yaml:12:30: environment variable 'SLUICE_TEST_MISSING_SALT' named by salt_env is "
       "not set"},
      {"hash", MakeOptions({{"salt_env", Scalar("SLUICE_TEST_EMPTY_SALT", kAt)}}),
       "job.yaml:12:30: environment variable 'SLUICE_TEST_EMPTY_SALT' named by salt_env is empty"},
  });
  unsetenv("SLUICE_TEST_EMPTY_SALT");
}

TEST(TextTransformOptions, RegisterEveryGenericTransform) {
  EXPECT_EQ(TextRegistry().Names(),
            (std::vector<std::string>{"collapse_whitespace", "default", "hash", "lower", "map",
                                      "mask", "null_if", "regex_replace", "substring", "title",
                                      "trim", "upper"}));
}

}  // namespace
}  // namespace sluice::text_test

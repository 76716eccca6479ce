// Tests of hash (salted SHA-256, the salt from the environment) and mask.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/transforms/text_transform_test_support.h"

namespace sluice::text_test {
namespace {

constexpr char kSaltVariable[] = "SLUICE_TEST_HASH_SALT";

class HashTransformTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv(kSaltVariable, "pepper", 1); }
  void TearDown() override { unsetenv(kSaltVariable); }
};

TEST_F(HashTransformTest, GivesTheHexSha256OfSaltThenValue) {
  // Expected digests from `printf '%s' "pepper<value>" | sha256sum`.
  ExpectCases(
      "hash", MakeOptions({{"salt_env", Scalar(kSaltVariable)}}),
      {
          {"alice@example.com",
           Gives("8b8d9adc4875c0dca816e3e17b7ac87b45e40945b731fa02e3b42bf101589e21")},
          {"", Gives("8cbbcf29d9cef89675c5f5c1dcfe827d0570416a5aaba30dd0de159661ad905b")},
          {"Zo\u00EB", Gives("8e681c9710668b2a931510485a5853c6135c88771f19dbd6376ab47f6221dd84")},
          {kNullInput, GivesNull()},
      });
}

TEST_F(HashTransformTest, DependsOnTheSalt) {
  auto options = MakeOptions({{"salt_env", Scalar(kSaltVariable)}});
  auto peppered = TextRegistry().Create("hash", options);
  setenv(kSaltVariable, "other salt", 1);
  auto salted = TextRegistry().Create("hash", options);
  EXPECT_NE(RunValue(*peppered, "alice@example.com"), RunValue(*salted, "alice@example.com"));
  // Unsalted, `printf '%s' alice@example.com | sha256sum`.
  EXPECT_NE(RunValue(*peppered, "alice@example.com"),
            Gives("ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976"));
}

TEST(MaskTransform, KeepsTheLastFourCharactersByDefault) {
  ExpectCases("mask", MakeOptions(),
              {
                  {"4111111111111111", Gives("************1111")},
                  {"12345", Gives("*2345")},
                  {"", Gives("")},
                  {kNullInput, GivesNull()},
              });
}

TEST(MaskTransform, MasksValuesNoLongerThanKeepLastWhole) {
  ExpectCases("mask", MakeOptions(), {{"1234", Gives("****")}, {"abc", Gives("***")}});
}

TEST(MaskTransform, CountsCharactersAndAcceptsAMultiByteMaskCharacter) {
  ExpectCases("mask", MakeOptions({{"keep_last", Scalar("2")}, {"char", Scalar("\u2022")}}),
              {{"Zo\u00EB \u00C5ng", Gives("\u2022\u2022\u2022\u2022\u2022ng")}});
  ExpectCases("mask", MakeOptions({{"keep_last", Scalar("3")}, {"char", Scalar("#")}}),
              {{"\u65E5\u672C\u8A9E\u30C6\u30AD\u30B9\u30C8", Gives("####\u30AD\u30B9\u30C8")}});
}

TEST(MaskTransform, MasksEverythingWithKeepLastZero) {
  ExpectCases("mask", MakeOptions({{"keep_last", Scalar("0")}}), {{"secret", Gives("******")}});
}

}  // namespace
}  // namespace sluice::text_test

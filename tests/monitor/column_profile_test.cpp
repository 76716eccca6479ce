// Pins the contract between the check queries and sluice_profile: the spec survives the trip,
// answers with any text in a top value or an orphan key are read back exactly, and a truncated
// answer is refused.
#include "monitor/column_profile.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

ColumnProfileRequest Request(const std::string& column) {
  ColumnProfileRequest r;
  r.column = column;
  return r;
}

std::vector<ColumnProfileRequest> Requests() {
  ColumnProfileRequest email = Request("email");
  email.empty = true;
  email.formats = {FormatKind::kEmail, FormatKind::kNumber};
  ColumnProfileRequest total = Request("total");
  total.stats_z = 2.5;
  total.top = true;
  ColumnProfileRequest customer = Request("customer_id");
  customer.key_range = std::make_pair(int64_t{-5}, int64_t{1000000});
  return {email, total, customer};
}

TEST(ColumnProfile, SpecSurvivesTheTripToTheFunction) {
  std::string spec = ColumnProfileSpec(Requests());
  EXPECT_EQ(spec, "n e f:email f:number;n s:2.5 t;n o:-5:1000000");
  std::optional<std::vector<ColumnProfileRequest>> back = ParseColumnProfileSpec(spec);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 3u);
  EXPECT_TRUE((*back)[0].empty);
  EXPECT_EQ((*back)[0].formats, (std::vector<FormatKind>{FormatKind::kEmail, FormatKind::kNumber}));
  EXPECT_DOUBLE_EQ(*(*back)[1].stats_z, 2.5);
  EXPECT_TRUE((*back)[1].top);
  EXPECT_EQ((*back)[2].key_range, std::make_pair(int64_t{-5}, int64_t{1000000}));
}

TEST(ColumnProfile, ReadsCountedTextsWithSpacesAndDigitsExactly) {
  std::string answer = "97 3 2 1 90 4 0.5 99 12.25 3.5 1 40 7:4 2 x 9 5 6 6:1 2 3 ";
  std::optional<std::vector<ColumnProfile>> p = ParseColumnProfiles(Requests(), answer);
  ASSERT_TRUE(p);
  EXPECT_EQ((*p)[0].non_null, 97);
  EXPECT_EQ((*p)[0].empty, 3);
  EXPECT_EQ((*p)[0].invalid, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ((*p)[1].numeric, 4);
  EXPECT_DOUBLE_EQ((*p)[1].max, 99);
  EXPECT_EQ((*p)[1].outliers, 1);
  EXPECT_EQ((*p)[1].top_count, 40);
  EXPECT_EQ((*p)[1].top_value, "4 2 x 9");
  EXPECT_EQ((*p)[2].non_null, 5);
  EXPECT_EQ((*p)[2].orphans, 6);
  EXPECT_EQ((*p)[2].orphan_example, "1 2 3 ");
}

TEST(ColumnProfile, ReadsTopValuesThatGaveUpOrWereAbsent) {
  ColumnProfileRequest a = Request("a"), b = Request("b");
  a.top = b.top = true;
  std::optional<std::vector<ColumnProfile>> p = ParseColumnProfiles({a, b}, "5 G 0 N");
  ASSERT_TRUE(p);
  EXPECT_TRUE((*p)[0].top_gave_up);
  EXPECT_FALSE((*p)[1].top_value);
}

TEST(ColumnProfile, RefusesATruncatedAnswer) {
  EXPECT_FALSE(ParseColumnProfiles(Requests(), "97 3 2 1 90 4 0.5 99"));
  EXPECT_FALSE(ParseColumnProfiles(Requests(), "97 3 2 1 90 4 0.5 99 12.25 3.5 1 40 99:short"));
}

}  // namespace
}  // namespace sluice

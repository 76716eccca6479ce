// Pins the warn/fail level grammar: comparisons, percentages, durations, change levels, and
// the exact reason a bad level is refused.
#include "monitor/threshold.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

struct Case {
  const char* text;
  Threshold::Basis basis;
  Threshold::Op op;
  double limit;
};

TEST(Threshold, ParsesEveryForm) {
  const Case cases[] = {
      {"> 5%", Threshold::Basis::kPercent, Threshold::Op::kGreater, 5},
      {">=100", Threshold::Basis::kValue, Threshold::Op::kGreaterEqual, 100},
      {"< 1000", Threshold::Basis::kValue, Threshold::Op::kLess, 1000},
      {"<= 0.5 %", Threshold::Basis::kPercent, Threshold::Op::kLessEqual, 0.5},
      {"> 24h", Threshold::Basis::kValue, Threshold::Op::kGreater, 24},
      {"> 2d", Threshold::Basis::kValue, Threshold::Op::kGreater, 48},
      {"> 30m", Threshold::Basis::kValue, Threshold::Op::kGreater, 0.5},
      {"> 90s", Threshold::Basis::kValue, Threshold::Op::kGreater, 0.025},
      {"change < -30%", Threshold::Basis::kChange, Threshold::Op::kLess, -30},
      {"  change>50%  ", Threshold::Basis::kChange, Threshold::Op::kGreater, 50},
  };
  for (const Case& c : cases) {
    std::string error;
    std::optional<Threshold> t = ParseThreshold(c.text, error);
    ASSERT_TRUE(t) << c.text << ": " << error;
    EXPECT_EQ(t->basis, c.basis) << c.text;
    EXPECT_EQ(t->op, c.op) << c.text;
    EXPECT_DOUBLE_EQ(t->limit, c.limit) << c.text;
  }
}

TEST(Threshold, RefusesMalformedLevelsWithAReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"5%", "a level starts with >, >=, < or <= (after an optional 'change'), e.g. \"> 5%\""},
      {"> many", "a level needs a number after the comparison, e.g. \"> 5%\""},
      {"change < -30", "a change level is a percentage, e.g. \"change < -30%\""},
      {"> 5 rows", "unknown unit 'rows' (known: %, s, m, h, d)"},
  };
  for (const auto& [text, reason] : cases) {
    std::string error;
    EXPECT_FALSE(ParseThreshold(text, error)) << text;
    EXPECT_EQ(error, reason) << text;
  }
}

TEST(Threshold, BreachesOnlyOnTheStatedSide) {
  std::string error;
  Threshold greater = *ParseThreshold("> 5", error);
  EXPECT_FALSE(greater.Breached(5));
  EXPECT_TRUE(greater.Breached(5.0001));
  Threshold at_most = *ParseThreshold("<= -30%", error);
  EXPECT_TRUE(at_most.Breached(-30));
  EXPECT_FALSE(at_most.Breached(-29.9));
  EXPECT_EQ(greater.PassingRange(), "<= 5");
  EXPECT_EQ(at_most.PassingRange(), "> -30");
}

TEST(Threshold, FormatsNumbersForMessages) {
  EXPECT_EQ(FormatNumber(12), "12");
  EXPECT_EQ(FormatNumber(3.03410), "3.0341");
  EXPECT_EQ(FormatNumber(0.00125), "0.00125");
  EXPECT_EQ(FormatNumber(-7033.1049), "-7033.1");
}

}  // namespace
}  // namespace sluice

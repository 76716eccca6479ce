// Casting canonical text to typed values: exact decimals, real dates, clear reasons.
#include "pipeline/value_cast.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

struct CastCase {
  const char* type;
  const char* text;
  const char* formatted;  // nullptr: must fail
  const char* reason;     // expected reason when it fails
};

const CastCase kCases[] = {
    {"integer", "42", "42", ""},
    {"integer", "-7", "-7", ""},
    {"integer", "+7", "7", ""},
    {"integer", "4.2", nullptr, "not an integer: '4.2'"},
    {"integer", "", nullptr, "not an integer: ''"},
    {"integer", "99999999999999999999", nullptr, "integer out of range: '99999999999999999999'"},
    {"decimal(18,2)", "1200000.00", "1200000.00", ""},
    {"decimal(18,2)", "0.1", "0.10", ""},
    {"decimal(18,2)", "-1000", "-1000.00", ""},
    {"decimal(18,2)", "-0.05", "-0.05", ""},
    {"decimal(18,2)", "1.234", nullptr, "more than 2 decimal places: '1.234'"},
    {"decimal(18,2)", "1.230", "1.23", ""},
    {"decimal(18,2)", "1e5", nullptr, "not a decimal number: '1e5'"},
    {"decimal(5,2)", "1234.5", nullptr, "too many digits for decimal(5,2): '1234.5'"},
    {"decimal(5,2)", "999.99", "999.99", ""},
    {"decimal(18,0)", "17", "17", ""},
    {"date", "2020-02-29", "2020-02-29", ""},
    {"date", "2021-02-29", nullptr, "no such date: '2021-02-29'"},
    {"date", "2021-13-01", nullptr, "no such date: '2021-13-01'"},
    {"date", "0000-00-00", nullptr, "no such date: '0000-00-00'"},
    {"date", "2021/01/01", nullptr, "not a date (expected YYYY-MM-DD): '2021/01/01'"},
    {"date", "1969-12-31", "1969-12-31", ""},
    {"timestamp", "2020-01-02 03:04:05", "2020-01-02 03:04:05", ""},
    {"timestamp", "2020-01-02T03:04:05", "2020-01-02 03:04:05", ""},
    {"timestamp", "2020-01-02 03:04:05.5", "2020-01-02 03:04:05.500000", ""},
    {"timestamp", "2020-01-02", "2020-01-02 00:00:00", ""},
    {"timestamp", "2020-01-02T03:04:05Z", "2020-01-02 03:04:05", ""},
    {"timestamp", "2020-01-02 03:04:05+02:00", "2020-01-02 01:04:05", ""},
    {"timestamp", "2020-01-02 00:30:00-0130", "2020-01-02 02:00:00", ""},
    {"timestamp", "2020-01-02 23:00:00.25+00", "2020-01-02 23:00:00.250000", ""},
    {"timestamp", "2020-01-02 03:04:05+2", nullptr,
     "not a timestamp (bad time zone offset): '2020-01-02 03:04:05+2'"},
    {"timestamp", "2020-01-02 24:00:00", nullptr,
     "not a timestamp (expected YYYY-MM-DD HH:MM:SS): '2020-01-02 24:00:00'"},
    {"boolean", "TRUE", "1", ""},
    {"boolean", "no", "0", ""},
    {"boolean", "maybe", nullptr, "not a boolean: 'maybe'"},
};

TEST(ValueCast, CastsAndFormatsEveryCase) {
  for (const CastCase& c : kCases) {
    DataType type = *ParseDataType(c.type);
    int64_t v = 0;
    std::string reason;
    bool ok = CastToInt(c.text, type, v, reason);
    if (c.formatted == nullptr) {
      EXPECT_FALSE(ok) << c.type << " " << c.text;
      EXPECT_EQ(reason, c.reason) << c.type << " " << c.text;
      continue;
    }
    ASSERT_TRUE(ok) << c.type << " " << c.text << ": " << reason;
    std::string out;
    FormatInt(v, type, out);
    EXPECT_EQ(out, c.formatted) << c.type << " " << c.text;
  }
}

TEST(ValueCast, DecimalsAreExactWithoutBinaryFloatingPoint) {
  int64_t v = 0;
  std::string reason;
  ASSERT_TRUE(CastToInt("9999999999999999.99", *ParseDataType("decimal(18,2)"), v, reason));
  EXPECT_EQ(v, 999999999999999999LL);
}

TEST(ValueCast, ParsesTypeNames) {
  EXPECT_EQ(ParseDataType("DECIMAL(18, 2)")->ToString(), "decimal(18,2)");
  EXPECT_EQ(ParseDataType("bigint")->id, TypeId::kInteger);
  EXPECT_FALSE(ParseDataType("decimal(40,2)"));
  EXPECT_FALSE(ParseDataType("decimal(2,5)"));
  EXPECT_FALSE(ParseDataType("blob"));
}

TEST(ValueCast, DaysRoundTripAcrossEras) {
  for (int64_t days : {-719468LL, -1LL, 0LL, 18262LL, 2932896LL}) {
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    EXPECT_EQ(DaysFromCivil(y, m, d), days);
  }
}

TEST(ValueCast, DoublesRejectGarbage) {
  double d;
  std::string reason;
  EXPECT_TRUE(CastToReal("1.5e3", d, reason));
  EXPECT_DOUBLE_EQ(d, 1500);
  EXPECT_FALSE(CastToReal("1.5x", d, reason));
  EXPECT_EQ(reason, "not a number: '1.5x'");
}

}  // namespace
}  // namespace sluice

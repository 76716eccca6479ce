// MoneyNormalizer and the revenue/money transforms: every accepted shape to its exact canonical
// text, every refused one to its exact reason, and the options checked where they are written.
#include "transforms/money_normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "pipeline/errors.h"
#include "transforms/registry.h"

namespace sluice {

void RegisterMoneyTransform(TransformRegistry& registry);

namespace {

struct MoneyCase {
  std::string input;
  std::string expected;  // the canonical text, or "invalid: <reason>"
};

std::string Outcome(const MoneyNormalizer& normalizer, std::string_view input) {
  std::string out = "stale", reason;
  if (normalizer.Normalize(input, out, reason)) return out;
  return "invalid: " + reason;
}

void ExpectAll(const MoneyNormalizer& normalizer, const std::vector<MoneyCase>& cases) {
  for (const MoneyCase& c : cases) {
    EXPECT_EQ(Outcome(normalizer, c.input), c.expected) << "input: [" << c.input << "]";
  }
}

MoneyNormalizer WithDecimalComma() {
  MoneyOptions options;
  options.decimal = ',';
  return MoneyNormalizer(options);
}

TEST(MoneyNormalizer, ReadsPlainAmountsExactly) {
  ExpectAll(MoneyNormalizer({}), {
                                     {"0", "0.00"},
                                     {"0.1", "0.10"},
                                     {"0.10", "0.10"},
                                     {"1", "1.00"},
                                     {"12.5", "12.50"},
                                     {"1234.56", "1234.56"},
                                     {"007", "7.00"},
                                     {"0.000", "0.00"},
                                     {".5", "0.50"},
                                     {"5.", "5.00"},
                                     {"+5", "5.00"},
                                     {"  42  ", "42.00"},
                                     {"\t42\n", "42.00"},
                                     {"9999999999999999.99", "9999999999999999.99"},
                                     {"0.0000000000000000000000000000000000000000000001", "0.00"},
                                 });
}

TEST(MoneyNormalizer, ReadsCurrencySymbolsAndCodesOnEitherSide) {
  ExpectAll(MoneyNormalizer({}),
            {
                {"$1,234.56", "1234.56"},  {"$ 1,234.56", "1234.56"}, {"1,234.56$", "1234.56"},
                {"1,234.56 $", "1234.56"}, {"€1234.56", "1234.56"},   {"1234.56 €", "1234.56"},
                {"£10", "10.00"},          {"¥1000", "1000.00"},      {"₹ 1,000", "1000.00"},
                {"USD 1,000", "1000.00"},  {"USD1000", "1000.00"},    {"1000 USD", "1000.00"},
                {"1000USD", "1000.00"},    {"EUR 5", "5.00"},         {"GBP5", "5.00"},
                {"5 JPY", "5.00"},         {"CHF 5.50", "5.50"},      {"US$5", "5.00"},
                {"R$ 5", "5.00"},          {"C$5", "5.00"},           {"HK$ 5", "5.00"},
                {"$5 USD", "5.00"},
            });
}

TEST(MoneyNormalizer, ReportsTheCurrencyAsAnIsoCode) {
  MoneyNormalizer normalizer({});
  MoneyOptions canadian;
  canadian.dollar = "CAD";
  MoneyNormalizer canadian_normalizer(canadian);
  struct CurrencyCase {
    const MoneyNormalizer* normalizer;
    std::string input;
    std::string currency;
  };
  const std::vector<CurrencyCase> cases = {
      {&normalizer, "$5", "USD"},
      {&normalizer, "5 €", "EUR"},
      {&normalizer, "£5", "GBP"},
      {&normalizer, "¥5", "JPY"},
      {&normalizer, "CHF 5", "CHF"},
      {&normalizer, "5", ""},
      {&normalizer, "US$ 5", "USD"},
      {&normalizer, "R$5", "BRL"},
      {&normalizer, "5 MXN", "MXN"},
      {&canadian_normalizer, "$5", "CAD"},
      {&canadian_normalizer, "US$5", "USD"},
  };
  for (const CurrencyCase& c : cases) {
    std::string out, reason;
    std::string_view currency = "stale";
    ASSERT_TRUE(c.normalizer->Normalize(c.input, out, reason, &currency))
        << c.input << ": " << reason;
    EXPECT_EQ(currency, c.currency) << c.input;
  }
}

TEST(MoneyNormalizer, ReadsThousandsGroupsWithThePointAsDecimal) {
  ExpectAll(MoneyNormalizer({}), {
                                     {"1,234.56", "1234.56"},
                                     {"1,234,567.89", "1234567.89"},
                                     {"12,345", "12345.00"},
                                     {"123,456", "123456.00"},
                                     {"1 234.56", "1234.56"},
                                     {"1\u00A0234.56", "1234.56"},
                                     {"1\u202F234.56", "1234.56"},
                                     {"1\u2009234.56", "1234.56"},
                                     {"1'234.56", "1234.56"},
                                     {"1\u2019234.56", "1234.56"},
                                     {"1'234'567", "1234567.00"},
                                     {"\u00A01 234\u00A0", "1234.00"},
                                 });
}

TEST(MoneyNormalizer, ReadsTheCommaAsDecimalWhenConfigured) {
  ExpectAll(WithDecimalComma(),
            {
                {"1.234,56", "1234.56"},
                {"1 234,56", "1234.56"},
                {"1\u00A0234,56", "1234.56"},
                {"1\u202F234,56 €", "1234.56"},
                {"1'234,56", "1234.56"},
                {"€ 1.234.567,89", "1234567.89"},
                {"0,1", "0.10"},
                {",5", "0.50"},
                {"1234", "1234.00"},
                {"(1.000,50)", "-1000.50"},
                {"1,2M", "1200000.00"},
                {"1.234.56",
                 "invalid: misplaced thousands separator '.' at position 6 "
                 "(groups of three digits expected; decimal: ',')"},
                {"1,2,3", "invalid: second decimal separator ',' at position 4"},
                {"1.234,56.7",
                 "invalid: thousands separator '.' at position 9 after the "
                 "decimal separator (decimal: ',')"},
            });
}

TEST(MoneyNormalizer, MultipliesSuffixesExactly) {
  ExpectAll(MoneyNormalizer({}),
            {
                {"1.2M", "1200000.00"},      {"1.2m", "1200000.00"},    {"1.2 M", "1200000.00"},
                {"1.2MM", "1200000.00"},     {"1.2mm", "1200000.00"},   {"5K", "5000.00"},
                {"5k", "5000.00"},           {"2.5B", "2500000000.00"}, {"2.5bn", "2500000000.00"},
                {"2.5BN", "2500000000.00"},  {"$1.2M", "1200000.00"},   {"1.2M USD", "1200000.00"},
                {"€3.5bn", "3500000000.00"}, {"0.001K", "1.00"},        {"1.23456K", "1234.56"},
                {"1.234567K", "1234.57"},    {"(1.5M)", "-1500000.00"}, {"-1.5k", "-1500.00"},
                {"1,500K", "1500000.00"},
            });
}

TEST(MoneyNormalizer, ReadsEveryNegativeShape) {
  ExpectAll(MoneyNormalizer({}), {
                                     {"-1,000", "-1000.00"},
                                     {"(1,000)", "-1000.00"},
                                     {"( 1,000 )", "-1000.00"},
                                     {"1,000-", "-1000.00"},
                                     {"1,000 -", "-1000.00"},
                                     {"\u22121,000", "-1000.00"},
                                     {"-$1,000", "-1000.00"},
                                     {"$-1,000", "-1000.00"},
                                     {"($1,000)", "-1000.00"},
                                     {"(1,000 USD)", "-1000.00"},
                                     {"USD -1,000", "-1000.00"},
                                     {"1,000 USD-", "-1000.00"},
                                     {"-0", "0.00"},
                                     {"-0.001", "0.00"},
                                     {"(0)", "0.00"},
                                 });
}

TEST(MoneyNormalizer, RoundsHalfAwayFromZeroByDefault) {
  ExpectAll(MoneyNormalizer({}), {
                                     {"1.005", "1.01"},
                                     {"1.004", "1.00"},
                                     {"1.0049999", "1.00"},
                                     {"1.015", "1.02"},
                                     {"1.025", "1.03"},
                                     {"-1.005", "-1.01"},
                                     {"0.995", "1.00"},
                                     {"99.999", "100.00"},
                                     {"0.005", "0.01"},
                                     {"0.0049", "0.00"},
                                 });
}

TEST(MoneyNormalizer, RoundsHalfToEvenWhenAsked) {
  MoneyOptions options;
  options.rounding = MoneyOptions::Rounding::kHalfEven;
  ExpectAll(MoneyNormalizer(options), {
                                          {"1.005", "1.00"},
                                          {"1.015", "1.02"},
                                          {"1.025", "1.02"},
                                          {"1.0250001", "1.03"},
                                          {"-1.035", "-1.04"},
                                          {"0.005", "0.00"},
                                          {"1.006", "1.01"},
                                      });
}

TEST(MoneyNormalizer, RefusesExtraDigitsWhenRoundingIsReject) {
  MoneyOptions options;
  options.rounding = MoneyOptions::Rounding::kReject;
  ExpectAll(
      MoneyNormalizer(options),
      {
          {"1.25", "1.25"},
          {"1.2500", "1.25"},
          {"1.2K", "1200.00"},
          {"1.234", "invalid: '1.234' has 3 decimal places, more than scale 2 (rounding: reject)"},
          {"0.001", "invalid: '0.001' has 3 decimal places, more than scale 2 (rounding: reject)"},
          {"1.23450",
           "invalid: '1.23450' has 4 decimal places, more than scale 2 (rounding: reject)"},
      });
}

TEST(MoneyNormalizer, HonoursScaleAndPrecision) {
  MoneyOptions whole;
  whole.scale = 0;
  ExpectAll(MoneyNormalizer(whole), {{"1,234.5", "1235"}, {"-0.4", "0"}, {"1.2M", "1200000"}});
  MoneyOptions fine;
  fine.scale = 4;
  ExpectAll(MoneyNormalizer(fine), {{"0.1", "0.1000"}, {"1.23456", "1.2346"}, {"$5", "5.0000"}});
  MoneyOptions small;
  small.precision = 6;
  small.scale = 2;
  ExpectAll(MoneyNormalizer(small),
            {{"9999.99", "9999.99"},
             {"9999.995",
              "invalid: '9999.995' is out of range for decimal(6,2): at most 4 digits before the "
              "decimal point"},
             {"10K",
              "invalid: '10K' is out of range for decimal(6,2): at most 4 digits before the "
              "decimal point"}});
  MoneyOptions fraction;
  fraction.precision = 18;
  fraction.scale = 18;
  ExpectAll(MoneyNormalizer(fraction), {{"0.5", "0.500000000000000000"}});
}

TEST(MoneyNormalizer, RefusesAmountsOutOfRangeForTheDecimal) {
  const std::string tail =
      " is out of range for decimal(18,2): at most 16 digits before the decimal point";
  ExpectAll(MoneyNormalizer({}),
            {
                {"10000000000000000", "invalid: '10000000000000000'" + tail},
                {"9999999999999999.995", "invalid: '9999999999999999.995'" + tail},
                {"-10000000000000000", "invalid: '-10000000000000000'" + tail},
                {"10000000B", "invalid: '10000000B'" + tail},
                {"99999999999999999999999999999999999999999999",
                 "invalid: '9999999999999999999999999999999999999999...'" + tail},
            });
}

TEST(MoneyNormalizer, RefusesGarbageWithAnExactReason) {
  ExpectAll(MoneyNormalizer({}),
            {
                {"", "invalid: empty amount"},
                {"   ", "invalid: empty amount"},
                {"n/a", "invalid: not an amount: 'n/a'"},
                {"N/A", "invalid: not an amount: 'N/A'"},
                {"unknown", "invalid: not an amount: 'unknown'"},
                {"-", "invalid: not an amount: '-'"},
                {"$", "invalid: not an amount: '$'"},
                {".", "invalid: not an amount: '.'"},
                {"12abc", "invalid: unexpected character 'a' at position 3"},
                {"12 abc", "invalid: unexpected character 'a' at position 4"},
                {"abc12", "invalid: unexpected character 'a' at position 1"},
                {"1.2.3", "invalid: second decimal separator '.' at position 4"},
                {"--5", "invalid: more than one sign: '-' at position 2"},
                {"-5-", "invalid: more than one sign: '-' at position 3"},
                {"-(5)", "invalid: unexpected character '(' at position 2"},
                {"(-5)", "invalid: more than one sign: '-' at position 2"},
                {"(5", "invalid: '(' at position 1 is never closed"},
                {"5)", "invalid: unexpected character ')' at position 2"},
                {"1e5", "invalid: unexpected character 'e' at position 2"},
                {"5 5",
                 "invalid: misplaced thousands separator ' ' at position 2 "
                 "(groups of three digits expected; decimal: '.')"},
                {"12 usd", "invalid: unexpected character 'u' at position 4"},
                {"€5 $", "invalid: two currencies: EUR at position 1 and USD at position 4"},
                {"5 USD EUR", "invalid: unexpected character 'E' at position 7"},
                {"5KK", "invalid: unexpected character 'K' at position 2"},
                {"5 K USD M", "invalid: unexpected character 'M' at position 9"},
                {"5-USD", "invalid: unexpected character 'U' at position 3"},
                {"€€5", "invalid: two currencies: EUR at position 1 and EUR at position 2"},
                {"1\x01", "invalid: unexpected character '\\x01' at position 2"},
                {"1\xFF", "invalid: unexpected character '\\xFF' at position 2"},
                {"é5", "invalid: unexpected character 'é' at position 1"},
                {"5+", "invalid: unexpected character '+' at position 2"},
                {".,5",
                 "invalid: thousands separator ',' at position 2 after the decimal "
                 "separator (decimal: '.')"},
            });
}

TEST(MoneyNormalizer, RefusesMisplacedThousandsGroups) {
  const std::string note = " (groups of three digits expected; decimal: '.')";
  ExpectAll(MoneyNormalizer({}),
            {
                {"1,23,4", "invalid: misplaced thousands separator ',' at position 5" + note},
                {"1,23", "invalid: misplaced thousands separator ',' at position 2" + note},
                {"1,5", "invalid: misplaced thousands separator ',' at position 2" + note},
                {"1234,567", "invalid: misplaced thousands separator ',' at position 5" + note},
                {"12,34,567", "invalid: misplaced thousands separator ',' at position 6" + note},
                {"1,2345", "invalid: misplaced thousands separator ',' at position 2" + note},
                {"1,234,56.7", "invalid: misplaced thousands separator ',' at position 6" + note},
                {"1 234,567", "invalid: mixed thousands separators: ',' at position 6 after ' '"},
                {"1.234,56",
                 "invalid: thousands separator ',' at position 6 after the decimal "
                 "separator (decimal: '.')"},
            });
}

TEST(MoneyNormalizer, RefusesOptionsItCannotWorkWith) {
  struct OptionCase {
    MoneyOptions options;
    std::string key;
  };
  std::vector<OptionCase> cases(5);
  cases[0].options.scale = -1, cases[0].key = "scale";
  cases[1].options.scale = 19, cases[1].key = "scale";
  cases[2].options.precision = 19, cases[2].key = "precision";
  cases[3].options.decimal = ';', cases[3].key = "decimal";
  cases[4].options.dollar = "XYZ", cases[4].key = "dollar";
  for (const OptionCase& c : cases) {
    try {
      MoneyNormalizer normalizer(c.options);
      ADD_FAILURE() << "accepted a bad " << c.key;
    } catch (const MoneyNormalizer::OptionError& e) {
      EXPECT_EQ(e.key, c.key);
    }
  }
}

TEST(MoneyNormalizer, GivesTheSameAnswersFromManyThreads) {
  MoneyNormalizer normalizer({});
  const std::vector<std::string> inputs = {"$1,234.56", "1.2M", "(1,000)", "n/a", "1.005"};
  std::vector<std::string> expected;
  for (const auto& in : inputs) expected.push_back(Outcome(normalizer, in));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        for (size_t i = 0; i < inputs.size(); ++i)
          mismatches[t] += Outcome(normalizer, inputs[i]) != expected[i];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// ---- the transforms, as a job file reaches them through the registry ----

OptionValue Scalar(std::string value, std::string where) {
  OptionValue v;
  v.items = {std::move(value)};
  v.where = std::move(where);
  return v;
}

Options MakeOptions(std::map<std::string, OptionValue> values) {
  Options options;
  options.where = "job.yaml:7:5";
  options.values = std::move(values);
  return options;
}

TransformRegistry MoneyRegistry() {
  TransformRegistry registry;
  RegisterMoneyTransform(registry);
  return registry;
}

TEST(MoneyTransform, IsRegisteredAsRevenueAndMoney) {
  TransformRegistry registry = MoneyRegistry();
  for (std::string name : {"revenue", "money"}) {
    ValueTransformPtr transform = registry.Create(name, MakeOptions({}));
    EXPECT_EQ(transform->Name(), name);
    EXPECT_EQ(transform->on_invalid, InvalidPolicy::kReject);
    std::string scratch;
    ValueOutcome ok = transform->Apply({"$1.2M"}, scratch);
    EXPECT_EQ(ok.kind, ValueOutcome::kOk);
    EXPECT_EQ(ok.value, "1200000.00");
    ValueOutcome bad = transform->Apply({"n/a"}, scratch);
    EXPECT_EQ(bad.kind, ValueOutcome::kInvalid);
    EXPECT_EQ(bad.reason, "not an amount: 'n/a'");
  }
}

TEST(MoneyTransform, ReadsItsOptions) {
  ValueTransformPtr transform = MoneyRegistry().Create(
      "revenue", MakeOptions({{"scale", Scalar("3", "job.yaml:8:14")},
                              {"decimal", Scalar(",", "job.yaml:8:24")},
                              {"rounding", Scalar("reject", "job.yaml:8:34")},
                              {"on_invalid", Scalar("null", "job.yaml:8:50")}}));
  EXPECT_EQ(transform->on_invalid, InvalidPolicy::kNull);
  std::string scratch;
  EXPECT_EQ(transform->Apply({"1.234,5"}, scratch).value, "1234.500");
  EXPECT_EQ(transform->Apply({"1,2345"}, scratch).reason,
            "'1,2345' has 4 decimal places, more than scale 3 (rounding: reject)");
}

TEST(MoneyTransform, CanOutputTheDetectedCurrencyForASecondColumn) {
  ValueTransformPtr transform = MoneyRegistry().Create(
      "revenue", MakeOptions({{"output", Scalar("currency", "job.yaml:8:14")}}));
  struct Case {
    const char* in;
    ValueOutcome::Kind kind;
    const char* out;
  };
  const Case cases[] = {
      {"$1.2M", ValueOutcome::kOk, "USD"},     {"€ 1.000", ValueOutcome::kOk, "EUR"},
      {"1,000 GBP", ValueOutcome::kOk, "GBP"}, {"¥500", ValueOutcome::kOk, "JPY"},
      {"1234.50", ValueOutcome::kNull, ""},    {"n/a", ValueOutcome::kInvalid, ""}};
  for (const Case& c : cases) {
    std::string scratch;
    ValueOutcome r = transform->Apply({c.in}, scratch);
    EXPECT_EQ(r.kind, c.kind) << c.in;
    if (c.kind == ValueOutcome::kOk) {
      EXPECT_EQ(r.value, c.out) << c.in;
    }
  }
  EXPECT_THROW(
      MoneyRegistry().Create("revenue", MakeOptions({{"output", Scalar("code", "job.yaml:8:14")}})),
      ConfigError);
}

TEST(MoneyTransform, PointsAtTheOffendingOption) {
  struct ConfigCase {
    std::map<std::string, OptionValue> values;
    std::string message;
  };
  const std::vector<ConfigCase> cases = {
      {{{"scael", Scalar("2", "job.yaml:8:9")}},
       "job.yaml:8:9: unknown option 'scael' for transform 'revenue' (known: scale, precision, "
       "decimal, rounding, dollar, output, on_invalid)"},
      {{{"scale", Scalar("20", "job.yaml:8:16")}},
       "job.yaml:8:16: scale must be between 0 and the precision (18), got 20"},
      {{{"scale", Scalar("two", "job.yaml:8:16")}},
       "job.yaml:8:16: option 'scale' must be an integer, got 'two'"},
      {{{"decimal", Scalar(";", "job.yaml:8:18")}},
       "job.yaml:8:18: decimal must be '.' or ',', got ';'"},
      {{{"rounding", Scalar("up", "job.yaml:8:19")}},
       "job.yaml:8:19: rounding must be half_up, half_even or reject, got 'up'"},
      {{{"dollar", Scalar("AUS", "job.yaml:8:17")}},
       "job.yaml:8:17: dollar must be an ISO 4217 currency code such as USD, got 'AUS'"},
      {{{"on_invalid", Scalar("drop", "job.yaml:8:21")}},
       "job.yaml:8:21: on_invalid must be reject, null, keep or fail, got 'drop'"},
  };
  TransformRegistry registry = MoneyRegistry();
  for (const ConfigCase& c : cases) {
    try {
      registry.Create("revenue", MakeOptions(c.values));
      ADD_FAILURE() << "accepted: " << c.message;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), c.message);
    }
  }
}

}  // namespace
}  // namespace sluice

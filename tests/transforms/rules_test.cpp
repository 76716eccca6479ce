// Validation rules, one behaviour each: what passes, what fails, and the exact reason.
#include <gtest/gtest.h>

#include "pipeline/errors.h"
#include "pipeline/quality_checks.h"
#include "pipeline/value_cast.h"
#include "tests/support/test_support.h"
#include "transforms/rule.h"

namespace sluice {
namespace {

// A one-column batch of the given type from text values ("\\N" is NULL).
Batch MakeBatch(const std::string& name, DataType type, const std::vector<std::string>& values) {
  Batch b;
  b.schema.fields.push_back({name, type, true});
  Column c;
  c.type = type;
  for (const std::string& v : values) {
    if (v == "\\N") {
      c.AppendNull();
    } else if (type.id == TypeId::kText) {
      c.AppendText(b.arena.Store(v));
    } else if (type.id == TypeId::kDouble) {
      double d;
      std::string why;
      CastToReal(v, d, why);
      c.AppendDouble(d);
    } else {
      int64_t i = 0;
      std::string why;
      EXPECT_TRUE(CastToInt(v, type, i, why)) << why;
      c.AppendInt(i);
    }
    b.states.push_back(RowState::kKeep);
    b.origins.push_back({});
  }
  b.columns.push_back(std::move(c));
  return b;
}

Options Opts(std::map<std::string, std::vector<std::string>> values) {
  Options o;
  o.where = "job.yaml:9:5";
  for (auto& [k, v] : values) {
    OptionValue ov;
    ov.items = v;
    ov.is_list = v.size() != 1;
    ov.where = "job.yaml:9:20";
    o.values[k] = ov;
  }
  return o;
}

// Runs `rule` over every row; returns "" for a pass or the reason.
std::vector<std::string> Verdicts(const std::string& rule, DataType type,
                                  const std::vector<std::string>& values,
                                  const Options& options = {}) {
  RuleRegistry registry;
  RegisterBuiltinRules(registry);
  Batch b = MakeBatch("c", type, values);
  auto r = registry.Create(rule, {0}, b.schema, options);
  std::vector<std::string> out;
  for (size_t row = 0; row < values.size(); ++row) {
    std::string reason;
    out.push_back(r->Check(b, row, reason) ? "" : reason);
  }
  return out;
}

const DataType kText{TypeId::kText};

TEST(Rules, NotNullRefusesOnlyNull) {
  EXPECT_EQ(Verdicts("not_null", kText, {"a", "", "\\N"}),
            (std::vector<std::string>{"", "", "value is missing (NULL)"}));
}

TEST(Rules, NotEmptyRefusesNullEmptyAndBlank) {
  EXPECT_EQ(Verdicts("not_empty", kText, {"a", "", " \t", "\\N"}),
            (std::vector<std::string>{"", "value is empty", "value is empty",
                                      "value is missing (NULL)"}));
}

TEST(Rules, EmailExplainsWhatIsWrong) {
  EXPECT_EQ(
      Verdicts("email", kText,
               {"a@b.co", "\\N", "ab.co", "a@@b.co", "a b@c.co", "@b.co", "a@bco", "a@b.", "a@.b"}),
      (std::vector<std::string>{
          "", "", "not an email address (no '@'): 'ab.co'",
          "not an email address (more than one '@'): 'a@@b.co'",
          "not an email address (contains whitespace or a control character): 'a b@c.co'",
          "not an email address (nothing before '@'): '@b.co'",
          "not an email address (the domain needs a dot between names): 'a@bco'",
          "not an email address (the domain needs a dot between names): 'a@b.'",
          "not an email address (the domain needs a dot between names): 'a@.b'"}));
}

TEST(Rules, RegexMustMatchTheWholeValue) {
  EXPECT_EQ(
      Verdicts("regex", kText, {"AB12", "AB123", "\\N"}, Opts({{"pattern", {"[A-Z]{2}[0-9]{2}"}}})),
      (std::vector<std::string>{"", "does not match /[A-Z]{2}[0-9]{2}/: 'AB123'", ""}));
}

TEST(Rules, BadRegexIsAConfigErrorAtItsOption) {
  EXPECT_THROW(Verdicts("regex", kText, {"x"}, Opts({{"pattern", {"[unclosed"}}})), ConfigError);
}

TEST(Rules, InSetComparesTheCanonicalText) {
  EXPECT_EQ(Verdicts("in_set", kText, {"a", "c"}, Opts({{"values", {"a", "b"}}})),
            (std::vector<std::string>{"", "not one of the allowed values: 'c'"}));
  EXPECT_EQ(Verdicts("in_set", *ParseDataType("decimal(5,1)"), {"1.5", "2"},
                     Opts({{"values", {"1.5", "3.0"}}})),
            (std::vector<std::string>{"", "not one of the allowed values: '2.0'"}));
}

TEST(Rules, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(
      Verdicts("length", kText, {"日本", "a", "abcd"}, Opts({{"min", {"2"}}, {"max", {"3"}}})),
      (std::vector<std::string>{"", "shorter than 2 characters: 'a'",
                                "longer than 3 characters (4)"}));
}

TEST(Rules, RangeWorksOnNumbersDecimalsAndDates) {
  EXPECT_EQ(Verdicts("range", {TypeId::kInteger}, {"0", "10", "11"},
                     Opts({{"min", {"0"}}, {"max", {"10"}}})),
            (std::vector<std::string>{"", "", "above the maximum 10: '11'"}));
  EXPECT_EQ(
      Verdicts("range", *ParseDataType("decimal(10,2)"), {"-0.01", "0"}, Opts({{"min", {"0"}}})),
      (std::vector<std::string>{"below the minimum 0: '-0.01'", ""}));
  EXPECT_EQ(Verdicts("range", {TypeId::kDate}, {"1999-12-31", "2000-01-01"},
                     Opts({{"min", {"2000-01-01"}}})),
            (std::vector<std::string>{"below the minimum 2000-01-01: '1999-12-31'", ""}));
  EXPECT_EQ(Verdicts("range", {TypeId::kDouble}, {"0.5", "1.5"}, Opts({{"max", {"1"}}})),
            (std::vector<std::string>{"", "above the maximum 1: '1.500000'"}));
}

TEST(Rules, RangeOnTextIsAConfigError) {
  EXPECT_THROW(Verdicts("range", kText, {"x"}, Opts({{"min", {"1"}}})), ConfigError);
}

TEST(Rules, UniqueLetsTheFirstOccurrenceWinAndIgnoresNull) {
  EXPECT_EQ(Verdicts("unique", {TypeId::kInteger}, {"1", "2", "1", "\\N", "\\N"}),
            (std::vector<std::string>{"", "", "duplicate of an earlier row (c=1)", "", ""}));
  EXPECT_EQ(Verdicts("unique", kText, {"a", "b", "a"}),
            (std::vector<std::string>{"", "", "duplicate of an earlier row (c=a)"}));
}

TEST(Rules, UniqueOnSeveralColumnsComparesTheTuple) {
  RuleRegistry registry;
  RegisterBuiltinRules(registry);
  Batch b = MakeBatch("a", kText, {"x", "x", "x"});
  Batch second = MakeBatch("b", {TypeId::kInteger}, {"1", "2", "1"});
  b.schema.fields.push_back(second.schema.fields[0]);
  b.columns.push_back(std::move(second.columns[0]));
  auto rule = registry.Create("unique", {0, 1}, b.schema, {});
  EXPECT_TRUE(rule->Ordered());
  std::string reason;
  EXPECT_TRUE(rule->Check(b, 0, reason));
  EXPECT_TRUE(rule->Check(b, 1, reason));
  EXPECT_FALSE(rule->Check(b, 2, reason));
  EXPECT_EQ(reason, "duplicate of an earlier row (a=x, b=1)");
}

TEST(Rules, UnknownRuleAndUnknownOptionsAreConfigErrors) {
  EXPECT_THROW(Verdicts("emial", kText, {"x"}), ConfigError);
  EXPECT_THROW(Verdicts("email", kText, {"x"}, Opts({{"strict", {"true"}}})), ConfigError);
}

TEST(Rules, ReferenceChecksKeysReadOnceFromAnotherTable) {
  testing::TempDir dir;
  std::string db = dir.File("ref.db");
  ASSERT_EQ(testing::RunCommand(
                "sqlite3 " + db +
                " 'CREATE TABLE customers (id INTEGER); INSERT INTO customers VALUES (1), (2);'")
                .exit_code,
            0);
  Options o = Opts({{"connection", {"Driver=SQLite3;Database=" + db}},
                    {"table", {"customers"}},
                    {"column", {"id"}}});
  EXPECT_EQ(Verdicts("reference", {TypeId::kInteger}, {"1", "3", "\\N"}, o),
            (std::vector<std::string>{"", "no matching key in customers.id: '3'", ""}));
}

TEST(Rules, ReferenceToAMissingTableIsAConfigError) {
  testing::TempDir dir;
  Options o = Opts({{"connection", {"Driver=SQLite3;Database=" + dir.File("none.db")}},
                    {"table", {"nope"}},
                    {"column", {"id"}}});
  EXPECT_THROW(Verdicts("reference", {TypeId::kInteger}, {"1"}, o), ConfigError);
}

struct ConditionCase {
  const char* text;
  double metric;
  bool holds;
};

TEST(Thresholds, EveryComparisonForm) {
  const ConditionCase cases[] = {
      {">2%", 2.5, true},  {">2%", 2, false},     {">=2", 2, true},      {"<10", 9.9, true},
      {"<= 10", 10, true}, {"<=10", 10.1, false}, {"=0", 0, true},       {"= 0", 1, false},
      {"!=0", 1, true},    {"!=0", 0, false},     {"> 1e3", 1001, true}, {">-5%", -4, true},
  };
  for (const ConditionCase& c : cases) {
    auto cond = ParseCondition(c.text);
    ASSERT_TRUE(cond) << c.text;
    EXPECT_EQ(cond->Holds(c.metric), c.holds) << c.text << " on " << c.metric;
  }
  for (const char* bad : {"", "2%", ">", ">x", "=>2", ">2%%"})
    EXPECT_FALSE(ParseCondition(bad)) << bad;
}

TEST(Thresholds, AWildcardAppliesToEveryColumnAndFailBeatsWarn) {
  Schema schema;
  schema.fields = {{"a", {TypeId::kText}, true}, {"b", {TypeId::kText}, true}};
  TableMetrics metrics(schema);
  Batch batch = MakeBatch("a", kText, {"x", "\\N", "\\N", "\\N"});
  Batch other = MakeBatch("b", kText, {"x", "y", "z", "\\N"});
  batch.schema = schema;
  batch.columns.push_back(std::move(other.columns[0]));
  metrics.ObserveBatch(batch);
  RunSummary summary;
  summary.rows_read = 4;
  summary.rows_written = 4;
  MetricThreshold t{"*.null_pct", ParseCondition(">10%"), ParseCondition(">50%"), ""};
  QualityVerdict v = JudgeQuality("t", schema, metrics, summary, {t});
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0], "a.null_pct = 75 (fail: >50%)");
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_EQ(v.warnings[0], "b.null_pct = 25 (warn: >10%)");
}

}  // namespace
}  // namespace sluice

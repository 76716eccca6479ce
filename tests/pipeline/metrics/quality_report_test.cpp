// The quality report's JSON: exact text for each type, nulls where a metric does not apply.
#include "pipeline/metrics/quality_report.h"

#include <gtest/gtest.h>

#include <limits>

#include "pipeline/errors.h"
#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

using Values = std::vector<std::optional<std::string>>;

std::string ColumnJson(const char* type, const Values& values, size_t top_k = 5) {
  const Column column = metrics_test::MakeColumn(type, values);
  ColumnMetrics m(column.type);
  m.ObserveColumn(column, std::vector<RowState>(column.size(), RowState::kKeep));
  std::string out;
  AppendColumnQualityJson(out, "c", m, top_k);
  return out;
}

struct ReportCase {
  const char* type;
  Values values;
  const char* json;
};

TEST(QualityReport, RendersEachTypeExactly) {
  const ReportCase cases[] = {
      {"text",
       {"b\"q", "", "b\"q", std::nullopt, "\xC3\xA9t\xC3\xA9"},
       R"j({"name":"c","type":"text","rows":5,"nulls":1,"null_pct":20,"empties":1,)j"
       R"j("distinct":3,"distinct_exact":true,"min":"","max":"été","mean":null,"stddev":null,)j"
       R"j("min_length":0,"max_length":3,"top":[{"value":"b\"q","count":2},)j"
       R"j({"value":"","count":1},{"value":"été","count":1}],"top_count_error":0})j"},
      {"decimal(18,2)",
       {"-12.50", "3", std::nullopt},
       R"j({"name":"c","type":"decimal(18,2)","rows":3,"nulls":1,"null_pct":33.333333333333336,)j"
       R"j("empties":null,"distinct":2,"distinct_exact":true,"min":-12.50,"max":3.00,)j"
       R"j("mean":-4.75,"stddev":10.960155108391486,"min_length":null,"max_length":null,)j"
       R"j("top":[{"value":-12.50,"count":1},{"value":3.00,"count":1}],"top_count_error":0})j"},
      {"integer",
       {"7"},
       R"j({"name":"c","type":"integer","rows":1,"nulls":0,"null_pct":0,"empties":null,)j"
       R"j("distinct":1,"distinct_exact":true,"min":7,"max":7,"mean":7,"stddev":null,)j"
       R"j("min_length":null,"max_length":null,"top":[{"value":7,"count":1}],)j"
       R"j("top_count_error":0})j"},
      {"date",
       {"2020-01-31", "1969-07-20"},
       R"j({"name":"c","type":"date","rows":2,"nulls":0,"null_pct":0,"empties":null,)j"
       R"j("distinct":2,"distinct_exact":true,"min":"1969-07-20","max":"2020-01-31",)j"
       R"j("mean":null,"stddev":null,"min_length":null,"max_length":null,)j"
       R"j("top":[{"value":"1969-07-20","count":1},{"value":"2020-01-31","count":1}],)j"
       R"j("top_count_error":0})j"},
      {"boolean",
       {"yes", "no", "yes"},
       R"j({"name":"c","type":"boolean","rows":3,"nulls":0,"null_pct":0,"empties":null,)j"
       R"j("distinct":2,"distinct_exact":true,"min":false,"max":true,"mean":null,)j"
       R"j("stddev":null,"min_length":null,"max_length":null,)j"
       R"j("top":[{"value":true,"count":2},{"value":false,"count":1}],"top_count_error":0})j"},
      {"double",
       {"0.1", "1e10", "-2.5"},
       R"j({"name":"c","type":"double","rows":3,"nulls":0,"null_pct":0,"empties":null,)j"
       R"j("distinct":3,"distinct_exact":false,"min":-2.5,"max":1e+10,)j"
       R"j("mean":3333333332.5333333,"stddev":5773502692.589078,)j"
       R"j("min_length":null,"max_length":null,"top":null,"top_count_error":null})j"},
      {"text",
       {},
       R"j({"name":"c","type":"text","rows":0,"nulls":0,"null_pct":null,"empties":0,)j"
       R"j("distinct":0,"distinct_exact":true,"min":null,"max":null,"mean":null,"stddev":null,)j"
       R"j("min_length":null,"max_length":null,"top":[],"top_count_error":0})j"},
  };
  for (const ReportCase& c : cases) EXPECT_EQ(ColumnJson(c.type, c.values), c.json) << c.type;
}

TEST(QualityReport, ListsOnlyTheRequestedNumberOfTopValues) {
  const std::string json = ColumnJson("integer", {"1", "1", "2", "3"}, 1);
  EXPECT_NE(json.find(R"j("top":[{"value":1,"count":2}])j"), std::string::npos) << json;
}

TEST(QualityReport, WritesNonFiniteDoublesAsStrings) {
  Column column;
  column.type = *ParseDataType("double");
  column.AppendDouble(-std::numeric_limits<double>::infinity());
  column.AppendDouble(1.0);
  ColumnMetrics m(column.type);
  m.ObserveColumn(column, {RowState::kKeep, RowState::kKeep});
  std::string out;
  AppendColumnQualityJson(out, "c", m);
  EXPECT_NE(out.find(R"j("min":"-inf","max":1,"mean":null,"stddev":null)j"), std::string::npos)
      << out;
}

TEST(QualityReport, WrapsTheColumnsInSchemaOrder) {
  Schema schema;
  schema.fields = {{"id", *ParseDataType("integer")}, {"na\"me", *ParseDataType("text")}};
  TableMetrics metrics(schema);
  metrics.rows = 0;
  const std::string json = QualityReportJson(metrics, schema);
  EXPECT_EQ(json.rfind(R"j({"rows":0,"columns":[{"name":"id","type":"integer",)j", 0), 0u) << json;
  EXPECT_NE(json.find(R"j(},{"name":"na\"me","type":"text",)j"), std::string::npos) << json;
  EXPECT_EQ(json.back(), '}');
  schema.fields.pop_back();
  EXPECT_THROW(QualityReportJson(metrics, schema), RunError);
}

}  // namespace
}  // namespace sluice

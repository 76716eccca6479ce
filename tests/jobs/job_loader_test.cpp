// The job loader: shapes, defaults, ${VAR} substitution and errors that name file:line:col.
#include "jobs/job_loader.h"

#include <gtest/gtest.h>

#include <map>

#include "pipeline/errors.h"

namespace sluice {
namespace {

const char* kMinimal = R"(version: 1
name: demo
source: { type: csv, path: in.csv }
target: { type: odbc, connection: "Driver=SQLite3;Database=x.db", table: t }
columns:
  id: { from: customer_id, type: integer }
  name: { transforms: [trim, { default: Unknown }] }
)";

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string ErrorOf(const std::string& text, EnvLookup env = Env({})) {
  try {
    LoadJobText(text, "job.yaml", env);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(JobLoader, ReadsAMinimalJobWithDefaults) {
  JobSpec job = LoadJobText(kMinimal, "job.yaml", Env({}));
  EXPECT_EQ(job.name, "demo");
  EXPECT_EQ(job.source.csv.path, "in.csv");
  EXPECT_TRUE(job.source.csv.header);
  EXPECT_EQ(job.target.table, "t");
  EXPECT_EQ(job.target.mode, WriteMode::kAppend);
  EXPECT_EQ(job.target.commit_every, 50000u);
  ASSERT_EQ(job.columns.size(), 2u);
  EXPECT_EQ(job.columns[0].name, "id");
  EXPECT_EQ(job.columns[0].from, "customer_id");
  EXPECT_EQ(job.columns[0].type.id, TypeId::kInteger);
  EXPECT_EQ(job.columns[1].from, "name");  // defaults to the column's own name
  ASSERT_EQ(job.columns[1].transforms.size(), 2u);
  EXPECT_EQ(job.columns[1].transforms[1].name, "default");
  EXPECT_EQ(job.columns[1].transforms[1].options.GetString("value", ""), "Unknown");
  EXPECT_EQ(job.pipeline.batch_size, 8192u);
}

TEST(JobLoader, RejectsGoToADefaultFileWhenTheJobNamesNone) {
  std::string text = kMinimal;
  text.replace(text.find("name: demo"), 10, "name: my job/1");
  EXPECT_EQ(LoadJobText(text, "job.yaml", Env({})).rejects_path, "rejects/my_job_1.ndjson");
}

TEST(JobLoader, KeepsColumnsInFileOrder) {
  std::string text = kMinimal;
  text += "  zeta: { value: 1 }\n  alpha: { value: 2 }\n";
  JobSpec job = LoadJobText(text, "job.yaml", Env({}));
  ASSERT_EQ(job.columns.size(), 4u);
  EXPECT_EQ(job.columns[2].name, "zeta");
  EXPECT_EQ(job.columns[3].name, "alpha");
}

TEST(JobLoader, SubstitutesEnvironmentVariablesWithDefaults) {
  std::string text = kMinimal;
  text.replace(text.find("in.csv"), 6, "\"${INPUT}\"");
  text.replace(text.find("x.db"), 4, "${DB:-fallback.db}");
  JobSpec job = LoadJobText(text, "job.yaml", Env({{"INPUT", "/data/a.csv"}}));
  EXPECT_EQ(job.source.csv.path, "/data/a.csv");
  EXPECT_EQ(job.target.connection, "Driver=SQLite3;Database=fallback.db");
}

TEST(JobLoader, MissingVariableWithoutDefaultIsAnErrorAtItsValue) {
  std::string text = kMinimal;
  text.replace(text.find("in.csv"), 6, "\"${NOPE}\"");
  EXPECT_EQ(ErrorOf(text),
            "job.yaml:3:28: environment variable NOPE is not set (give a default with "
            "${NOPE:-...})");
}

TEST(JobLoader, UnknownTopLevelKeyNamesLineAndColumn) {
  std::string text = kMinimal;
  text += "colums: {}\n";
  EXPECT_NE(ErrorOf(text).find("job.yaml:8:1: unknown key 'colums' in the job"), std::string::npos)
      << ErrorOf(text);
}

TEST(JobLoader, UnknownColumnKeyNamesLineAndColumn) {
  std::string text = kMinimal;
  text += "  x: { form: y }\n";
  EXPECT_NE(ErrorOf(text).find("job.yaml:8:8: unknown key 'form' in column 'x'"), std::string::npos)
      << ErrorOf(text);
}

TEST(JobLoader, MissingRequiredKeyIsNamed) {
  std::string text = R"(name: demo
source: { type: csv, path: in.csv }
columns: { a: }
)";
  EXPECT_EQ(ErrorOf(text), "job.yaml:1:1: the job needs 'target'");
}

TEST(JobLoader, WrongTypeOfValueIsAnError) {
  std::string text = kMinimal;
  text.replace(text.find("table: t"), 8, "table: t, commit_every: lots");
  EXPECT_EQ(ErrorOf(text),
            "job.yaml:4:91: target.commit_every must be a non-negative integer, got 'lots'");
}

TEST(JobLoader, UnknownColumnTypeIsAnError) {
  std::string text = kMinimal;
  text.replace(text.find("type: integer"), 13, "type: intger");
  EXPECT_NE(ErrorOf(text).find("job.yaml:6:34: unknown type 'intger'"), std::string::npos)
      << ErrorOf(text);
}

TEST(JobLoader, YamlSyntaxErrorHasALocation) {
  EXPECT_NE(ErrorOf("name: [unclosed\nsource: x\n").find("job.yaml:"), std::string::npos);
  EXPECT_NE(ErrorOf("name: [unclosed\nsource: x\n").find("YAML syntax error"), std::string::npos);
}

TEST(JobLoader, ReadsFilterRulesAndLimits) {
  std::string text = kMinimal;
  text += R"(filter: { column: status, not_equal: inactive }
validate:
  - { column: name, rule: not_null, on_fail: warn }
  - { columns: [id, name], rule: unique }
max_rejects: 5%
rejects: { path: r.ndjson }
pipeline: { batch_size: 100, threads: 2, max_in_flight: 3 }
)";
  JobSpec job = LoadJobText(text, "job.yaml", Env({}));
  ASSERT_TRUE(job.filter);
  EXPECT_EQ(job.filter->op, FilterSpec::Op::kNotEqual);
  ASSERT_EQ(job.rules.size(), 2u);
  EXPECT_EQ(job.rules[0].severity, Severity::kWarn);
  EXPECT_EQ(job.rules[1].columns, (std::vector<std::string>{"id", "name"}));
  EXPECT_TRUE(job.max_rejects.enabled);
  EXPECT_TRUE(job.max_rejects.is_percent);
  EXPECT_DOUBLE_EQ(job.max_rejects.value, 5);
  EXPECT_EQ(job.rejects_path, "r.ndjson");
  EXPECT_EQ(job.pipeline.batch_size, 100u);
  EXPECT_EQ(job.pipeline.threads, 2);
}

TEST(JobLoader, RuleOnUnknownColumnIsAnError) {
  std::string text = kMinimal;
  text += "validate:\n  - { column: nme, rule: not_null }\n";
  EXPECT_NE(ErrorOf(text).find("rule on unknown column 'nme'"), std::string::npos) << ErrorOf(text);
}

TEST(JobLoader, BadMaxRejectsIsAnError) {
  std::string text = kMinimal;
  text += "max_rejects: 150%\n";
  EXPECT_NE(ErrorOf(text).find("job.yaml:8:14: max_rejects must be"), std::string::npos)
      << ErrorOf(text);
}

TEST(JobLoader, DoubleDollarIsALiteralDollar) {
  std::string text = kMinimal;
  text.replace(text.find("in.csv"), 6, "a$$b.csv");
  EXPECT_EQ(LoadJobText(text, "job.yaml", Env({})).source.csv.path, "a$b.csv");
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

TEST(JobLoaderCsv, ANullKeyIsReadEvenThoughYamlSpellsNullThatWay) {
  std::string text = kMinimal;
  text.replace(text.find("path: in.csv"), 12, "path: in.csv, null: \"\", strict_quotes: false");
  JobSpec job = LoadJobText(text, "job.yaml", Env({}));
  ASSERT_TRUE(job.source.csv.null_token.has_value());
  EXPECT_EQ(*job.source.csv.null_token, "");
  EXPECT_FALSE(job.source.csv.strict_quotes);
}

}  // namespace
}  // namespace sluice

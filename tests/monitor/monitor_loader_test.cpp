// Pins the monitor file: defaults for a table that is only named, the file's defaults and a
// table's own keys layered over them, ${VAR} expansion, and exact file:line:col errors.
#include "jobs/monitor_loader.h"

#include <gtest/gtest.h>

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::optional<std::string> Env(const std::string& name) {
  if (name == "SHOP_DB") return std::string("/data/shop.db");
  return std::nullopt;
}

MonitorSpec Load(const std::string& text) { return LoadMonitorText(text, "m.yaml", Env); }

std::string ErrorOf(const std::string& text) {
  try {
    Load(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

const char* kHead = "version: 1\nname: shop\nconnection: \"Driver=SQLite3;Database=${SHOP_DB}\"\n";

TEST(MonitorLoader, GivesANamedTableTheBuiltInLevels) {
  MonitorSpec spec = Load(std::string(kHead) + "tables: [customers]\n");
  EXPECT_EQ(spec.connection, "Driver=SQLite3;Database=/data/shop.db");
  ASSERT_EQ(spec.tables.size(), 1u);
  const TableSpec& t = spec.tables[0];
  EXPECT_EQ(t.name, "customers");
  EXPECT_EQ(t.where, "m.yaml:4:10");
  EXPECT_EQ(t.missing.levels.warn->text, "> 1%");
  EXPECT_EQ(t.missing.levels.fail->text, "> 10%");
  EXPECT_FALSE(t.duplicates.levels.warn);
  EXPECT_EQ(t.duplicates.levels.fail->text, "> 0");
  EXPECT_EQ(t.dominance.levels.warn->text, "> 95%");
  EXPECT_EQ(t.volume.fail->text, "change < -50%");
  EXPECT_TRUE(t.formats_by_name);
  EXPECT_TRUE(t.declared_references);
  EXPECT_EQ(spec.history.table, "data_quality_metrics");
  EXPECT_EQ(spec.history.retention_days, 90);
}

TEST(MonitorLoader, LayersTheTablesKeysOverTheFilesDefaults) {
  MonitorSpec spec =
      Load(std::string(kHead) +
           "defaults:\n  missing: { warn: \"> 2%\" }\n  volume: off\n"
           "tables:\n  - name: orders\n"
           "    missing: { columns: { customer_id: { fail: \"> 0\" }, total: } }\n"
           "    formats: { columns: { code: { regex: \"^[A-Z]+$\" }, mail: email } }\n"
           "    references: { keys: [{ columns: customer_id, table: customers }] }\n"
           "    freshness: { column: created_at, warn: \"> 2d\" }\n");
  const TableSpec& t = spec.tables[0];
  EXPECT_EQ(t.missing.columns, (std::vector<std::string>{"customer_id", "total"}));
  EXPECT_EQ(t.missing.per_column.at("customer_id").warn->text, "> 2%");
  EXPECT_EQ(t.missing.per_column.at("customer_id").fail->text, "> 0");
  EXPECT_EQ(t.missing.per_column.at("total").fail->text, "> 10%");
  EXPECT_FALSE(t.volume.Any());
  ASSERT_EQ(t.formats.size(), 2u);
  EXPECT_EQ(t.formats[0].kind, FormatKind::kRegex);
  EXPECT_EQ(t.formats[0].pattern, "^[A-Z]+$");
  EXPECT_EQ(t.formats[1].kind, FormatKind::kEmail);
  ASSERT_EQ(t.references.size(), 1u);
  EXPECT_EQ(t.references[0].parent_table, "customers");
  EXPECT_TRUE(t.references[0].parent_columns.empty());
  EXPECT_EQ(t.freshness.columns, std::vector<std::string>{"created_at"});
  EXPECT_DOUBLE_EQ(t.freshness.levels.warn->limit, 48);
}

TEST(MonitorLoader, NamesTheFileLineAndColumnOfEachMistake) {
  const std::pair<std::string, std::string> cases[] = {
      {"tables: [customers]\nretention: 3\n",
       "m.yaml:5:1: unknown key 'retention' in the monitor file (known: version, name, "
       "connection, threads, history, anomaly, alerts, defaults, tables)"},
      {"tables:\n  - name: t\n    missing: { warn: \"5%\" }\n",
       "m.yaml:6:22: table t.missing.warn: a level starts with >, >=, < or <= (after an optional "
       "'change'), e.g. \"> 5%\", got '5%'"},
      {"tables:\n  - name: t\n    formats: { columns: { a: zip } }\n",
       "m.yaml:6:30: table t.formats.columns.a must be email, phone, date, number or {regex: "
       "...}, got 'zip'"},
      {"tables: [t, t]\n", "m.yaml:4:13: table t is listed twice"},
      {"tables: []\n", "m.yaml:4:9: tables must be a list of table names or mappings"},
      {"alerts: { webhook: { url: \"ftp://x\" } }\ntables: [t]\n",
       "m.yaml:4:27: alerts.webhook.url must start with http:// or https://"},
      {"tables:\n  - name: t\n    duplicates: { columns: { a: { fail: \"> 0\" } } }\n",
       "m.yaml:6:17: table t.duplicates.columns is one list: the set that must be unique"},
  };
  for (const auto& [tail, error] : cases) EXPECT_EQ(ErrorOf(std::string(kHead) + tail), error);
}

TEST(MonitorLoader, RefusesAnUnsetVariableWithoutDefault) {
  std::string error = ErrorOf(
      "version: 1\nname: x\nconnection: \"Driver=SQLite3;Database=${NOPE}\"\ntables: [t]\n");
  EXPECT_NE(error.find("m.yaml:3:13: "), std::string::npos) << error;
  EXPECT_NE(error.find("NOPE"), std::string::npos) << error;
}

}  // namespace
}  // namespace sluice

// `sluice check` and `sluice report` end to end on the generated shop database
// (sluice-gen-shop --plant-problems) with examples/monitor.yaml: every planted problem is
// found with the generator's own counts, the exit code says failure, the key-range orphan count
// agrees with the anti-join, and the reports are written.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <regex>

#include "tests/monitor/monitor_test_support.h"
#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

std::map<std::string, int64_t> ReadSummary(const std::string& path) {
  std::map<std::string, int64_t> out;
  std::string text = ReadFile(path);
  std::regex field("\"(\\w+)\": (\\d+)");
  for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it) {
    out[(*it)[1]] = std::stoll((*it)[2]);
  }
  return out;
}

// table -> metric -> value, from `sluice check --json`.
std::map<std::string, std::map<std::string, double>> Metrics(const std::string& json) {
  std::map<std::string, std::map<std::string, double>> out;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(json);
  for (simdjson::dom::element t : root["tables"].get_array()) {
    std::string table(t["table"].get_string().value());
    for (auto [name, value] : t["metrics"].get_object()) {
      out[table][std::string(name)] = value.get_double();
    }
  }
  return out;
}

class ShopMonitor : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("shop.db");
    CommandResult gen =
        RunCommand(std::string(SLUICE_SHOP_GENERATOR) + " --out " + db_ +
                   " --customers 3000 --plant-problems --summary " + dir_.File("summary.json"));
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    summary_ = ReadSummary(dir_.File("summary.json"));
  }
  CommandResult Check(const std::string& extra = "") {
    return RunSluice("check " + std::string(SLUICE_SOURCE_DIR) +
                         "/examples/monitor.yaml --json --as-of '2024-07-01 00:00:00' " + extra,
                     "SHOP_DB=" + db_);
  }
  // The JSON report: stdout without the alert lines sluice writes to stderr.
  static std::string Json(const CommandResult& r) {
    return r.output.substr(r.output.find('{'), r.output.rfind('}') - r.output.find('{') + 1);
  }
  TempDir dir_;
  std::string db_;
  std::map<std::string, int64_t> summary_;
};

TEST_F(ShopMonitor, FindsEveryPlantedProblemWithTheGeneratorsCounts) {
  CommandResult r = Check();
  ASSERT_EQ(r.exit_code, 3) << r.output;
  auto m = Metrics(Json(r));
  EXPECT_EQ(m["customers"]["email.null_count"], summary_["null_emails"]);
  EXPECT_EQ(m["customers"]["email.invalid_email"], summary_["bad_emails"]);
  EXPECT_EQ(m["customers"]["email.duplicate_rows"], summary_["duplicate_emails"]);
  EXPECT_EQ(m["customers"]["phone.null_count"], summary_["null_phones"]);
  EXPECT_EQ(m["customers"]["phone.invalid_phone"], summary_["bad_phones"]);
  EXPECT_EQ(m["customers"]["signup_date.invalid_date"], summary_["bad_dates"]);
  EXPECT_EQ(m["customers"]["revenue.invalid_number"], summary_["bad_revenues"]);
  EXPECT_EQ(m["customers"]["revenue.null_count"], summary_["null_revenues"]);
  EXPECT_DOUBLE_EQ(m["customers"]["status.top_share"],
                   100.0 * summary_["active_customers"] / summary_["customers"]);
  EXPECT_EQ(m["orders"]["customer_id.orphans"], summary_["orphan_orders"]);
  EXPECT_EQ(m["orders"]["total.outliers"], summary_["outlier_totals"]);
  EXPECT_EQ(m["products"]["id.duplicate_rows"], summary_["duplicate_product_ids"]);
  EXPECT_EQ(m["order_items"]["row_count"], summary_["order_items"]);
}

TEST_F(ShopMonitor, CountsTheSameOrphansByAntiJoinOnceTheKeysHaveAGap) {
  int64_t referencing =
      std::stoll(QuerySqlite(db_, "SELECT COUNT(*) FROM orders WHERE customer_id = 7")[0]);
  ExecSqlite(db_, "DELETE FROM customers WHERE id = 7");
  CommandResult r = Check("--no-history");
  auto m = Metrics(Json(r));
  EXPECT_EQ(m["orders"]["customer_id.orphans"], summary_["orphan_orders"] + referencing);
  EXPECT_NE(r.output.find("\"method\": \"anti-join\""), std::string::npos);
}

TEST_F(ShopMonitor, CleanDataPassesTheFormatDuplicateAndOrphanChecks) {
  CommandResult gen =
      RunCommand(std::string(SLUICE_SHOP_GENERATOR) + " --out " + db_ + " --customers 3000");
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  auto m = Metrics(Json(Check("--no-history")));
  for (const char* metric :
       {"email.invalid_email", "phone.invalid_phone", "signup_date.invalid_date",
        "revenue.invalid_number", "email.duplicate_rows", "email.null_count"}) {
    EXPECT_EQ(m["customers"][metric], 0) << metric;
  }
  EXPECT_EQ(m["orders"]["customer_id.orphans"], 0);
  EXPECT_EQ(m["orders"]["total.outliers"], 0);
  EXPECT_EQ(m["products"]["id.duplicate_rows"], 0);
  EXPECT_GT(m["customers"]["phone.null_count"], 0) << "clean data still has NULLs";
}

TEST_F(ShopMonitor, WritesSelfContainedHtmlAndJsonReportsOfTheStoredRuns) {
  ASSERT_EQ(Check().exit_code, 3);
  ASSERT_EQ(Check().exit_code, 3);
  std::string monitor = std::string(SLUICE_SOURCE_DIR) + "/examples/monitor.yaml";
  CommandResult r = RunSluice("report " + monitor + " --html " + dir_.File("r.html") + " --json " +
                                  dir_.File("r.json") + " --days 1",
                              "SHOP_DB=" + db_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string html = ReadFile(dir_.File("r.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("customer_id -&gt; customers(id)"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(std::regex_search(html, std::regex("(src|href)=")), false);
  simdjson::dom::parser parser;
  simdjson::dom::element report = parser.parse(ReadFile(dir_.File("r.json")));
  EXPECT_EQ(report["runs"].get_array().size(), 2u);
  EXPECT_EQ(report["trends"]["orders"]["customer_id.orphans"].get_array().size(), 2u);
  EXPECT_EQ(std::string(report["status"].get_string().value()), "FAIL");
}

TEST_F(ShopMonitor, NamesTheFileLineAndColumnOfAConfigurationError) {
  std::string file =
      dir_.Write("bad.yaml", "version: 1\nname: x\nconnection: \"Driver=SQLite3;Database=" + db_ +
                                 "\"\ntables:\n  - name: customers\n    misssing: {}\n");
  CommandResult r = RunSluice("check " + file);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(file + ":6:5: unknown key 'misssing' in table customers"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace sluice::testing

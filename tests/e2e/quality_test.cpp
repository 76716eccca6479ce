// End-to-end: quality metrics land in data_quality_metrics and the JSON report, runs land in
// sluice_runs, and a failed threshold leaves the target untouched.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

const char* kInput =
    "id,email,amount\n"
    "1,a@x.io,10\n"
    "2,,20\n"
    "3,c@x.io,30\n"
    "4,,40\n"
    "5,e@x.io,\n";

class Quality : public ::testing::Test {
 protected:
  void WriteJob(const std::string& thresholds) {
    WriteFile(dir_.File("in.csv"), kInput);
    WriteFile(job(),
              "name: q\n"
              "source: { type: csv, path: " +
                  dir_.File("in.csv") +
                  ", null: \"\" }\n"
                  "target: { type: odbc, connection: \"Driver=SQLite3;Database=" +
                  db() +
                  "\", table: t, mode: replace, commit_every: 0 }\n"
                  "columns:\n"
                  "  id: { type: integer }\n"
                  "  email: {}\n"
                  "  amount: { type: \"decimal(10,2)\" }\n"
                  "quality:\n"
                  "  report: " +
                  dir_.File("report.json") + "\n" + thresholds);
  }
  std::string db() const { return dir_.File("out.db"); }
  std::string job() const { return dir_.File("job.yaml"); }
  TempDir dir_;
};

TEST_F(Quality, MetricsLandInTheMetricsTableAndTheReport) {
  WriteJob("  thresholds:\n    email.null_pct: { warn: \">20%\", fail: \">50%\" }\n");
  CommandResult r = RunSluice("run " + job());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("quality WARNING email.null_pct = 40 (warn: >20%)"), std::string::npos)
      << r.output;
  EXPECT_EQ(QuerySqlite(db(),
                        "SELECT metric_value, status FROM data_quality_metrics"
                        " WHERE metric_name = 'email.null_pct'"),
            std::vector<std::string>{"40.0|WARNING"});
  EXPECT_EQ(QuerySqlite(db(),
                        "SELECT metric_value FROM data_quality_metrics"
                        " WHERE metric_name IN ('amount.mean', 'id.distinct', 'rows_written')"
                        " ORDER BY metric_name"),
            (std::vector<std::string>{"25.0", "5.0", "5.0"}));
  EXPECT_EQ(
      QuerySqlite(db(), "SELECT job, status, rows_read, rows_written, exit_code FROM sluice_runs"),
      std::vector<std::string>{"q|succeeded|5|5|0"});
  std::string report = ReadFile(dir_.File("report.json"));
  EXPECT_NE(report.find("\"status\":\"succeeded\""), std::string::npos) << report;
  EXPECT_NE(report.find("\"warnings\":[\"email.null_pct = 40 (warn: >20%)\"]"), std::string::npos)
      << report;
  EXPECT_NE(report.find("\"name\":\"amount\""), std::string::npos) << report;
  struct stat st {};
  ASSERT_EQ(stat(dir_.File("report.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Quality, AFailedThresholdRollsBackAndIsRecorded) {
  WriteJob("  thresholds:\n    email.null_pct: { fail: \">30%\" }\n");
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("quality thresholds failed: email.null_pct = 40 (fail: >30%)"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(QuerySqlite(db(), "SELECT count(*) FROM sqlite_master WHERE name = 't'"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(QuerySqlite(db(), "SELECT status, rows_read, rows_written, exit_code FROM sluice_runs"),
            std::vector<std::string>{"rejected|5|0|3"});
  EXPECT_EQ(
      QuerySqlite(db(),
                  "SELECT status FROM data_quality_metrics WHERE metric_name = 'email.null_pct'"),
      std::vector<std::string>{"FAIL"});
  EXPECT_NE(ReadFile(dir_.File("report.json")).find("\"status\":\"rejected\""), std::string::npos);
}

TEST_F(Quality, AMalformedThresholdIsAConfigurationError) {
  WriteJob("  thresholds:\n    email.null_pct: { fail: \"lots\" }\n");
  CommandResult r = RunSluice("run " + job());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("job.yaml:11:29: a threshold is a comparison"), std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace sluice::testing

// History-based checks on SQLite: a volume drop flagged as an anomaly with the expected range it
// used, silence while the history is too short, and retention that deletes only this
// monitor's old runs.
#include <gtest/gtest.h>

#include "jobs/monitor_loader.h"
#include "monitor/monitor_runner.h"
#include "tests/monitor/monitor_test_support.h"
#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

class MonitorHistory : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("events.db");
    ExecSqlite(db_, "CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT)");
    spec_ = LoadMonitorText(
        "version: 1\nname: events_monitor\nconnection: \"Driver=SQLite3;Database=" + db_ +
            "\"\nhistory: { retention_days: 30 }\n"
            "anomaly: { zscore: 3, change: 0, min_runs: 5 }\n"
            "tables:\n  - name: events\n    volume: { warn: \"change < -20%\", fail: \"change < "
            "-60%\" }\n",
        "events.yaml");
  }
  void Rows(int n) {
    ExecSqlite(db_, "DELETE FROM events");
    ExecSqlite(db_, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                        std::to_string(n) +
                        ") INSERT INTO events SELECT i, CASE WHEN i % 2 = 0 THEN 'click' ELSE "
                        "'view' END FROM n");
  }
  MonitorResult RunAndStore() {
    MonitorResult r = RunMonitor(spec_);
    StoreRun(spec_, r, 0);
    return r;
  }
  TempDir dir_;
  std::string db_;
  MonitorSpec spec_;
};

TEST_F(MonitorHistory, FlagsAVolumeDropWithTheExpectedRangeItUsed) {
  for (int n : {100, 101, 102, 103, 104}) {
    Rows(n);
    EXPECT_EQ(RunAndStore().status, Status::kPass) << n;
  }
  Rows(50);
  MonitorResult drop = RunMonitor(spec_);
  const MetricResult* rows = FindMetric(drop, "events", "row_count");
  ASSERT_NE(rows, nullptr);
  EXPECT_EQ(rows->value, 50);
  EXPECT_EQ(rows->status, Status::kWarning);  // change -51%: past warn (-20%), not fail (-60%)
  ASSERT_TRUE(rows->expected);
  // mean 102, sample stddev 1.5811 over the last 5 runs: 102 +/- 3 * 1.5811
  EXPECT_NEAR(*rows->expected->low, 97.2566, 1e-4);
  EXPECT_NEAR(*rows->expected->high, 106.7434, 1e-4);
  EXPECT_NE(rows->message.find("warn level change < -20%"), std::string::npos) << rows->message;
  EXPECT_NE(rows->message.find("anomaly (z = -32.8877): expected [97.2566, 106.74] by "
                               "z-score over the last 5 runs: mean 102, stddev 1.5811, |z| <= 3"),
            std::string::npos)
      << rows->message;
}

TEST_F(MonitorHistory, StaysQuietAboutAnomaliesWhileTheHistoryIsShort) {
  for (int n : {100, 101, 102}) {
    Rows(n);
    RunAndStore();
  }
  Rows(95);
  const MonitorResult quiet = RunMonitor(spec_);  // kept: rows points into it
  const MetricResult* rows = FindMetric(quiet, "events", "row_count");
  ASSERT_NE(rows, nullptr);
  EXPECT_EQ(rows->status, Status::kPass);
  EXPECT_EQ(rows->message.find("anomaly"), std::string::npos) << rows->message;
}

TEST_F(MonitorHistory, RetentionDeletesOnlyThisMonitorsOldRuns) {
  Rows(10);
  RunAndStore();  // creates the history tables
  ExecSqlite(db_,
             "INSERT INTO sluice_runs (run_id, job, started_at, ended_at, status) VALUES "
             "('old-1', 'events_monitor', '2000-01-01 00:00:00', '2000-01-01 00:00:01', "
             "'PASS'), ('old-2', 'other_job', '2000-01-01 00:00:00', '2000-01-01 00:00:01', "
             "'PASS')");
  ExecSqlite(db_,
             "INSERT INTO data_quality_metrics (timestamp, run_id, table_name, check_type, "
             "metric_name, metric_value, status) VALUES ('2000-01-01 00:00:01', 'old-1', "
             "'events', 'volume', 'row_count', 7, 'PASS'), ('2000-01-01 00:00:01', 'old-2', "
             "'events', 'volume', 'row_count', 7, 'PASS')");
  RunAndStore();
  EXPECT_EQ(QuerySqlite(db_, "SELECT run_id FROM sluice_runs WHERE run_id LIKE 'old-%'"),
            std::vector<std::string>{"old-2"});
  EXPECT_EQ(QuerySqlite(db_,
                        "SELECT DISTINCT run_id FROM data_quality_metrics WHERE run_id "
                        "LIKE 'old-%'"),
            std::vector<std::string>{"old-2"});
  EXPECT_EQ(QuerySqlite(db_, "SELECT COUNT(*) FROM sluice_runs WHERE job = 'events_monitor'"),
            std::vector<std::string>{"2"});
}

}  // namespace
}  // namespace sluice::testing

// The planted problems on SQLite, PostgreSQL and MariaDB: the same rows (monitor_test_support.h)
// give the same figures and statuses on every database, and a column dropped between two runs
// is reported as a schema change.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "jobs/monitor_loader.h"
#include "monitor/monitor_runner.h"
#include "tests/monitor/monitor_test_support.h"
#include "tests/support/test_support.h"
#include "tests/support/throwaway_mariadb.h"

namespace sluice::testing {
namespace {

using Execute = std::function<void(const std::string&)>;

const char* kReset =
    "DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS customers; "
    "DROP TABLE IF EXISTS data_quality_metrics; DROP TABLE IF EXISTS sluice_runs;";

MonitorSpec PlantedSpec(const std::string& connection) {
  return LoadMonitorText(PlantedMonitorYaml(connection), "planted.yaml");
}

const MetricResult& Metric(const MonitorResult& run, const std::string& table,
                           const std::string& metric) {
  const MetricResult* m = FindMetric(run, table, metric);
  if (m == nullptr) {
    ADD_FAILURE() << "no metric " << table << "." << metric;
    static const MetricResult kNone;
    return kNone;
  }
  return *m;
}

void ExpectPlantedFigures(const std::string& connection) {
  MonitorResult run = RunMonitor(PlantedSpec(connection));
  EXPECT_EQ(run.status, Status::kFail);

  EXPECT_EQ(Metric(run, "customers", "email.null_count").value, 3);
  EXPECT_DOUBLE_EQ(Metric(run, "customers", "email.null_pct").value, 7.5);
  EXPECT_EQ(Metric(run, "customers", "email.null_pct").status, Status::kWarning);

  EXPECT_EQ(Metric(run, "customers", "email.duplicate_rows").value, 2);
  EXPECT_EQ(Metric(run, "customers", "email.duplicate_pct").status, Status::kFail);
  EXPECT_NE(Metric(run, "customers", "email.duplicate_pct").extra.find("\"groups\": 1"),
            std::string::npos);

  EXPECT_EQ(Metric(run, "customers", "email.invalid_email").value, 2);
  EXPECT_NEAR(Metric(run, "customers", "email.invalid_email_pct").value, 200.0 / 37, 1e-9);
  EXPECT_EQ(Metric(run, "customers", "email.invalid_email_pct").status, Status::kFail);

  EXPECT_EQ(Metric(run, "customers", "signup_date.invalid_date").value, 2);
  EXPECT_DOUBLE_EQ(Metric(run, "customers", "signup_date.invalid_date_pct").value, 5);
  EXPECT_EQ(Metric(run, "customers", "signup_date.invalid_date_pct").status, Status::kWarning);

  EXPECT_EQ(Metric(run, "customers", "score.outliers").value, 1);
  EXPECT_EQ(Metric(run, "customers", "score.outlier_pct").status, Status::kWarning);
  EXPECT_EQ(Metric(run, "customers", "score.max").value, 1000);
  EXPECT_EQ(Metric(run, "customers", "score.min").value, 50);

  const MetricResult& top = Metric(run, "customers", "status.top_share");
  EXPECT_DOUBLE_EQ(top.value, 97.5);
  EXPECT_EQ(top.status, Status::kWarning);
  EXPECT_NE(top.extra.find("\"value\": \"active\""), std::string::npos) << top.extra;

  EXPECT_EQ(Metric(run, "orders", "customer_id.orphans").value, 2);
  const MetricResult& orphans = Metric(run, "orders", "customer_id.orphan_pct");
  EXPECT_DOUBLE_EQ(orphans.value, 10);
  EXPECT_EQ(orphans.status, Status::kFail);
  EXPECT_NE(orphans.extra.find("\"method\": \"anti-join\""), std::string::npos) << orphans.extra;
  EXPECT_NE(orphans.extra.find("\"declared\": true"), std::string::npos) << orphans.extra;
  EXPECT_NE(orphans.message.find("2 keys missing from customers, e.g. 98"), std::string::npos)
      << orphans.message;
}

void ExpectDroppedColumnIsASchemaChange(const std::string& connection, const Execute& execute) {
  MonitorSpec spec = PlantedSpec(connection);
  MonitorResult first = RunMonitor(spec);
  EXPECT_EQ(Metric(first, "customers", "schema.columns").value, 5);
  EXPECT_EQ(FindMetric(first, "customers", "schema.removed"), nullptr) << "no earlier run";
  StoreRun(spec, first, 3);

  execute("ALTER TABLE customers DROP COLUMN score");
  MonitorResult second = RunMonitor(spec);
  const MetricResult& removed = Metric(second, "customers", "schema.removed");
  EXPECT_EQ(removed.value, 1);
  EXPECT_EQ(removed.status, Status::kFail);
  EXPECT_NE(removed.message.find("1 column(s) removed since the last run: score"),
            std::string::npos)
      << removed.message;
  EXPECT_EQ(Metric(second, "customers", "schema.added").value, 0);
  EXPECT_EQ(Metric(second, "customers", "schema.columns").value, 4);
  EXPECT_EQ(FindMetric(second, "customers", "score.outliers"), nullptr);
}

class SqlitePlanted : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("planted.db");
    ExecSqlite(db_, PlantedShopSql(PlantedDialect::kSqlite));
  }
  std::string Connection() const { return "Driver=SQLite3;Database=" + db_; }
  void Execute(const std::string& sql) const { ExecSqlite(db_, sql); }
  TempDir dir_;
  std::string db_;
};

TEST_F(SqlitePlanted, DetectsEveryPlantedProblemWithItsFigures) {
  ExpectPlantedFigures(Connection());
}

TEST_F(SqlitePlanted, ReportsAColumnDroppedBetweenRuns) {
  ExpectDroppedColumnIsASchemaChange(Connection(),
                                     [this](const std::string& sql) { Execute(sql); });
}

class PostgresPlanted : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pg_ = new ThrowawayPostgres(); }
  static void TearDownTestSuite() {
    delete pg_;
    pg_ = nullptr;
  }
  void SetUp() override {
    pg_->Execute(kReset);
    pg_->Execute(PlantedShopSql(PlantedDialect::kPostgres));
  }
  static ThrowawayPostgres* pg_;
};
ThrowawayPostgres* PostgresPlanted::pg_ = nullptr;

TEST_F(PostgresPlanted, DetectsEveryPlantedProblemWithItsFigures) {
  ExpectPlantedFigures(pg_->connection());
}

TEST_F(PostgresPlanted, ReportsAColumnDroppedBetweenRuns) {
  ExpectDroppedColumnIsASchemaChange(pg_->connection(),
                                     [](const std::string& sql) { pg_->Execute(sql); });
}

class MariaDbPlanted : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { maria_ = new ThrowawayMariaDb(); }
  static void TearDownTestSuite() {
    delete maria_;
    maria_ = nullptr;
  }
  void SetUp() override {
    maria_->Execute("SET FOREIGN_KEY_CHECKS=0; " + std::string(kReset));
    maria_->Execute(PlantedShopSql(PlantedDialect::kMariaDb));
  }
  static ThrowawayMariaDb* maria_;
};
ThrowawayMariaDb* MariaDbPlanted::maria_ = nullptr;

TEST_F(MariaDbPlanted, DetectsEveryPlantedProblemWithItsFigures) {
  ExpectPlantedFigures(maria_->connection());
}

TEST_F(MariaDbPlanted, ReportsAColumnDroppedBetweenRuns) {
  ExpectDroppedColumnIsASchemaChange(maria_->connection(),
                                     [](const std::string& sql) { maria_->Execute(sql); });
}

}  // namespace
}  // namespace sluice::testing

// Run history and metrics rows through ODBC, one short transaction per run.
#include "connectors/odbc/odbc_quality_store.h"

#include <optional>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_row_inserter.h"

namespace sluice {
namespace {

using Cell = OdbcRowInserter::Cell;

Schema RunsSchema() {
  return {{{"run_id", {TypeId::kText}},
           {"job", {TypeId::kText}},
           {"started_at", {TypeId::kTimestamp}},
           {"ended_at", {TypeId::kTimestamp}},
           {"status", {TypeId::kText}},
           {"rows_read", {TypeId::kInteger}},
           {"rows_written", {TypeId::kInteger}},
           {"rows_filtered", {TypeId::kInteger}},
           {"rows_rejected", {TypeId::kInteger}},
           {"exit_code", {TypeId::kInteger}},
           {"message", {TypeId::kText}}}};
}

Schema MetricsSchema() {
  return {{{"timestamp", {TypeId::kTimestamp}},
           {"run_id", {TypeId::kText}},
           {"table_name", {TypeId::kText}},
           {"check_type", {TypeId::kText}},
           {"metric_name", {TypeId::kText}},
           {"metric_value", {TypeId::kDouble}},
           {"details", {TypeId::kText}},
           {"status", {TypeId::kText}}}};
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

OdbcQualityStore::OdbcQualityStore(std::string connection, std::string metrics_table)
    : connection_(std::move(connection)), metrics_table_(std::move(metrics_table)) {}

void OdbcQualityStore::Save(const RunRecord& run, const std::vector<MetricRow>& metrics) {
  Dialect dialect = DetectDialect(connection_);
  OdbcConnection connection(dialect.TuneConnectionString(connection_),
                            MaskConnectionString(connection_));
  connection.SetAutocommit(false);
  {
    OdbcRowInserter runs(connection, dialect, "sluice_runs", RunsSchema());
    runs.Insert({run.run_id, run.job, run.started_at, run.ended_at, run.status,
                 std::to_string(run.rows_read), std::to_string(run.rows_written),
                 std::to_string(run.rows_filtered), std::to_string(run.rows_rejected),
                 std::to_string(run.exit_code), run.message.empty() ? Cell() : Cell(run.message)});
    if (!metrics.empty()) {
      OdbcRowInserter rows(connection, dialect, metrics_table_, MetricsSchema());
      for (const MetricRow& m : metrics) {
        rows.Insert({run.ended_at, run.run_id, m.table_name, m.check_type, m.metric_name,
                     Number(m.metric_value), m.details.empty() ? Cell() : Cell(m.details),
                     m.status});
      }
    }
  }
  connection.Commit();
}

}  // namespace sluice

// The steps of a check run.
#include "monitor/monitor_runner.h"

#include <map>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "monitor/check_evaluation.h"
#include "monitor/history_store.h"
#include "monitor/query_pool.h"
#include "monitor/table_catalog.h"
#include "monitor/table_scan.h"

namespace sluice {
namespace {

std::string HistoryConnection(const MonitorSpec& spec) {
  return spec.history.connection.empty() ? spec.connection : spec.history.connection;
}

}  // namespace

MonitorResult RunMonitor(const MonitorSpec& spec, const CheckRunOptions& options) {
  SystemTime started = std::chrono::system_clock::now();
  MonitorResult result;
  result.monitor = spec.name;
  result.run_id = "check-" + FormatRunStamp(started);
  result.started_at = FormatUtc(started);

  // The catalog through ODBC for every database (SQLite's driver reads it from the file).
  std::map<std::string, TableInfo> described;
  auto describe = [&](OdbcConnection& db, const std::string& table) -> const TableInfo& {
    auto it = described.find(table);
    if (it == described.end())
      it = described.emplace(table, DescribeMonitoredTable(db, table)).first;
    return it->second;
  };
  std::vector<TablePlan> plans;
  {
    Dialect dialect = DetectDialect(spec.connection);
    OdbcConnection db(dialect.TuneConnectionString(spec.connection),
                      MaskConnectionString(spec.connection));
    for (const TableSpec& t : spec.tables) describe(db, t.name);
    for (const TableSpec& t : spec.tables) {
      auto parent_key = [&](const std::string& parent) { return describe(db, parent).primary_key; };
      plans.push_back(PlanTable(t, described.at(t.name), parent_key));
      for (const PlannedReference& r : plans.back().references) describe(db, r.parent);
    }
  }

  QueryPool pool(spec.connection, spec.threads);
  std::vector<TableMeasures> measures = MeasureTables(plans, described, pool);

  HistoryStore store(HistoryConnection(spec), spec.history.table);
  MetricHistory history;
  if (options.read_history)
    history = HistoryFromRuns(store.LoadRecent(spec.name, spec.history.runs));
  EvaluationContext context;
  context.history = &history;
  context.anomaly = spec.anomaly;
  context.now = options.as_of.value_or(started);
  for (size_t i = 0; i < plans.size(); ++i) {
    TableResult t = EvaluateTable(plans[i], measures[i], context);
    result.status = Worst(result.status, t.status);
    result.tables.push_back(std::move(t));
  }
  result.ended_at = FormatUtc(std::chrono::system_clock::now());
  return result;
}

void StoreRun(const MonitorSpec& spec, const MonitorResult& result, int exit_code) {
  HistoryStore store(HistoryConnection(spec), spec.history.table);
  store.Save(result, exit_code);
  if (spec.history.retention_days > 0) {
    SystemTime cutoff =
        std::chrono::system_clock::now() - std::chrono::hours(24) * spec.history.retention_days;
    store.DeleteBefore(spec.name, FormatUtc(cutoff));
  }
}

}  // namespace sluice

// Run history and metrics rows through ODBC, one short transaction per run.
#include "connectors/odbc/odbc_quality_store.h"

#include <optional>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_handles.h"

namespace sluice {
namespace {

using Cell = std::optional<std::string>;

Schema RunsSchema() {
  return {{{"run_id", {TypeId::kText}}, {"job", {TypeId::kText}},
           {"started_at", {TypeId::kTimestamp}}, {"ended_at", {TypeId::kTimestamp}},
           {"status", {TypeId::kText}}, {"rows_read", {TypeId::kInteger}},
           {"rows_written", {TypeId::kInteger}}, {"rows_filtered", {TypeId::kInteger}},
           {"rows_rejected", {TypeId::kInteger}}, {"exit_code", {TypeId::kInteger}},
           {"message", {TypeId::kText}}}};
}

Schema MetricsSchema() {
  return {{{"timestamp", {TypeId::kTimestamp}}, {"run_id", {TypeId::kText}},
           {"table_name", {TypeId::kText}}, {"check_type", {TypeId::kText}},
           {"metric_name", {TypeId::kText}}, {"metric_value", {TypeId::kDouble}},
           {"details", {TypeId::kText}}, {"status", {TypeId::kText}}}};
}

// Inserts rows of text cells; the driver converts to the column types.
class RowInserter {
 public:
  RowInserter(OdbcConnection& connection, const Dialect& dialect, const std::string& table,
              const Schema& schema)
      : stmt_(connection), schema_(schema), table_(table) {
    if (!OdbcTableExists(connection, table)) {
      connection.Execute(dialect.CreateTable(table, schema), "creating table " + table);
    }
    std::string sql = dialect.Insert(table, schema);
    OdbcCheck(SQLPrepare(stmt_.get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS),
              SQL_HANDLE_STMT, stmt_.get(), "preparing the insert into " + table);
  }

  void Insert(std::vector<Cell> cells) {
    std::vector<SQLLEN> ind(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
      SQLSMALLINT sql_type = SQL_VARCHAR;
      switch (schema_.fields[i].type.id) {
        case TypeId::kInteger: sql_type = SQL_BIGINT; break;
        case TypeId::kDouble: sql_type = SQL_DOUBLE; break;
        case TypeId::kTimestamp: sql_type = SQL_TYPE_TIMESTAMP; break;
        default: break;
      }
      ind[i] = cells[i] ? static_cast<SQLLEN>(cells[i]->size()) : SQL_NULL_DATA;
      SQLULEN size = cells[i] ? std::max<size_t>(cells[i]->size(), 1) : 1;
      if (sql_type == SQL_TYPE_TIMESTAMP) size = 19;
      OdbcCheck(SQLBindParameter(stmt_.get(), static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT,
                                 SQL_C_CHAR, sql_type, size, 0,
                                 cells[i] ? cells[i]->data() : nullptr,
                                 static_cast<SQLLEN>(cells[i] ? cells[i]->size() + 1 : 0), &ind[i]),
                SQL_HANDLE_STMT, stmt_.get(), "binding a value for " + table_);
    }
    OdbcCheck(SQLExecute(stmt_.get()), SQL_HANDLE_STMT, stmt_.get(), "inserting into " + table_);
    SQLFreeStmt(stmt_.get(), SQL_CLOSE);
  }

 private:
  OdbcStatement stmt_;
  Schema schema_;
  std::string table_;
};

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
    RowInserter runs(connection, dialect, "sluice_runs", RunsSchema());
    runs.Insert({run.run_id, run.job, run.started_at, run.ended_at, run.status,
                 std::to_string(run.rows_read), std::to_string(run.rows_written),
                 std::to_string(run.rows_filtered), std::to_string(run.rows_rejected),
                 std::to_string(run.exit_code),
                 run.message.empty() ? Cell() : Cell(run.message)});
    if (!metrics.empty()) {
      RowInserter rows(connection, dialect, metrics_table_, MetricsSchema());
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

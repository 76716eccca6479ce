// History reads and writes through ODBC with bound parameters.
#include "monitor/history_store.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_quality_store.h"

namespace sluice {
namespace {

constexpr const char* kRunsTable = "sluice_runs";

using Cell = std::optional<std::string>;

// A statement with text parameters (timestamps marked as such) whose rows are read as text.
class Statement {
 public:
  Statement(OdbcConnection& connection, const std::string& sql, std::vector<std::string> params,
            std::vector<bool> timestamps = {})
      : stmt_(connection), params_(std::move(params)), lengths_(params_.size()) {
    for (size_t i = 0; i < params_.size(); ++i) {
      bool timestamp = i < timestamps.size() && timestamps[i];
      lengths_[i] = static_cast<SQLLEN>(params_[i].size());
      OdbcCheck(SQLBindParameter(stmt_.get(), static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT,
                                 SQL_C_CHAR, timestamp ? SQL_TYPE_TIMESTAMP : SQL_VARCHAR,
                                 timestamp ? 19 : std::max<size_t>(params_[i].size(), 1), 0,
                                 params_[i].data(), lengths_[i] + 1, &lengths_[i]),
                SQL_HANDLE_STMT, stmt_.get(), "binding a history parameter");
    }
    OdbcCheck(SQLExecDirect(stmt_.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                            SQL_NTS),
              SQL_HANDLE_STMT, stmt_.get(), "reading the check history");
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt_.get(), &columns);
    columns_ = columns;
  }

  bool Next(std::vector<Cell>& row) {
    SQLRETURN rc = SQLFetch(stmt_.get());
    if (rc == SQL_NO_DATA) return false;
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt_.get(), "reading the check history");
    row.clear();
    for (SQLUSMALLINT c = 1; c <= columns_; ++c) {
      std::string out;
      char buf[4096];
      bool null = false;
      for (;;) {
        SQLLEN len = 0;
        SQLRETURN r = SQLGetData(stmt_.get(), c, SQL_C_CHAR, buf, sizeof buf, &len);
        if (r == SQL_NO_DATA) break;
        OdbcCheck(r, SQL_HANDLE_STMT, stmt_.get(), "reading the check history");
        if (len == SQL_NULL_DATA) {
          null = true;
          break;
        }
        bool partial = len == SQL_NO_TOTAL || len >= static_cast<SQLLEN>(sizeof buf);
        out.append(buf, partial ? sizeof buf - 1 : static_cast<size_t>(len));
        if (!partial) break;
      }
      row.push_back(null ? Cell() : Cell(out));
    }
    return true;
  }

  int64_t RowCount() {
    SQLLEN n = 0;
    SQLRowCount(stmt_.get(), &n);
    return n;
  }

 private:
  OdbcStatement stmt_;
  std::vector<std::string> params_;
  std::vector<SQLLEN> lengths_;
  SQLSMALLINT columns_ = 0;
};

struct Connected {
  explicit Connected(const std::string& connection)
      : dialect(DetectDialect(connection)),
        db(dialect.TuneConnectionString(connection), MaskConnectionString(connection)) {
    for (const std::string& sql : dialect.SessionSetup()) db.Execute(sql, "setting up the session");
  }
  Dialect dialect;
  OdbcConnection db;
};

// Timestamps come back as "YYYY-MM-DD HH:MM:SS[.fff]"; reports show seconds.
std::string Seconds(const Cell& c) { return c ? c->substr(0, 19) : ""; }

}  // namespace

HistoryStore::HistoryStore(std::string connection, std::string metrics_table)
    : connection_(std::move(connection)), metrics_table_(std::move(metrics_table)) {}

void HistoryStore::Save(const MonitorResult& run, int exit_code) {
  RunRecord record;
  record.run_id = run.run_id;
  record.job = run.monitor;
  record.started_at = run.started_at;
  record.ended_at = run.ended_at;
  record.status = StatusName(run.status);
  record.exit_code = exit_code;
  std::vector<MetricRow> rows;
  for (const TableResult& t : run.tables) {
    record.rows_read += static_cast<uint64_t>(std::max<int64_t>(t.rows, 0));
    for (const MetricResult& m : t.metrics) {
      rows.push_back({m.table, m.check, m.metric, std::isfinite(m.value) ? m.value : 0,
                      MetricDetailsJson(m), StatusName(m.status)});
    }
  }
  OdbcQualityStore(connection_, metrics_table_).Save(record, rows);
}

std::vector<MonitorResult> HistoryStore::LoadRecent(const std::string& monitor, int runs) {
  return Load(monitor, "", runs);
}

std::vector<MonitorResult> HistoryStore::LoadSince(const std::string& monitor,
                                                   const std::string& since) {
  return Load(monitor, since, 0);
}

std::vector<MonitorResult> HistoryStore::Load(const std::string& monitor, const std::string& since,
                                              int runs) {
  Connected c(connection_);
  if (!OdbcTableExists(c.db, kRunsTable) || !OdbcTableExists(c.db, metrics_table_)) return {};
  const std::string runs_table = c.dialect.QuoteIdentifier(kRunsTable);
  std::vector<MonitorResult> found;  // newest first
  {
    std::string sql = "SELECT run_id, started_at, ended_at, status FROM " + runs_table + " WHERE " +
                      c.dialect.QuoteIdentifier("job") + " = ?";
    std::vector<std::string> params = {monitor};
    if (!since.empty()) {
      sql += " AND started_at >= ?";
      params.push_back(since);
    }
    Statement s(c.db, sql + " ORDER BY run_id DESC", params, {false, true});
    std::vector<Cell> row;
    while ((runs == 0 || static_cast<int>(found.size()) < runs) && s.Next(row)) {
      MonitorResult r;
      r.monitor = monitor;
      r.run_id = row[0].value_or("");
      r.started_at = Seconds(row[1]);
      r.ended_at = Seconds(row[2]);
      r.status = ParseStatus(row[3].value_or(""));
      found.push_back(std::move(r));
    }
  }
  if (found.empty()) return {};
  std::reverse(found.begin(), found.end());
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < found.size(); ++i) index[found[i].run_id] = i;
  std::vector<std::map<std::string, size_t>> tables(found.size());
  Statement s(c.db,
              "SELECT run_id, table_name, check_type, metric_name, metric_value, status, details "
              "FROM " +
                  c.dialect.QuoteIdentifier(metrics_table_) + " WHERE run_id >= ?",
              {found.front().run_id});
  std::vector<Cell> row;
  while (s.Next(row)) {
    auto at = index.find(row[0].value_or(""));
    if (at == index.end()) continue;
    MonitorResult& run = found[at->second];
    MetricResult m;
    m.table = row[1].value_or("");
    m.check = row[2].value_or("");
    m.metric = row[3].value_or("");
    m.value = row[4] ? std::strtod(row[4]->c_str(), nullptr) : 0;
    m.status = ParseStatus(row[5].value_or(""));
    ReadMetricDetails(row[6].value_or(""), m);
    auto [t, added] = tables[at->second].emplace(m.table, run.tables.size());
    if (added) run.tables.push_back(TableResult{m.table, Status::kInfo, 0, {}});
    TableResult& table = run.tables[t->second];
    table.status = Worst(table.status, m.status);
    if (m.metric == "row_count") table.rows = static_cast<int64_t>(m.value);
    table.metrics.push_back(std::move(m));
  }
  return found;
}

int64_t HistoryStore::DeleteBefore(const std::string& monitor, const std::string& cutoff) {
  Connected c(connection_);
  if (!OdbcTableExists(c.db, kRunsTable)) return 0;
  const std::string runs_table = c.dialect.QuoteIdentifier(kRunsTable);
  const std::string job = c.dialect.QuoteIdentifier("job");
  c.db.SetAutocommit(false);
  if (OdbcTableExists(c.db, metrics_table_)) {
    Statement(c.db,
              "DELETE FROM " + c.dialect.QuoteIdentifier(metrics_table_) +
                  " WHERE run_id IN (SELECT run_id FROM " + runs_table + " WHERE " + job +
                  " = ? AND started_at < ?)",
              {monitor, cutoff}, {false, true});
  }
  Statement runs(c.db, "DELETE FROM " + runs_table + " WHERE " + job + " = ? AND started_at < ?",
                 {monitor, cutoff}, {false, true});
  int64_t deleted = runs.RowCount();
  c.db.Commit();
  return deleted;
}

MetricHistory HistoryFromRuns(const std::vector<MonitorResult>& runs) {
  MetricHistory h;
  h.runs = static_cast<int>(runs.size());
  for (const MonitorResult& run : runs) {
    for (const TableResult& t : run.tables) {
      for (const MetricResult& m : t.metrics) {
        h.values[{t.table, m.metric}].push_back(m.value);
        if (m.metric != "schema.columns") continue;
        // extra holds "columns": [[name, type], ...]
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        if (parser.parse("{" + m.extra + "}").get(root) != simdjson::SUCCESS) continue;
        simdjson::dom::array columns;
        if (root["columns"].get(columns) != simdjson::SUCCESS) continue;
        std::vector<std::pair<std::string, std::string>> schema;
        for (simdjson::dom::element c : columns) {
          std::string_view name, type;
          if (c.at(0).get(name) == simdjson::SUCCESS && c.at(1).get(type) == simdjson::SUCCESS) {
            schema.emplace_back(std::string(name), std::string(type));
          }
        }
        h.schemas[t.table] = std::move(schema);
      }
    }
  }
  return h;
}

}  // namespace sluice

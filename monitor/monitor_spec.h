// What a monitor file asks for: the database, its tables and their checks with warn/fail
// levels, where history is kept, anomaly detection and alerts. Filled by
// jobs/monitor_loader.cpp; what a table leaves out is decided from the catalog (table_plan.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "monitor/threshold.h"

namespace sluice {

// A check over some columns. `columns` empty: chosen from the catalog; `per_column` overrides
// the check's levels for one column.
struct ColumnCheckSpec {
  bool enabled = true;
  std::vector<std::string> columns;
  Levels levels;
  std::map<std::string, Levels> per_column;
};

enum class FormatKind { kEmail, kPhone, kDate, kNumber, kRegex };

struct FormatSpec {
  std::string column;
  FormatKind kind = FormatKind::kEmail;
  std::string pattern;           // kRegex only
  std::optional<Levels> levels;  // nullopt: the table's format levels
};

struct ReferenceSpec {
  std::vector<std::string> columns;
  std::string parent_table;
  std::vector<std::string> parent_columns;  // empty: the parent's primary key
  std::optional<Levels> levels;
};

struct TableSpec {
  std::string name;
  std::string where;  // file:line:col, for messages about this table

  ColumnCheckSpec missing;
  ColumnCheckSpec duplicates;   // columns: the set that must be unique
  bool formats_by_name = true;  // add email/phone/date/number checks by column name and type
  std::vector<FormatSpec> formats;
  Levels format_levels;
  bool declared_references = true;  // check the foreign keys the catalog declares
  std::vector<ReferenceSpec> references;
  Levels orphan_levels;
  ColumnCheckSpec outliers;   // numeric columns
  double outlier_z = 3;       // |z| above this is an outlier
  ColumnCheckSpec dominance;  // categorical columns
  ColumnCheckSpec freshness;  // columns[0]: the timestamp column
  Levels volume;
  Levels schema_added, schema_removed, schema_retyped;
  bool empty_is_missing = false;  // count '' as missing too
};

struct HistorySpec {
  std::string connection;  // empty: the monitored database
  std::string table = "data_quality_metrics";
  int retention_days = 90;  // 0: keep everything
  int runs = 10;            // the last N runs that change levels and anomaly detection use
};

struct AnomalySpec {
  bool enabled = true;
  double zscore = 3;       // |value - mean| > zscore * stddev of the last runs
  double change_pct = 50;  // |value - mean| > change_pct% of mean (0: off)
  int min_runs = 5;        // fewer runs of history: no verdict
  bool fail = false;       // an anomaly fails instead of warning
};

struct EmailAlertSpec {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string from;
  std::vector<std::string> to;
  std::string subject;
  std::string username_env, password_env;  // names of environment variables
};

struct WebhookAlertSpec {
  std::string url;
  std::string bearer_env;  // environment variable holding a bearer token
};

struct AlertSpec {
  bool on_warn = true;  // false: only failures alert
  std::optional<EmailAlertSpec> email;
  std::optional<WebhookAlertSpec> webhook;
};

struct MonitorSpec {
  std::string file;
  std::string name;
  std::string connection;
  int threads = 2;  // connections that run checks at the same time
  std::vector<TableSpec> tables;
  HistorySpec history;
  AnomalySpec anomaly;
  AlertSpec alerts;
};

}  // namespace sluice

// The job a user wrote, out of YAML and checked: what the pipeline builder works from.
// Every part keeps the job-file location ("file:line:col") it came from, for error messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connectors/csv/csv_options.h"
#include "connectors/file/file_sink_options.h"
#include "connectors/json/json_options.h"
#include "connectors/odbc/odbc_source.h"
#include "pipeline/quality_checks.h"
#include "pipeline/run_plan.h"
#include "pipeline/sink.h"
#include "pipeline/types.h"
#include "transforms/options.h"

namespace sluice {

struct SourceSpec {
  std::string type;  // csv | json | odbc
  CsvOptions csv;    // its path may be a glob: several files, one after another
  JsonOptions json;  // likewise
  OdbcSourceOptions odbc;
  // odbc, several tables moved in one job (`tables: [a, b]` or `tables: all`).
  std::vector<std::string> tables;
  bool all_tables = false;
  // odbc on PostgreSQL: read through libpq COPY (same rows and text, several times faster).
  bool fast_path = true;
  // odbc table: readers at once, each over its own connection and key range (1: one reader).
  size_t parallel = 1;
  std::string where;
};

struct TargetSpec {
  std::string type;        // odbc | csv | json
  std::string connection;  // may hold secrets: only ever printed through MaskConnectionString
  std::string table;       // empty for a multi-table job: each table keeps its name
  WriteMode mode = WriteMode::kAppend;
  // mode upsert: the columns that identify a row; a multi-table job may leave it empty to use
  // each table's primary key.
  std::vector<std::string> key;
  CreateMode create = CreateMode::kIfMissing;
  uint64_t commit_every = 50000;  // rows per transaction; 0 = one transaction for the job
  int retries = 3;        // transient failures retried from the last commit, with growing pauses
  bool fast_path = true;  // native bulk writer where one exists (SQLite: C API; PostgreSQL: COPY)
  CsvWriteOptions csv_file;    // type: csv
  JsonWriteOptions json_file;  // type: json
  std::string where;
};

struct TransformSpec {
  std::string name;
  Options options;
};

// Where a target column's value comes from.
enum class ValueOrigin { kSourceColumn, kConstant, kGenerated, kConcat };

struct ColumnSpec {
  std::string name;
  ValueOrigin origin = ValueOrigin::kSourceColumn;
  std::string from;                 // kSourceColumn
  std::string constant;             // kConstant
  std::string generated;            // kGenerated: run_started_at | run_id
  std::vector<std::string> concat;  // kConcat: source columns joined by `separator`
  std::string separator = " ";
  std::optional<std::string> fallback;  // `default:` for NULL or empty results
  DataType type;
  std::vector<TransformSpec> transforms;
  std::string where;
};

struct FilterSpec {
  std::string column;  // a source column
  enum class Op { kEqual, kNotEqual, kIn, kNotIn } op = Op::kNotEqual;
  std::vector<std::string> values;
  std::string where;
};

struct RuleSpec {
  std::vector<std::string> columns;  // target columns (several for unique)
  std::string rule;
  Severity severity = Severity::kReject;
  Options options;  // rule-specific (pattern, values, min, max, ...)
  std::string where;
};

struct QualitySpec {
  bool enabled = false;
  std::string table = "data_quality_metrics";  // in `connection`, with sluice_runs beside it
  std::string connection;                      // default: the target's
  bool store = true;                           // false: only the report file
  std::string report;                          // JSON report path; empty: none
  std::vector<MetricThreshold> thresholds;
};

struct PipelineSpec {
  size_t batch_size = 8192;
  int threads = 0;  // 0: all cores
  size_t max_in_flight = 8;
};

struct JobSpec {
  std::string file;
  std::string name;
  SourceSpec source;
  TargetSpec target;
  std::vector<ColumnSpec> columns;
  std::optional<FilterSpec> filter;
  std::vector<RuleSpec> rules;
  RejectLimit max_rejects;
  std::string rejects_path;  // empty: rejects are only counted
  RejectFormat rejects_format = RejectFormat::kNdjson;
  std::string rejects_table;  // in the target, written in the same transaction as the rows
  QualitySpec quality;
  PipelineSpec pipeline;
};

}  // namespace sluice

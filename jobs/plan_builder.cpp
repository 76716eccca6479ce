// RunPlan construction from the job spec.
#include "jobs/plan_builder.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>

#include "connectors/csv/csv_source.h"
#include "connectors/file/csv_file_sink.h"
#include "connectors/file/json_file_sink.h"
#include "connectors/file/multi_file_source.h"
#include "connectors/json/json_source.h"
#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/key_ranges.h"
#include "connectors/odbc/odbc_sink.h"
#include "connectors/odbc/odbc_source.h"
#include "connectors/postgres/pg_copy_sink.h"
#include "connectors/postgres/pg_copy_source.h"
#include "connectors/sqlite/sqlite_sink.h"
#include "pipeline/errors.h"
#include "pipeline/parallel_source.h"
#include "pipeline/value_cast.h"
#include "transforms/registry.h"

namespace sluice {
namespace {

std::string UtcNow(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

const TransformRegistry& Transforms() {
  static const TransformRegistry registry = [] {
    TransformRegistry r;
    RegisterBuiltinTransforms(r);
    return r;
  }();
  return registry;
}

const RuleRegistry& Rules() {
  static const RuleRegistry registry = [] {
    RuleRegistry r;
    RegisterBuiltinRules(r);
    return r;
  }();
  return registry;
}

// Everything but the source and sink. `source_schema` null: names are not resolved.
void BuildColumnsAndRules(const JobSpec& job, const Schema* source_schema,
                          const std::string& run_id, const std::string& started_at, RunPlan& plan) {
  for (const ColumnSpec& spec : job.columns) {
    if (plan.target_schema.IndexOf(spec.name)) {
      throw ConfigError(spec.where, "column '" + spec.name + "' is defined twice");
    }
    ColumnPlan col;
    col.name = spec.name;
    col.type = spec.type;
    col.fallback = spec.fallback;
    switch (spec.origin) {
      case ValueOrigin::kSourceColumn: {
        col.origin = ColumnPlan::Origin::kSource;
        if (source_schema) {
          auto index = source_schema->IndexOf(spec.from);
          if (!index) {
            std::string known;
            for (const Field& f : source_schema->fields)
              known += (known.empty() ? "" : ", ") + f.name;
            throw ConfigError(spec.where, "column '" + spec.name + "': the source has no column '" +
                                              spec.from + "' (it has: " + known + ")");
          }
          col.source_index = *index;
        }
        break;
      }
      case ValueOrigin::kConstant:
        col.origin = ColumnPlan::Origin::kConstant;
        col.constant = spec.constant;
        break;
      case ValueOrigin::kConcat:
        col.origin = ColumnPlan::Origin::kConcat;
        col.separator = spec.separator;
        for (const std::string& from : spec.concat) {
          auto index = source_schema ? source_schema->IndexOf(from) : std::optional<size_t>(0);
          if (!index) {
            throw ConfigError(spec.where, "column '" + spec.name + "': the source has no column '" +
                                              from + "' to concat");
          }
          col.concat_indexes.push_back(*index);
        }
        break;
      case ValueOrigin::kGenerated:
        col.origin = ColumnPlan::Origin::kConstant;
        col.constant = spec.generated == "run_id" ? run_id : started_at;
        break;
    }
    for (const TransformSpec& t : spec.transforms) {
      col.transforms.push_back(Transforms().Create(t.name, t.options));
    }
    if (col.origin == ColumnPlan::Origin::kConstant && col.transforms.empty() &&
        !col.type.IsText()) {
      std::string reason;
      int64_t i;
      double d;
      bool ok = col.type.id == TypeId::kDouble ? CastToReal(col.constant, d, reason)
                                               : CastToInt(col.constant, col.type, i, reason);
      if (!ok) throw ConfigError(spec.where, "column '" + spec.name + "': " + reason);
    }
    plan.target_schema.fields.push_back({col.name, col.type, true});
    plan.columns.push_back(std::move(col));
  }
  for (const RuleSpec& spec : job.rules) {
    std::vector<size_t> cols;
    std::string label;
    for (const std::string& c : spec.columns) {
      cols.push_back(*plan.target_schema.IndexOf(c));
      label += (label.empty() ? "" : ",") + c;
    }
    RulePlan rule;
    rule.rule = Rules().Create(spec.rule, cols, plan.target_schema, spec.options);
    rule.name = spec.rule;
    rule.column = label;
    rule.severity = spec.severity;
    plan.rules.push_back(std::move(rule));
  }
  if (job.filter && source_schema) {
    auto index = source_schema->IndexOf(job.filter->column);
    if (!index) {
      throw ConfigError(job.filter->where,
                        "filter: the source has no column '" + job.filter->column + "'");
    }
    FilterPlan f;
    f.source_index = *index;
    f.source_column = job.filter->column;
    f.keep_when_listed =
        job.filter->op == FilterSpec::Op::kEqual || job.filter->op == FilterSpec::Op::kIn;
    f.values = job.filter->values;
    plan.filter = std::move(f);
  }
}

bool HasGlob(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

// A file source, or several files one after another when the path is a glob.
template <typename FileSource, typename Options>
std::unique_ptr<Source> BuildFileSource(const Options& options) {
  if (!HasGlob(options.path)) return std::make_unique<FileSource>(options);
  return std::make_unique<MultiFileSource>(
      MultiFileSource::ExpandGlob(options.path), [options](const std::string& path) {
        Options one = options;
        one.path = path;
        return std::unique_ptr<Source>(std::make_unique<FileSource>(one));
      });
}

// One reader of a table or query: PostgreSQL through COPY and SQLite's rows through its own
// library unless fast_path is off (the rows and text are the same), every other database
// through ODBC.
std::unique_ptr<Source> BuildDatabaseSource(const SourceSpec& source, OdbcSourceOptions options) {
  if (source.fast_path && DetectDialect(options.connection).kind() == DialectKind::kPostgres) {
    PgCopySourceOptions copy;
    copy.connection = options.connection;
    copy.table = options.table;
    copy.query = options.query;
    copy.key = options.key;
    copy.where = options.where;
    return std::make_unique<PgCopySource>(std::move(copy));
  }
  options.sqlite_native = source.fast_path;
  return std::make_unique<OdbcSource>(std::move(options));
}

// source.parallel: the table split on its integer key, one reader and connection per range.
// In a multi-table job a table that cannot be split is read by one reader.
std::unique_ptr<Source> BuildParallelDatabaseSource(const SourceSpec& source,
                                                    const OdbcSourceOptions& options,
                                                    bool several_tables) {
  KeyRanges ranges;
  try {
    ranges = SplitKeyRanges(options.connection, options.table, options.key, options.where,
                            source.parallel);
  } catch (const ConfigError&) {
    if (several_tables) return BuildDatabaseSource(source, options);
    throw;
  }
  std::vector<std::unique_ptr<Source>> parts;
  for (const std::string& condition : ranges.conditions) {
    OdbcSourceOptions part = options;
    part.key = ranges.key;
    if (!condition.empty()) {
      part.where = options.where.empty() ? condition : "(" + options.where + ") AND " + condition;
    }
    parts.push_back(BuildDatabaseSource(source, std::move(part)));
  }
  if (parts.size() == 1) return std::move(parts.front());
  return std::make_unique<ParallelSource>(std::move(parts));
}

std::unique_ptr<Source> BuildSource(const SourceSpec& source, const std::string& table) {
  if (source.type == "json") return BuildFileSource<JsonSource>(source.json);
  if (source.type == "odbc") {
    OdbcSourceOptions options = source.odbc;
    if (!table.empty()) options.table = table;
    if (source.parallel > 1 && !options.table.empty()) {
      return BuildParallelDatabaseSource(source, options, /*several_tables=*/!table.empty());
    }
    return BuildDatabaseSource(source, options);
  }
  return BuildFileSource<CsvSource>(source.csv);
}

// Database targets: SQLite gets its C API and PostgreSQL COPY unless fast_path is off;
// everything else goes through ODBC. File targets are written atomically.
std::unique_ptr<Sink> BuildSink(const TargetSpec& target, const std::string& table) {
  if (target.type == "csv") return std::make_unique<CsvFileSink>(target.csv_file);
  if (target.type == "json") return std::make_unique<JsonFileSink>(target.json_file);
  const DialectKind kind = DetectDialect(target.connection).kind();
  std::string database = ConnectionValue(target.connection, "Database");
  if (target.fast_path && kind == DialectKind::kSqlite && !database.empty()) {
    SqliteSinkOptions options;
    options.database = database;
    options.table = table;
    options.mode = target.mode;
    options.key = target.key;
    options.create = target.create;
    return std::make_unique<SqliteSink>(std::move(options));
  }
  if (target.fast_path && kind == DialectKind::kPostgres) {
    PgCopySinkOptions options;
    options.connection = target.connection;
    options.table = table;
    options.mode = target.mode;
    options.key = target.key;
    options.create = target.create;
    return std::make_unique<PgCopySink>(std::move(options));
  }
  OdbcSinkOptions options;
  options.connection = target.connection;
  options.table = table;
  options.mode = target.mode;
  options.key = target.key;
  options.create = target.create;
  return std::make_unique<OdbcSink>(std::move(options));
}

// An upsert key names target columns, each once.
void CheckUpsertKey(const TargetSpec& target, const Schema& schema) {
  if (target.mode != WriteMode::kUpsert || schema.fields.empty()) return;
  for (size_t i = 0; i < target.key.size(); ++i) {
    const std::string& name = target.key[i];
    if (std::find(target.key.begin(), target.key.begin() + i, name) != target.key.begin() + i) {
      throw ConfigError(target.where, "target.key names column '" + name + "' twice");
    }
    bool found = std::any_of(schema.fields.begin(), schema.fields.end(),
                             [&](const Field& f) { return f.name == name; });
    if (!found) {
      throw ConfigError(target.where,
                        "target.key names '" + name + "', which is not a column of the target");
    }
  }
}

// A job without `columns:` lands every source column under its own name and type.
std::vector<ColumnSpec> PassThroughColumns(const Schema& source) {
  std::vector<ColumnSpec> columns;
  for (const Field& f : source.fields) {
    ColumnSpec c;
    c.name = f.name;
    c.from = f.name;
    c.type = f.type;
    columns.push_back(std::move(c));
  }
  return columns;
}

}  // namespace

std::string NewRunId() {
  std::random_device rd;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%06x", rd() & 0xffffff);
  return UtcNow("%Y%m%dT%H%M%SZ") + "-" + suffix;
}

void CheckJobWithoutData(const JobSpec& job) {
  RunPlan plan;
  BuildColumnsAndRules(job, nullptr, "check", "2000-01-01 00:00:00", plan);
  CheckUpsertKey(job.target, plan.target_schema);
}

RunPlan BuildRunPlan(const JobSpec& job, const PlanOverrides& overrides) {
  RunPlan plan;
  plan.job_name = job.name;
  plan.run_id = overrides.run_id.empty() ? NewRunId() : overrides.run_id;
  plan.partition = overrides.table;
  plan.source = BuildSource(job.source, overrides.table);
  if (plan.source->schema().fields.empty()) {
    // Only a JSON source without documents gets here (an empty CSV has no header to read).
    const std::string& path =
        job.source.type == "json" ? job.source.json.path : job.source.csv.path;
    throw RunError(path + ": no documents, so no columns to load (an empty file or array)");
  }
  if (job.columns.empty()) {
    JobSpec whole = job;
    whole.columns = PassThroughColumns(plan.source->schema());
    BuildColumnsAndRules(whole, &plan.source->schema(), plan.run_id, UtcNow("%Y-%m-%d %H:%M:%S"),
                         plan);
  } else {
    BuildColumnsAndRules(job, &plan.source->schema(), plan.run_id, UtcNow("%Y-%m-%d %H:%M:%S"),
                         plan);
  }
  CheckUpsertKey(job.target, plan.target_schema);
  const bool ordered_rules = std::any_of(plan.rules.begin(), plan.rules.end(),
                                         [](const RulePlan& r) { return r.rule->Ordered(); });
  if (job.source.parallel > 1 && ordered_rules) {
    // Parallel parts arrive in no fixed order, and a resumed run could not replay them.
    throw ConfigError(job.source.where,
                      "source.parallel reads rows in no fixed order, which a unique rule needs:"
                      " drop one of them");
  }
  plan.sink = BuildSink(job.target, overrides.table.empty() ? job.target.table : overrides.table);

  if (!job.rejects_path.empty()) {
    std::optional<uint64_t> continue_at;
    if (overrides.resume_from) continue_at = overrides.resume_from->rejects_bytes;
    plan.rejects = std::make_unique<RejectWriter>(job.rejects_path, job.name, plan.run_id,
                                                  job.rejects_format, continue_at);
  }
  plan.resume_from = overrides.resume_from;
  plan.rejects_table = job.rejects_table;
  plan.max_rejects = job.max_rejects;
  plan.commit_every = job.target.commit_every;
  plan.batch_size = job.pipeline.batch_size;
  plan.threads = overrides.threads >= 0 ? overrides.threads : job.pipeline.threads;
  plan.max_in_flight = job.pipeline.max_in_flight;
  plan.collect_metrics = job.quality.enabled;
  return plan;
}

}  // namespace sluice

// A job compiled for running: the source and sink, the per-column transform chains, the
// filter, the rules and the limits. jobs/ builds it from the job file; pipeline/ runs it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/reject_writer.h"
#include "pipeline/schema.h"
#include "pipeline/sink.h"
#include "pipeline/source.h"
#include "transforms/rule.h"
#include "transforms/value_transform.h"

namespace sluice {

enum class Severity { kReject, kWarn, kFail };

struct RejectLimit {
  bool enabled = false;
  bool is_percent = false;
  double value = 0;  // a count, or a percentage of the rows read
};

struct ColumnPlan {
  enum class Origin { kSource, kConstant, kConcat } origin = Origin::kSource;
  std::string name;
  DataType type;
  size_t source_index = 0;             // kSource
  std::string constant;                // kConstant (generated values are resolved into constants)
  std::vector<size_t> concat_indexes;  // kConcat: non-NULL parts joined by `separator`
  std::string separator;
  std::vector<ValueTransformPtr> transforms;
  std::optional<std::string> fallback;  // for NULL or empty results
};

struct FilterPlan {
  size_t source_index = 0;
  std::string source_column;
  bool keep_when_listed = false;  // equal / in keep listed values; not_equal / not_in drop them
  std::vector<std::string> values;
};

struct RulePlan {
  std::unique_ptr<Rule> rule;
  std::string name;    // "email"
  std::string column;  // "email" or "first_name,last_name"
  Severity severity = Severity::kReject;
};

struct RunPlan {
  std::string job_name;
  std::string run_id;
  std::string partition;                  // of a multi-table job: the table; else empty
  std::optional<Checkpoint> resume_from;  // --resume: where the interrupted run committed last
  std::unique_ptr<Source> source;
  std::unique_ptr<Sink> sink;
  std::unique_ptr<RejectWriter> rejects;  // rejects file; null: none
  std::string rejects_table;              // rejects table in the target; empty: none
  Schema target_schema;
  std::vector<ColumnPlan> columns;
  std::optional<FilterPlan> filter;
  std::vector<RulePlan> rules;
  RejectLimit max_rejects;
  uint64_t commit_every = 50000;
  size_t batch_size = 8192;
  int threads = 0;
  size_t max_in_flight = 8;
  bool collect_metrics = false;  // per-column quality metrics (the job's `quality:`)
};

}  // namespace sluice

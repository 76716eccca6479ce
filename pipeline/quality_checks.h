// Turns a run's metrics into stored metric rows with a status, judged against the job's
// thresholds (`null_pct: { warn: ">2%", fail: ">5%" }`), and renders the JSON report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/metrics/table_metrics.h"
#include "pipeline/quality_store.h"
#include "pipeline/run_summary.h"
#include "pipeline/schema.h"

namespace sluice {

// A comparison such as ">2%", "<= 100", "=0". The '%' only says the metric is a percentage.
struct Condition {
  enum class Op { kGreater, kGreaterEqual, kLess, kLessEqual, kEqual, kNotEqual } op = Op::kGreater;
  double value = 0;
  std::string text;
  bool Holds(double metric) const;
};

// Parses a condition; nullopt for a malformed one (the caller names the job-file key).
std::optional<Condition> ParseCondition(const std::string& text);

// A threshold on a metric: "email.null_pct", "*.null_pct" (every column), "rows_rejected_pct".
struct MetricThreshold {
  std::string metric;
  std::optional<Condition> warn, fail;
  std::string where;
};

struct QualityVerdict {
  std::vector<MetricRow> rows;
  std::vector<std::string> warnings, failures;  // "email.null_pct = 7.2 (fail: >5%)"
};

// Every metric of the run as rows for the metrics table, each judged by its thresholds.
QualityVerdict JudgeQuality(const std::string& table, const Schema& schema,
                            const TableMetrics& metrics, const RunSummary& summary,
                            const std::vector<MetricThreshold>& thresholds);

// The JSON report: run, row accounting, rules, verdicts and per-column metrics.
std::string QualityReport(const std::string& table, const Schema& schema,
                          const TableMetrics& metrics, const RunSummary& summary,
                          const QualityVerdict& verdict, const std::string& status);

// Writes `content` to `path` through a temporary file and a rename (never a half-written file),
// with mode 0600 (reports hold values from the data).
void WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace sluice

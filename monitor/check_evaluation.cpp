// Statuses and messages of every check of a table.
#include "monitor/check_evaluation.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "monitor/anomaly.h"
#include "monitor/level_verdict.h"
#include "monitor/value_formats.h"
#include "pipeline/json_text.h"

namespace sluice {
namespace {

double Pct(int64_t part, int64_t whole) {
  return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

std::string PctText(double pct) { return FormatNumber(pct) + "%"; }

std::string Quoted(const std::string& s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string Name(const std::string& subject, const std::string& metric) {
  return subject.empty() ? metric : subject + "." + metric;
}

// One checked metric: its count (optional) and share, the levels, and what it says.
struct Checked {
  std::string check, subject;
  std::string count_metric;  // empty: only the share (or the value) is stored
  int64_t count = 0;
  std::string value_metric;  // the stored series: the share, or the value itself
  std::optional<double> percent;
  double value = 0;  // the value a value-basis level reads (count, hours, rows)
  Levels levels;
  std::string message;
  std::string extra;
  bool detect_anomalies = true;
};

class Evaluator {
 public:
  Evaluator(const TablePlan& plan, const TableMeasures& m, const EvaluationContext& c)
      : plan_(plan), m_(m), c_(c) {
    result_.table = plan.info.name;
    result_.rows = m.rows;
  }

  TableResult Run() {
    Schema();
    if (!plan_.info.exists) return result_;
    Volume();
    Missing();
    Duplicates();
    Formats();
    Orphans();
    Distribution();
    Freshness();
    return result_;
  }

 private:
  const std::string& table() const { return plan_.info.name; }

  void Add(MetricResult m) {
    result_.status = Worst(result_.status, m.status);
    result_.metrics.push_back(std::move(m));
  }

  void Info(const std::string& check, const std::string& metric, double value,
            const std::string& extra = "") {
    MetricResult m;
    m.table = table();
    m.check = check;
    m.metric = metric;
    m.value = value;
    m.extra = extra;
    Add(std::move(m));
  }

  void Evaluate(const Checked& k) {
    const std::string series = Name(k.subject, k.value_metric);
    const std::vector<double>* history = c_.history ? c_.history->Find(table(), series) : nullptr;
    double stored = k.percent.value_or(k.value);
    LevelVerdict verdict = ApplyLevels(k.levels, {k.value, k.percent, history, stored});
    MetricResult m;
    m.table = table();
    m.check = k.check;
    m.metric = series;
    m.value = stored;
    m.status = verdict.status == Status::kInfo ? Status::kPass : verdict.status;
    if (!k.levels.Any()) m.status = Status::kInfo;
    m.message = k.message;
    if (!verdict.breached.empty()) m.message += " -- " + verdict.breached;
    m.expected = verdict.expected;
    if (k.detect_anomalies && history) {
      if (std::optional<Anomaly> a = DetectAnomaly(stored, *history, c_.anomaly)) {
        m.status = Worst(m.status, c_.anomaly.fail ? Status::kFail : Status::kWarning);
        m.message += " -- anomaly (" + a->reason + "): expected " + a->expected.ToString() +
                     " by " + a->expected.method;
        m.expected = a->expected;
      }
    }
    m.extra = k.extra;
    if (!k.count_metric.empty()) {
      MetricResult count;
      count.table = table();
      count.check = k.check;
      count.metric = Name(k.subject, k.count_metric);
      count.value = static_cast<double>(k.count);
      count.status = m.status;
      Add(std::move(count));
    }
    Add(std::move(m));
  }

  void Schema() {
    const std::vector<std::pair<std::string, std::string>>* before = nullptr;
    if (c_.history) {
      auto it = c_.history->schemas.find(table());
      if (it != c_.history->schemas.end()) before = &it->second;
    }
    if (!plan_.info.exists) {
      MetricResult m;
      m.table = table();
      m.check = "schema";
      m.metric = "schema.exists";
      m.value = 0;
      m.status = Status::kFail;
      m.message = "table " + table() + " does not exist";
      Add(std::move(m));
      return;
    }
    std::string columns = "\"columns\": [";
    for (size_t i = 0; i < plan_.info.columns.size(); ++i) {
      const ColumnInfo& c = plan_.info.columns[i];
      columns += (i ? ", [" : "[") + Quoted(c.name) + ", " + Quoted(c.type_name) + "]";
    }
    columns += "]";
    Info("schema", "schema.columns", static_cast<double>(plan_.info.columns.size()), columns);
    if (before == nullptr) return;
    std::vector<std::string> added, removed, retyped;
    for (const ColumnInfo& c : plan_.info.columns) {
      auto old = std::find_if(before->begin(), before->end(),
                              [&c](const auto& p) { return p.first == c.name; });
      if (old == before->end()) {
        added.push_back(c.name + " " + c.type_name);
      } else if (old->second != c.type_name) {
        retyped.push_back(c.name + " " + old->second + " -> " + c.type_name);
      }
    }
    for (const auto& [name, type] : *before) {
      if (!plan_.info.Find(name)) removed.push_back(name + " " + type);
    }
    const TableSpec& spec = *plan_.spec;
    auto change = [&](const char* what, const std::vector<std::string>& names,
                      const Levels& levels) {
      Checked k;
      k.check = "schema";
      k.subject = "schema";
      k.value_metric = what;
      k.value = static_cast<double>(names.size());
      k.levels = levels;
      k.detect_anomalies = false;
      k.message = names.empty() ? std::string("no column ") + what + " since the last run"
                                : std::to_string(names.size()) + " column(s) " + what +
                                      " since the last run: " + Join(names, ", ");
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + Quoted(n);
      k.extra = "\"columns\": [" + list + "]";
      Evaluate(k);
    };
    change("added", added, spec.schema_added);
    change("removed", removed, spec.schema_removed);
    change("retyped", retyped, spec.schema_retyped);
  }

  void Volume() {
    Checked k;
    k.check = "volume";
    k.value_metric = "row_count";
    k.value = static_cast<double>(m_.rows);
    k.levels = plan_.spec->volume;
    k.message = std::to_string(m_.rows) + " rows";
    Evaluate(k);
  }

  // Non-NULL values of a column, when the missing check counted them.
  std::optional<int64_t> Present(const std::string& column) const {
    for (size_t i = 0; i < plan_.missing.size(); ++i) {
      if (plan_.missing[i].column == column) return m_.rows - m_.nulls[i];
    }
    return std::nullopt;
  }

  void Missing() {
    for (size_t i = 0; i < plan_.missing.size(); ++i) {
      const LeveledColumn& col = plan_.missing[i];
      int64_t missing = m_.nulls[i] + m_.empties[i];
      Checked k;
      k.check = "missing";
      k.subject = col.column;
      k.count_metric = "null_count";
      k.count = missing;
      k.value_metric = "null_pct";
      k.percent = Pct(missing, m_.rows);
      k.value = static_cast<double>(missing);
      k.levels = col.levels;
      k.message = col.column + ": " + std::to_string(missing) +
                  (plan_.spec->empty_is_missing ? " NULL or empty" : " NULL") + " in " +
                  std::to_string(m_.rows) + " rows (" + PctText(*k.percent) + ")";
      k.extra = "\"rows\": " + std::to_string(m_.rows) +
                ", \"nulls\": " + std::to_string(m_.nulls[i]) +
                ", \"empty\": " + std::to_string(m_.empties[i]);
      Evaluate(k);
    }
  }

  void Duplicates() {
    if (!plan_.duplicates) return;
    const PlannedDuplicates& d = *plan_.duplicates;
    std::string subject = d.basis == "all columns" ? "*" : Join(d.columns, ",");
    Checked k;
    k.check = "duplicates";
    k.subject = subject;
    k.count_metric = "duplicate_rows";
    k.value_metric = "duplicate_pct";
    k.levels = d.levels;
    std::string what =
        d.basis + " (" + (subject == "*" ? "whole rows" : Join(d.columns, ", ")) + ")";
    if (!m_.duplicates) {
      k.percent = 0;
      k.message = what + ": kept unique by the database";
      k.extra = "\"basis\": " + Quoted(d.basis) + ", \"kept_unique\": true";
      Evaluate(k);
      return;
    }
    int64_t extra_rows = m_.duplicates->rows_in_groups - m_.duplicates->groups;
    k.count = extra_rows;
    k.value = static_cast<double>(extra_rows);
    k.percent = Pct(extra_rows, m_.rows);
    k.message = what + ": " + std::to_string(extra_rows) + " extra rows repeat " +
                std::to_string(m_.duplicates->groups) + " values held by more than one row (" +
                PctText(*k.percent) + " of " + std::to_string(m_.rows) + " rows)";
    k.extra = "\"basis\": " + Quoted(d.basis) +
              ", \"groups\": " + std::to_string(m_.duplicates->groups) +
              ", \"rows\": " + std::to_string(m_.rows);
    Evaluate(k);
  }

  void Formats() {
    for (size_t i = 0; i < plan_.formats.size(); ++i) {
      const PlannedFormat& f = plan_.formats[i];
      const FormatMeasure& fm = m_.formats[i];
      std::string format = FormatName(f.kind);
      Checked k;
      k.check = "format";
      k.subject = f.column.name;
      k.count_metric = "invalid_" + format;
      k.value_metric = "invalid_" + format + "_pct";
      k.levels = f.levels;
      if (!fm.applies) {
        k.percent = 0;
        k.message = f.column.name + ": its type " + f.column.type_name + " admits only valid " +
                    format + " values";
        Evaluate(k);
        continue;
      }
      int64_t checked = Present(f.column.name).value_or(m_.rows);
      k.count = fm.invalid;
      k.value = static_cast<double>(fm.invalid);
      k.percent = Pct(fm.invalid, checked);
      std::string what = f.kind == FormatKind::kRegex    ? "do not match /" + f.pattern + "/"
                         : f.kind == FormatKind::kDate   ? "are not dates (YYYY-MM-DD[ HH:MM:SS])"
                         : f.kind == FormatKind::kNumber ? "are not numbers"
                                                         : "are not valid " + format + "s";
      k.message = f.column.name + ": " + std::to_string(fm.invalid) + " values " + what + " (" +
                  PctText(*k.percent) + " of " + std::to_string(checked) + " values)";
      k.extra = "\"format\": " + Quoted(format) + ", \"values\": " + std::to_string(checked);
      if (f.kind == FormatKind::kRegex) k.extra += ", \"pattern\": " + Quoted(f.pattern);
      Evaluate(k);
    }
  }

  void Orphans() {
    for (size_t i = 0; i < plan_.references.size(); ++i) {
      const PlannedReference& r = plan_.references[i];
      const OrphanMeasure& o = m_.orphans[i];
      Checked k;
      k.check = "orphans";
      k.subject = Join(r.columns, ",");
      k.count_metric = "orphans";
      k.count = o.orphans;
      k.value = static_cast<double>(o.orphans);
      k.value_metric = "orphan_pct";
      k.percent = Pct(o.orphans, m_.rows);
      k.levels = r.levels;
      k.message = r.name + ": " + std::to_string(o.orphans) + " rows (" + PctText(*k.percent) +
                  ") reference ";
      k.message += o.distinct_keys ? std::to_string(*o.distinct_keys) + " keys" : "keys";
      k.message += " missing from " + r.parent;
      if (o.example && o.orphans > 0) k.message += ", e.g. " + *o.example;
      k.extra = "\"parent\": " + Quoted(r.parent) +
                ", \"declared\": " + (r.declared ? "true" : "false") +
                ", \"method\": " + Quoted(o.method);
      if (o.distinct_keys) k.extra += ", \"distinct_keys\": " + std::to_string(*o.distinct_keys);
      if (o.example) k.extra += ", \"example\": " + Quoted(*o.example);
      Evaluate(k);
    }
  }

  void Distribution() {
    for (size_t i = 0; i < plan_.numeric.size(); ++i) {
      const LeveledColumn& col = plan_.numeric[i];
      const NumericMeasure& n = m_.numeric[i];
      if (n.stats.count == 0) continue;
      std::string count = "\"values\": " + std::to_string(n.stats.count);
      Info("distribution", col.column + ".min", n.stats.min, count);
      Info("distribution", col.column + ".max", n.stats.max, count);
      Info("distribution", col.column + ".mean", n.stats.mean, count);
      Info("distribution", col.column + ".stddev", n.stats.stddev, count);
      Checked k;
      k.check = "distribution";
      k.subject = col.column;
      k.count_metric = "outliers";
      k.count = n.outliers;
      k.value = static_cast<double>(n.outliers);
      k.value_metric = "outlier_pct";
      k.percent = Pct(n.outliers, n.stats.count);
      k.levels = col.levels;
      std::string z = FormatNumber(plan_.spec->outlier_z);
      if (n.stats.stddev > 0) {
        k.message = col.column + ": " + std::to_string(n.outliers) + " values (" +
                    PctText(*k.percent) + ") lie outside mean +/- " + z + " stddev [" +
                    FormatNumber(n.low) + ", " + FormatNumber(n.high) + "] (mean " +
                    FormatNumber(n.stats.mean) + ", stddev " + FormatNumber(n.stats.stddev) +
                    ", min " + FormatNumber(n.stats.min) + ", max " + FormatNumber(n.stats.max) +
                    ")";
        k.extra = "\"low\": " + FormatNumber(n.low) + ", \"high\": " + FormatNumber(n.high) + ", " +
                  count;
      } else {
        k.message = col.column + ": every value is " + FormatNumber(n.stats.mean);
        k.extra = count;
      }
      Evaluate(k);
    }
    for (size_t i = 0; i < plan_.categorical.size(); ++i) {
      const LeveledColumn& col = plan_.categorical[i];
      const CategoricalMeasure& c = m_.categorical[i];
      if (c.non_null == 0) continue;
      Checked k;
      k.check = "distribution";
      k.subject = col.column;
      k.value_metric = "top_share";
      k.levels = col.levels;
      if (!c.top) {
        MetricResult m;
        m.table = table();
        m.check = "distribution";
        m.metric = col.column + ".top_share";
        m.message = col.column + ": more than " + std::to_string(100000) +
                    " distinct values, not a categorical column";
        Add(std::move(m));
        continue;
      }
      k.count = c.top->count;
      k.value = static_cast<double>(c.top->count);
      k.percent = Pct(c.top->count, c.non_null);
      k.message = col.column + ": the most frequent value " + Quoted(c.top->value) + " holds " +
                  PctText(*k.percent) + " of " + std::to_string(c.non_null) + " values";
      k.extra = "\"value\": " + Quoted(c.top->value) +
                ", \"count\": " + std::to_string(c.top->count) +
                ", \"values\": " + std::to_string(c.non_null);
      Evaluate(k);
    }
  }

  void Freshness() {
    if (!plan_.freshness) return;
    const std::string& column = plan_.freshness->column;
    if (!m_.newest) {
      MetricResult m;
      m.table = table();
      m.check = "freshness";
      m.metric = column + ".age_hours";
      m.message = column + ": no value to date the table by";
      Add(std::move(m));
      return;
    }
    std::optional<SystemTime> newest = ParseTimestamp(*m_.newest);
    if (!newest) {
      MetricResult m;
      m.table = table();
      m.check = "freshness";
      m.metric = column + ".age_hours";
      m.status = Status::kWarning;
      m.message = column + ": the newest value " + Quoted(*m_.newest) + " is not a timestamp";
      Add(std::move(m));
      return;
    }
    double hours = std::chrono::duration<double>(c_.now - *newest).count() / 3600;
    Checked k;
    k.check = "freshness";
    k.subject = column;
    k.value_metric = "age_hours";
    k.value = hours;
    k.levels = plan_.freshness->levels;
    k.detect_anomalies = false;
    k.message =
        column + ": the newest value " + *m_.newest + " is " + FormatNumber(hours) + " hours old";
    k.extra = "\"newest\": " + Quoted(*m_.newest);
    Evaluate(k);
  }

  const TablePlan& plan_;
  const TableMeasures& m_;
  const EvaluationContext& c_;
  TableResult result_;
};

}  // namespace

TableResult EvaluateTable(const TablePlan& plan, const TableMeasures& measures,
                          const EvaluationContext& context) {
  return Evaluator(plan, measures, context).Run();
}

}  // namespace sluice

// Metric rows, thresholds and the JSON report.
#include "pipeline/quality_checks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "pipeline/errors.h"
#include "pipeline/json_text.h"
#include "pipeline/metrics/quality_report.h"

namespace sluice {
namespace {

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

bool Matches(const std::string& pattern, const std::string& metric) {
  if (pattern == metric) return true;
  if (pattern.rfind("*.", 0) == 0) {
    size_t dot = metric.find('.');
    return dot != std::string::npos && metric.substr(dot + 1) == pattern.substr(2);
  }
  return false;
}

}  // namespace

bool Condition::Holds(double m) const {
  switch (op) {
    case Op::kGreater:
      return m > value;
    case Op::kGreaterEqual:
      return m >= value;
    case Op::kLess:
      return m < value;
    case Op::kLessEqual:
      return m <= value;
    case Op::kEqual:
      return m == value;
    case Op::kNotEqual:
      return m != value;
  }
  return false;
}

std::optional<Condition> ParseCondition(const std::string& text) {
  Condition c;
  c.text = text;
  std::string s;
  for (char ch : text) {
    if (ch != ' ') s += ch;
  }
  size_t i = 0;
  if (s.rfind(">=", 0) == 0) {
    c.op = Condition::Op::kGreaterEqual;
    i = 2;
  } else if (s.rfind("<=", 0) == 0) {
    c.op = Condition::Op::kLessEqual;
    i = 2;
  } else if (s.rfind("!=", 0) == 0) {
    c.op = Condition::Op::kNotEqual;
    i = 2;
  } else if (s.rfind(">", 0) == 0) {
    c.op = Condition::Op::kGreater;
    i = 1;
  } else if (s.rfind("<", 0) == 0) {
    c.op = Condition::Op::kLess;
    i = 1;
  } else if (s.rfind("=", 0) == 0) {
    c.op = Condition::Op::kEqual;
    i = 1;
  } else {
    return std::nullopt;
  }
  std::string number = s.substr(i);
  if (!number.empty() && number.back() == '%') number.pop_back();
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), c.value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size())
    return std::nullopt;
  return c;
}

QualityVerdict JudgeQuality(const std::string& table, const Schema& schema,
                            const TableMetrics& metrics, const RunSummary& summary,
                            const std::vector<MetricThreshold>& thresholds) {
  QualityVerdict verdict;
  auto add = [&](const std::string& check_type, const std::string& name, double value,
                 const std::string& details) {
    MetricRow row{table, check_type, name, value, details, "INFO"};
    for (const MetricThreshold& t : thresholds) {
      if (!Matches(t.metric, name)) continue;
      std::string line = name + " = " + Number(value);
      if (t.fail && t.fail->Holds(value)) {
        row.status = "FAIL";
        verdict.failures.push_back(line + " (fail: " + t.fail->text + ")");
      } else if (t.warn && t.warn->Holds(value)) {
        if (row.status != "FAIL") row.status = "WARNING";
        verdict.warnings.push_back(line + " (warn: " + t.warn->text + ")");
      } else if (row.status == "INFO") {
        row.status = "PASS";
      }
    }
    verdict.rows.push_back(std::move(row));
  };

  const double read = static_cast<double>(summary.rows_read);
  add("rows", "rows_read", read, "");
  add("rows", "rows_written", static_cast<double>(summary.rows_written), "");
  add("rows", "rows_filtered", static_cast<double>(summary.rows_filtered), "");
  add("rows", "rows_rejected", static_cast<double>(summary.rows_rejected), "");
  add("rows", "rows_rejected_pct", read > 0 ? 100.0 * summary.rows_rejected / read : 0, "");
  for (const RuleCount& r : summary.rules) {
    std::string details = "{\"rule\":";
    AppendJsonString(details, r.rule);
    details += ",\"column\":";
    AppendJsonString(details, r.column);
    details += ",\"severity\":";
    AppendJsonString(details, r.severity);
    details += "}";
    add("rule", "rule." + r.rule + "." + r.column + ".violations",
        static_cast<double>(r.violations), details);
  }
  for (size_t c = 0; c < metrics.columns.size() && c < schema.size(); ++c) {
    const ColumnMetrics& m = metrics.columns[c];
    const std::string& col = schema.fields[c].name;
    std::string details;
    AppendColumnQualityJson(details, col, m);
    const double rows = static_cast<double>(m.rows());
    add("column", col + ".nulls", static_cast<double>(m.nulls()), "");
    add("column", col + ".null_pct", rows > 0 ? 100.0 * m.nulls() / rows : 0, "");
    add("column", col + ".empty_pct", rows > 0 ? 100.0 * m.empties() / rows : 0, "");
    add("column", col + ".distinct", static_cast<double>(m.Distinct()), details);
    if (auto mean = m.Mean()) add("column", col + ".mean", *mean, "");
    if (auto sd = m.StdDev()) add("column", col + ".stddev", *sd, "");
    if (auto len = m.MaxLength()) add("column", col + ".max_length", static_cast<double>(*len), "");
  }
  return verdict;
}

std::string QualityReport(const std::string& table, const Schema& schema,
                          const TableMetrics& metrics, const RunSummary& summary,
                          const QualityVerdict& verdict, const std::string& status) {
  std::string out = "{\"job\":";
  AppendJsonString(out, summary.job);
  out += ",\"run_id\":";
  AppendJsonString(out, summary.run_id);
  out += ",\"table\":";
  AppendJsonString(out, table);
  out += ",\"status\":";
  AppendJsonString(out, status);
  out += ",\"rows\":{\"read\":" + std::to_string(summary.rows_read) +
         ",\"written\":" + std::to_string(summary.rows_written) +
         ",\"filtered\":" + std::to_string(summary.rows_filtered) +
         ",\"rejected\":" + std::to_string(summary.rows_rejected) + "}";
  auto list = [&](const char* key, const std::vector<std::string>& items) {
    out += ",\"";
    out += key;
    out += "\":[";
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, items[i]);
    }
    out += "]";
  };
  list("warnings", verdict.warnings);
  list("failures", verdict.failures);
  out += ",\"metrics\":[";
  for (size_t i = 0; i < verdict.rows.size(); ++i) {
    const MetricRow& m = verdict.rows[i];
    if (i) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, m.metric_name);
    out += ",\"value\":" + Number(m.metric_value) + ",\"status\":";
    AppendJsonString(out, m.status);
    out += "}";
  }
  out += "],\"columns\":";
  out += metrics.columns.empty() ? "null" : QualityReportJson(metrics, schema);
  out += "}\n";
  return out;
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  std::filesystem::path target(path);
  std::error_code ec;
  if (!target.parent_path().empty()) std::filesystem::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw RunError("cannot write " + path + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw RunError("cannot write " + path + ": " + std::strerror(e));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    throw RunError("cannot write " + path + ": " + std::strerror(e));
  }
}

}  // namespace sluice

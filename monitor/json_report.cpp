// Writing the JSON report.
#include "monitor/json_report.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "pipeline/json_text.h"

namespace sluice {
namespace {

std::string Str(const std::string& s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string Num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string Metric(const MetricResult& m) {
  std::string out = "{\"check\": " + Str(m.check) + ", \"metric\": " + Str(m.metric) +
                    ", \"value\": " + Num(m.value) + ", \"status\": " + Str(StatusName(m.status));
  if (!m.message.empty()) out += ", \"message\": " + Str(m.message);
  if (m.expected) {
    out += ", \"expected\": {";
    if (m.expected->low) out += "\"low\": " + Num(*m.expected->low) + ", ";
    if (m.expected->high) out += "\"high\": " + Num(*m.expected->high) + ", ";
    out += "\"method\": " + Str(m.expected->method) + "}";
  }
  if (!m.extra.empty()) out += ", \"details\": {" + m.extra + "}";
  return out + "}";
}

}  // namespace

std::string JsonReport(const MonitorResult& run, const std::vector<MonitorResult>& history) {
  int counts[4] = {0, 0, 0, 0};
  for (const TableResult& t : run.tables) ++counts[static_cast<int>(t.status)];
  std::string out =
      "{\n  \"monitor\": " + Str(run.monitor) + ",\n  \"run_id\": " + Str(run.run_id) +
      ",\n  \"started_at\": " + Str(run.started_at) + ",\n  \"ended_at\": " + Str(run.ended_at) +
      ",\n  \"status\": " + Str(StatusName(run.status)) +
      ",\n  \"summary\": {\"tables\": " + std::to_string(run.tables.size()) +
      ", \"pass\": " + std::to_string(counts[0] + counts[1]) +
      ", \"warning\": " + std::to_string(counts[2]) + ", \"fail\": " + std::to_string(counts[3]) +
      "},\n  \"tables\": [";
  for (size_t i = 0; i < run.tables.size(); ++i) {
    const TableResult& t = run.tables[i];
    out += std::string(i ? "," : "") + "\n    {\"table\": " + Str(t.table) +
           ", \"status\": " + Str(StatusName(t.status)) + ", \"rows\": " + std::to_string(t.rows) +
           ",\n     \"checks\": [";
    bool first = true;
    for (const MetricResult& m : t.metrics) {
      if (m.message.empty()) continue;
      out += std::string(first ? "" : ",") + "\n       " + Metric(m);
      first = false;
    }
    out += "],\n     \"metrics\": {";
    first = true;
    for (const MetricResult& m : t.metrics) {
      out += std::string(first ? "" : ", ") + Str(m.metric) + ": " + Num(m.value);
      first = false;
    }
    out += "}}";
  }
  out += "\n  ]";
  if (!history.empty()) {
    out += ",\n  \"runs\": [";
    for (size_t i = 0; i < history.size(); ++i) {
      out += std::string(i ? ", " : "") + "{\"run_id\": " + Str(history[i].run_id) +
             ", \"started_at\": " + Str(history[i].started_at) +
             ", \"status\": " + Str(StatusName(history[i].status)) + "}";
    }
    out += "],\n  \"trends\": {";
    std::map<std::string, std::map<std::string, std::string>> series;
    for (const MonitorResult& r : history) {
      for (const TableResult& t : r.tables) {
        for (const MetricResult& m : t.metrics) {
          std::string& s = series[t.table][m.metric];
          s += std::string(s.empty() ? "" : ", ") + "[" + Str(r.started_at) + ", " + Num(m.value) +
               "]";
        }
      }
    }
    bool first_table = true;
    for (const auto& [table, metrics] : series) {
      out += std::string(first_table ? "" : ",") + "\n    " + Str(table) + ": {";
      bool first = true;
      for (const auto& [metric, points] : metrics) {
        out += std::string(first ? "" : ",") + "\n      " + Str(metric) + ": [" + points + "]";
        first = false;
      }
      out += "}";
      first_table = false;
    }
    out += "\n  }";
  }
  return out + "\n}\n";
}

}  // namespace sluice

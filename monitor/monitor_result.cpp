// Status names and the details JSON of a metric.
#include "monitor/monitor_result.h"

#include <simdjson.h>

#include <cmath>
#include <cstdio>

#include "monitor/threshold.h"
#include "pipeline/json_text.h"

namespace sluice {

const char* StatusName(Status s) {
  switch (s) {
    case Status::kInfo:
      return "INFO";
    case Status::kPass:
      return "PASS";
    case Status::kWarning:
      return "WARNING";
    case Status::kFail:
      return "FAIL";
  }
  return "INFO";
}

Status ParseStatus(const std::string& name) {
  if (name == "PASS") return Status::kPass;
  if (name == "WARNING") return Status::kWarning;
  if (name == "FAIL") return Status::kFail;
  return Status::kInfo;
}

Status Worst(Status a, Status b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

std::string ExpectedRange::ToString() const {
  if (low && high) return "[" + FormatNumber(*low) + ", " + FormatNumber(*high) + "]";
  if (low) return ">= " + FormatNumber(*low);
  if (high) return "<= " + FormatNumber(*high);
  return "any";
}

namespace {

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string MetricDetailsJson(const MetricResult& m) {
  std::string out = "{";
  auto member = [&out](const char* name) {
    if (out.size() > 1) out += ", ";
    AppendJsonString(out, name);
    out += ": ";
  };
  if (!m.message.empty()) {
    member("message");
    AppendJsonString(out, m.message);
  }
  if (m.expected) {
    member("expected");
    out += "{";
    if (m.expected->low) out += "\"low\": " + JsonNumber(*m.expected->low) + ", ";
    if (m.expected->high) out += "\"high\": " + JsonNumber(*m.expected->high) + ", ";
    out += "\"method\": ";
    AppendJsonString(out, m.expected->method);
    out += "}";
  }
  if (!m.extra.empty()) out += (out.size() > 1 ? ", " : "") + m.extra;
  return out + "}";
}

void ReadMetricDetails(const std::string& details, MetricResult& m) {
  if (details.empty()) return;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(details).get(root) != simdjson::SUCCESS) return;
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return;
  for (auto [key, value] : object) {
    if (key == "message") {
      std::string_view text;
      if (value.get(text) == simdjson::SUCCESS) m.message = std::string(text);
    } else if (key == "expected") {
      ExpectedRange e;
      double v = 0;
      if (value["low"].get(v) == simdjson::SUCCESS) e.low = v;
      if (value["high"].get(v) == simdjson::SUCCESS) e.high = v;
      std::string_view method;
      if (value["method"].get(method) == simdjson::SUCCESS) e.method = std::string(method);
      m.expected = e;
    } else {
      if (!m.extra.empty()) m.extra += ", ";
      AppendJsonString(m.extra, key);
      m.extra += ": " + simdjson::minify(value);
    }
  }
}

}  // namespace sluice

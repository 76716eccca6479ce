// Rendering the HTML report.
#include "monitor/html_report.h"

#include <map>

#include "monitor/svg_chart.h"
#include "monitor/threshold.h"

namespace sluice {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Badge(Status s) {
  return "<span class=\"badge\" style=\"background:" + std::string(StatusColor(s)) + "\">" +
         StatusName(s) + "</span>";
}

// Charted: the row count and every checked metric but the schema's (its columns are listed).
bool Charted(const MetricResult& m) {
  return m.metric == "row_count" || (!m.message.empty() && m.check != "schema");
}

constexpr const char* kStyle = R"(<style>
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;color:#1f2328;background:#f6f8fa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0}
.meta{color:#57606a;font-size:13px;margin-bottom:16px}
.badge{color:#fff;border-radius:10px;padding:2px 9px;font-size:12px;font-weight:600}
.summary{display:flex;gap:10px;flex-wrap:wrap;margin:12px 0 20px}
.tile{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}
.tile b{display:block;font-size:15px;margin-bottom:4px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:14px 16px;margin-bottom:18px}
.head{display:flex;align-items:center;gap:10px;margin-bottom:10px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 12px}
th,td{border-bottom:1px solid #eaeef2;text-align:left;padding:5px 8px;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:8px}
details summary{cursor:pointer;color:#0969da;font-size:13px}
</style>)";

}  // namespace

std::string HtmlReport(const MonitorResult& run, const std::vector<MonitorResult>& history) {
  // table -> metric -> points over the runs
  std::map<std::string, std::map<std::string, std::vector<ChartPoint>>> series;
  for (const MonitorResult& r : history) {
    for (const TableResult& t : r.tables) {
      for (const MetricResult& m : t.metrics) {
        series[t.table][m.metric].push_back({r.started_at, m.value, m.status});
      }
    }
  }
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>sluice check " +
      Escape(run.monitor) + "</title>" + kStyle + "</head><body>\n";
  html += "<h1>Data quality: " + Escape(run.monitor) + " " + Badge(run.status) + "</h1>\n";
  html += "<div class=\"meta\">run " + Escape(run.run_id) + ", " + Escape(run.started_at) + " UTC";
  if (history.size() > 1) {
    html += "; trends over " + std::to_string(history.size()) + " runs since " +
            Escape(history.front().started_at);
  }
  html += "</div>\n<div class=\"summary\">";
  for (const TableResult& t : run.tables) {
    int problems = 0;
    for (const MetricResult& m : t.metrics) {
      problems += !m.message.empty() && (m.status == Status::kWarning || m.status == Status::kFail);
    }
    html += "<div class=\"tile\"><b>" + Escape(t.table) + "</b>" + Badge(t.status) + " " +
            std::to_string(t.rows) + " rows, " + std::to_string(problems) + " problem(s)</div>";
  }
  html += "</div>\n";
  for (const TableResult& t : run.tables) {
    html += "<section><div class=\"head\"><h2>" + Escape(t.table) + "</h2>" + Badge(t.status) +
            "<span class=\"meta\" style=\"margin:0\">" + std::to_string(t.rows) +
            " rows</span></div>\n";
    std::string problems, passes;
    for (const MetricResult& m : t.metrics) {
      if (m.message.empty()) continue;
      std::string row = "<tr><td>" + Badge(m.status) + "</td><td>" + Escape(m.check) + "</td><td>" +
                        Escape(m.message) + "</td><td class=\"num\">" +
                        (m.expected ? Escape(m.expected->ToString()) : "") + "</td><td>" +
                        (m.expected ? Escape(m.expected->method) : "") + "</td></tr>\n";
      (m.status == Status::kWarning || m.status == Status::kFail ? problems : passes) += row;
    }
    const char* header =
        "<table><tr><th>status</th><th>check</th><th>finding</th><th>expected</th>"
        "<th>decided by</th></tr>\n";
    if (!problems.empty()) html += std::string(header) + problems + "</table>\n";
    if (!passes.empty()) {
      html += "<details" + std::string(problems.empty() ? " open" : "") +
              "><summary>checks that passed</summary>" + header + passes + "</table></details>\n";
    }
    html += "<div class=\"charts\">";
    for (const MetricResult& m : t.metrics) {
      if (!Charted(m)) continue;
      auto table = series.find(t.table);
      std::vector<ChartPoint> points;
      if (table != series.end()) {
        auto it = table->second.find(m.metric);
        if (it != table->second.end()) points = it->second;
      }
      if (points.empty()) points.push_back({run.started_at, m.value, m.status});
      html += SvgLineChart(m.metric, points);
    }
    html += "</div></section>\n";
  }
  html +=
      "<div class=\"meta\">sluice check; levels and history in the monitor file and its "
      "history table.</div>\n</body></html>\n";
  return html;
}

}  // namespace sluice

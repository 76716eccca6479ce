// Inline SVG line charts.
#include "monitor/svg_chart.h"

#include <algorithm>
#include <cstdio>

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

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

const char* StatusColor(Status s) {
  switch (s) {
    case Status::kPass:
      return "#1a7f37";
    case Status::kWarning:
      return "#b35900";
    case Status::kFail:
      return "#c62828";
    case Status::kInfo:
      break;
  }
  return "#4a5568";
}

std::string SvgLineChart(const std::string& title, const std::vector<ChartPoint>& points) {
  const double width = 300, height = 110, left = 8, right = 8, top = 22, bottom = 22;
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"110\" "
      "viewBox=\"0 0 300 110\" role=\"img\" aria-label=\"" +
      Escape(title) + "\">";
  svg +=
      "<rect x=\"0.5\" y=\"0.5\" width=\"299\" height=\"109\" rx=\"4\" fill=\"#fff\" "
      "stroke=\"#d0d7de\"/>";
  svg += "<text x=\"8\" y=\"15\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#1f2328\">" +
         Escape(title) + "</text>";
  if (points.empty()) return svg + "</svg>";
  auto [lo_it, hi_it] = std::minmax_element(
      points.begin(), points.end(),
      [](const ChartPoint& a, const ChartPoint& b) { return a.value < b.value; });
  double lo = lo_it->value, hi = hi_it->value;
  if (hi - lo < 1e-12) {  // a flat line sits in the middle
    lo -= 1;
    hi += 1;
  }
  double plot_w = width - left - right, plot_h = height - top - bottom;
  auto x = [&](size_t i) {
    return points.size() == 1
               ? left + plot_w / 2
               : left + plot_w * static_cast<double>(i) / static_cast<double>(points.size() - 1);
  };
  auto y = [&](double v) { return top + plot_h * (1 - (v - lo) / (hi - lo)); };
  std::string path;
  for (size_t i = 0; i < points.size(); ++i) {
    path += (i ? " L" : "M") + Fixed(x(i)) + " " + Fixed(y(points[i].value));
  }
  svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\"/>";
  for (size_t i = 0; i < points.size(); ++i) {
    bool last = i + 1 == points.size();
    svg += "<circle cx=\"" + Fixed(x(i)) + "\" cy=\"" + Fixed(y(points[i].value)) + "\" r=\"" +
           (last ? "3.5" : "2") + "\" fill=\"" + StatusColor(points[i].status) + "\"><title>" +
           Escape(points[i].when + ": " + FormatNumber(points[i].value)) + "</title></circle>";
  }
  svg +=
      "<text x=\"292\" y=\"15\" font-size=\"11\" font-family=\"sans-serif\" "
      "text-anchor=\"end\" fill=\"" +
      std::string(StatusColor(points.back().status)) + "\">" +
      Escape(FormatNumber(points.back().value)) + "</text>";
  svg += "<text x=\"8\" y=\"104\" font-size=\"9\" font-family=\"sans-serif\" fill=\"#57606a\">" +
         Escape(points.front().when.substr(0, 16)) + "</text>";
  svg +=
      "<text x=\"292\" y=\"104\" font-size=\"9\" font-family=\"sans-serif\" "
      "text-anchor=\"end\" fill=\"#57606a\">" +
      Escape(points.back().when.substr(0, 16)) + "</text>";
  svg += "<text x=\"292\" y=\"" + Fixed(top + 8) +
         "\" font-size=\"9\" font-family=\"sans-serif\" text-anchor=\"end\" fill=\"#57606a\">max " +
         Escape(FormatNumber(hi_it->value)) + "</text>";
  svg += "<text x=\"292\" y=\"" + Fixed(top + plot_h) +
         "\" font-size=\"9\" font-family=\"sans-serif\" text-anchor=\"end\" fill=\"#57606a\">min " +
         Escape(FormatNumber(lo_it->value)) + "</text>";
  return svg + "</svg>";
}

}  // namespace sluice

// JSON rendering of table and column metrics.
#include "pipeline/metrics/quality_report.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <type_traits>

#include "pipeline/errors.h"
#include "pipeline/json_text.h"

namespace sluice {
namespace {

void AppendKey(std::string& out, std::string_view key) {
  if (out.back() != '{') out += ',';
  AppendJsonString(out, key);
  out += ':';
}

void AppendUnsigned(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void AppendDouble(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

template <typename T>
void AppendOptional(std::string& out, const std::optional<T>& v) {
  if (!v) {
    out += "null";
  } else if constexpr (std::is_same_v<T, double>) {
    AppendDouble(out, *v);
  } else {
    AppendUnsigned(out, *v);
  }
}

// A number's canonical text may stand as a JSON number unless it is not finite ("inf", "nan").
bool IsJsonNumber(std::string_view text) {
  size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

void AppendValue(std::string& out, TypeId type, const std::optional<std::string>& value) {
  if (!value) {
    out += "null";
    return;
  }
  switch (type) {
    case TypeId::kInteger:
    case TypeId::kDecimal:
    case TypeId::kDouble:
      if (IsJsonNumber(*value)) {
        out += *value;
      } else {
        AppendJsonString(out, *value);
      }
      return;
    case TypeId::kBoolean:
      out += *value == "0" ? "false" : "true";
      return;
    default:
      AppendJsonString(out, *value);
  }
}

}  // namespace

void AppendColumnQualityJson(std::string& out, std::string_view name, const ColumnMetrics& column,
                             size_t top_k) {
  const TypeId type = column.type().id;
  out += '{';
  AppendKey(out, "name");
  AppendJsonString(out, name);
  AppendKey(out, "type");
  AppendJsonString(out, column.type().ToString());
  AppendKey(out, "rows");
  AppendUnsigned(out, column.rows());
  AppendKey(out, "nulls");
  AppendUnsigned(out, column.nulls());
  AppendKey(out, "null_pct");
  AppendOptional(out, column.rows() == 0
                          ? std::nullopt
                          : std::optional<double>(100.0 * column.nulls() / column.rows()));
  AppendKey(out, "empties");
  if (type == TypeId::kText) {
    AppendUnsigned(out, column.empties());
  } else {
    out += "null";
  }
  AppendKey(out, "distinct");
  AppendUnsigned(out, column.Distinct());
  AppendKey(out, "distinct_exact");
  out += column.DistinctIsExact() ? "true" : "false";
  AppendKey(out, "min");
  AppendValue(out, type, column.Min());
  AppendKey(out, "max");
  AppendValue(out, type, column.Max());
  AppendKey(out, "mean");
  AppendOptional(out, column.Mean());
  AppendKey(out, "stddev");
  AppendOptional(out, column.StdDev());
  AppendKey(out, "min_length");
  AppendOptional(out, column.MinLength());
  AppendKey(out, "max_length");
  AppendOptional(out, column.MaxLength());
  AppendKey(out, "top");
  if (type == TypeId::kDouble) {
    out += "null";
  } else {
    out += '[';
    bool first = true;
    for (const ValueCount& v : column.Top(top_k)) {
      if (!first) out += ',';
      first = false;
      out += '{';
      AppendKey(out, "value");
      AppendValue(out, type, v.value);
      AppendKey(out, "count");
      AppendUnsigned(out, v.count);
      out += '}';
    }
    out += ']';
  }
  AppendKey(out, "top_count_error");
  if (type == TypeId::kDouble) {
    out += "null";
  } else {
    AppendUnsigned(out, column.TopMaxError());
  }
  out += '}';
}

std::string QualityReportJson(const TableMetrics& metrics, const Schema& schema, size_t top_k) {
  if (metrics.columns.size() != schema.size()) {
    throw RunError("internal: quality report of " + std::to_string(metrics.columns.size()) +
                   " columns with a schema of " + std::to_string(schema.size()));
  }
  std::string out = "{";
  AppendKey(out, "rows");
  AppendUnsigned(out, metrics.rows);
  AppendKey(out, "columns");
  out += '[';
  for (size_t c = 0; c < metrics.columns.size(); ++c) {
    if (c > 0) out += ',';
    AppendColumnQualityJson(out, schema.fields[c].name, metrics.columns[c], top_k);
  }
  out += "]}";
  return out;
}

}  // namespace sluice

// SQLite, PostgreSQL and MariaDB spellings of the check queries.
#include "monitor/check_sql.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "monitor/value_formats.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Literal(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string JoinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " AND ") + p;
  return out;
}

}  // namespace

int64_t CountCell(const MonitorDatabase::Cell& cell) {
  if (!cell) return 0;
  // Some drivers print a SUM as "12.0" or "12.000000".
  return static_cast<int64_t>(std::strtod(cell->c_str(), nullptr));
}

std::optional<double> NumberCell(const MonitorDatabase::Cell& cell) {
  if (!cell || cell->empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(cell->c_str(), &end);
  if (end == cell->c_str()) return std::nullopt;
  return v;
}

std::string CheckSql::QuoteString(const std::string& text) const {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    // MariaDB reads backslash escapes inside string literals unless NO_BACKSLASH_ESCAPES.
    if (c == '\\' && dialect_.kind() == DialectKind::kMariaDb) out += '\\';
    out += c;
  }
  return out + "'";
}

std::string CheckSql::RowCount() const { return "COUNT(*)"; }

std::string CheckSql::NonNullCount(const std::string& column) const {
  return "COUNT(" + Q(column) + ")";
}

std::string CheckSql::EmptyCount(const std::string& column) const {
  return "SUM(CASE WHEN " + Q(column) + " = '' THEN 1 ELSE 0 END)";
}

std::optional<std::string> CheckSql::InvalidCount(const ColumnInfo& column, FormatKind format,
                                                  const std::string& pattern) const {
  const std::string q = Q(column.name);
  if (Sqlite()) {
    if (format != FormatKind::kRegex) throw std::logic_error("SQLite profiles built-in formats");
    return "SUM(sluice_bad_regex(" + q + ", " + QuoteString(pattern) + "))";
  }
  if (format == FormatKind::kNumber && IsNumericKind(column.kind)) return std::nullopt;
  if (format == FormatKind::kDate &&
      (column.kind == ColumnKind::kDate || column.kind == ColumnKind::kTimestamp)) {
    return std::nullopt;
  }
  std::string regex = format == FormatKind::kRegex ? pattern : FormatRegex(format);
  std::string text;
  std::string mismatch;
  switch (dialect_.kind()) {
    case DialectKind::kPostgres:
      text = column.kind == ColumnKind::kText ? q : "CAST(" + q + " AS TEXT)";
      mismatch = text + " !~ " + QuoteString(regex);
      break;
    case DialectKind::kMariaDb:
      text = column.kind == ColumnKind::kText ? q : "CAST(" + q + " AS CHAR)";
      // Case-sensitive whatever the column's collation.
      mismatch = text + " NOT REGEXP " + QuoteString("(?-i)" + regex);
      break;
    default:
      throw RunError(std::string("format checks need SQLite, PostgreSQL or MariaDB, not ") +
                     dialect_.Name());
  }
  return "SUM(CASE WHEN " + q + " IS NOT NULL AND " + text + " <> '' AND " + mismatch +
         " THEN 1 ELSE 0 END)";
}

std::vector<std::string> CheckSql::NumericStatsAggregates(const std::string& column) const {
  const std::string q = Q(column);
  return {"COUNT(" + q + ")", "MIN(" + q + ")", "MAX(" + q + ")", "AVG(" + q + ")",
          "STDDEV_POP(" + q + ")"};
}

NumericStats CheckSql::ParseNumericStats(const MonitorDatabase::Row& row, size_t first) const {
  NumericStats s;
  s.count = CountCell(row[first]);
  s.min = NumberCell(row[first + 1]).value_or(0);
  s.max = NumberCell(row[first + 2]).value_or(0);
  s.mean = NumberCell(row[first + 3]).value_or(0);
  s.stddev = NumberCell(row[first + 4]).value_or(0);
  return s;
}

std::string CheckSql::MaxValue(const std::string& column) const { return "MAX(" + Q(column) + ")"; }

std::string CheckSql::OutsideCount(const std::string& column, double low, double high) const {
  const std::string q = Q(column);
  std::string outside = q + " < " + Literal(low) + " OR " + q + " > " + Literal(high);
  // SQLite orders any text above every number: only values stored as numbers count.
  if (Sqlite()) outside = "typeof(" + q + ") IN ('integer', 'real') AND (" + outside + ")";
  return "SUM(CASE WHEN " + outside + " THEN 1 ELSE 0 END)";
}

std::vector<std::string> CheckSql::RangeOrphanAggregates(const std::string& column, int64_t low,
                                                         int64_t high) const {
  const std::string q = Q(column);
  std::string inside =
      q + " >= " + std::to_string(low) + " AND " + q + " <= " + std::to_string(high);
  if (Sqlite()) inside = "typeof(" + q + ") = 'integer' AND " + inside;
  std::string orphan = q + " IS NOT NULL AND NOT (" + inside + ")";
  return {"SUM(CASE WHEN " + orphan + " THEN 1 ELSE 0 END)",
          "MIN(CASE WHEN " + orphan + " THEN " + q + " END)"};
}

std::optional<std::string> CheckSql::ColumnProfiles(
    const std::vector<ColumnProfileRequest>& requests) const {
  if (!Sqlite() || requests.empty()) return std::nullopt;
  std::string sql = "sluice_profile(" + QuoteString(ColumnProfileSpec(requests));
  for (const ColumnProfileRequest& r : requests) sql += ", " + Q(r.column);
  return sql + ")";
}

std::string CheckSql::Select(const std::string& table,
                             const std::vector<std::string>& aggregates) const {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < aggregates.size(); ++i) sql += (i ? ", " : "") + aggregates[i];
  return sql + " FROM " + Q(table);
}

std::string CheckSql::DuplicatesQuery(const std::string& table,
                                      const std::vector<std::string>& columns,
                                      bool skip_null_keys) const {
  std::string group;
  std::vector<std::string> not_null;
  for (const std::string& c : columns) {
    group += (group.empty() ? "" : ", ") + Q(c);
    not_null.push_back(Q(c) + " IS NOT NULL");
  }
  std::string where = skip_null_keys ? " WHERE " + JoinAnd(not_null) : "";
  return "SELECT COUNT(*), COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM " + Q(table) +
         where + " GROUP BY " + group + " HAVING COUNT(*) > 1) d";
}

std::string CheckSql::TopValueQuery(const std::string& table, const std::string& column) const {
  const std::string q = Q(column);
  return "SELECT " + q + ", COUNT(*) FROM " + Q(table) + " WHERE " + q + " IS NOT NULL GROUP BY " +
         q + " ORDER BY COUNT(*) DESC, " + q + " LIMIT 1";
}

std::string CheckSql::OrphansQuery(const std::string& child,
                                   const std::vector<std::string>& columns,
                                   const std::string& parent,
                                   const std::vector<std::string>& parent_columns) const {
  std::vector<std::string> present, match;
  for (size_t i = 0; i < columns.size(); ++i) {
    present.push_back("c." + Q(columns[i]) + " IS NOT NULL");
    match.push_back("p." + Q(parent_columns[i]) + " = c." + Q(columns[i]));
  }
  std::string first = "c." + Q(columns[0]);
  std::string distinct = columns.size() == 1 ? "COUNT(DISTINCT " + first + ")" : "NULL";
  return "SELECT COUNT(*), " + distinct + ", MIN(" + first + ") FROM " + Q(child) + " c WHERE " +
         JoinAnd(present) + " AND NOT EXISTS (SELECT 1 FROM " + Q(parent) + " p WHERE " +
         JoinAnd(match) + ")";
}

std::string CheckSql::KeyRangeQuery(const std::string& table, const std::string& column,
                                    bool rowid) const {
  const std::string q = Q(column);
  std::string storage =
      Sqlite() && !rowid ? "SUM(CASE WHEN typeof(" + q + ") = 'integer' THEN 0 ELSE 1 END)" : "0";
  return "SELECT " + (rowid ? std::string("COUNT(*)") : "COUNT(" + q + ")") + ", MIN(" + q +
         "), MAX(" + q + "), " + storage + " FROM " + Q(table);
}

std::string CheckSql::KeyBoundsQuery(const std::string& table, const std::string& column) const {
  const std::string q = Q(column);
  // Two subqueries: SQLite answers a lone MIN or MAX from the b-tree, both together by a scan.
  return "SELECT NULL, (SELECT MIN(" + q + ") FROM " + Q(table) + "), (SELECT MAX(" + q +
         ") FROM " + Q(table) + "), 0";
}

KeyRange CheckSql::ParseKeyRange(const MonitorDatabase::Row& row) const {
  KeyRange r;
  r.count = CountCell(row[0]);
  auto integer = [](const MonitorDatabase::Cell& cell) -> std::optional<int64_t> {
    if (!cell) return std::nullopt;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), v);
    if (ec != std::errc() || end != cell->data() + cell->size()) return std::nullopt;
    return v;
  };
  r.min = integer(row[1]);
  r.max = integer(row[2]);
  r.all_integers = CountCell(row[3]) == 0 && (r.count == 0 || (r.min && r.max));
  return r;
}

}  // namespace sluice

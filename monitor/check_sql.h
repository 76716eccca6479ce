// The SQL of the checks, per dialect: aggregates that a table's one fused SELECT gathers, the
// GROUP BY of duplicates and of a column's most frequent value, the anti-join of a foreign key.
// Identifiers pass through Dialect::QuoteIdentifier; the only literals are numbers sluice
// computed and the user's regular expressions, quoted by QuoteString.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "monitor/column_profile.h"
#include "monitor/monitor_database.h"
#include "monitor/monitor_spec.h"
#include "monitor/table_info.h"

namespace sluice {

struct NumericStats {
  int64_t count = 0;  // numeric values (NULLs and, on SQLite, texts left out)
  double min = 0, max = 0, mean = 0, stddev = 0;  // stddev: population
  // Values with |z| > the z the aggregate was given, when it could count them in the same
  // scan (SQLite); otherwise a second scan does (OutsideCount).
  std::optional<int64_t> outliers;
};

struct TopValue {
  std::string value;
  int64_t count = 0;
};

struct KeyRange {
  int64_t count = 0;  // non-NULL keys
  std::optional<int64_t> min, max;
  bool all_integers = true;
};

class CheckSql {
 public:
  explicit CheckSql(const Dialect& dialect) : dialect_(dialect) {}
  const Dialect& dialect() const { return dialect_; }

  // Aggregates for a fused SELECT.
  std::string RowCount() const;
  std::string NonNullCount(const std::string& column) const;
  std::string EmptyCount(const std::string& column) const;
  // Non-empty values that fail the format; nullopt when no value of a column of this kind can
  // fail on this database (a DATE column holds only dates on PostgreSQL). On SQLite only a
  // regex: ColumnProfiles measures the built-in formats.
  std::optional<std::string> InvalidCount(const ColumnInfo& column, FormatKind format,
                                          const std::string& pattern) const;
  // Not SQLite (ColumnProfiles): COUNT, MIN, MAX, AVG, STDDEV_POP.
  std::vector<std::string> NumericStatsAggregates(const std::string& column) const;
  NumericStats ParseNumericStats(const MonitorDatabase::Row& row, size_t first) const;
  std::string MaxValue(const std::string& column) const;
  // Numeric values below `low` or above `high`.
  std::string OutsideCount(const std::string& column, double low, double high) const;
  // For a foreign key into a parent whose integer keys are exactly [low, high]: the rows with
  // a key outside (the orphans) and the smallest such key.
  std::vector<std::string> RangeOrphanAggregates(const std::string& column, int64_t low,
                                                 int64_t high) const;

  // SQLite: one aggregate measuring every requested column (column_profile.h); read the
  // answer with ParseColumnProfiles. Elsewhere nullopt: each measure is its own aggregate.
  std::optional<std::string> ColumnProfiles(
      const std::vector<ColumnProfileRequest>& requests) const;

  std::string Select(const std::string& table, const std::vector<std::string>& aggregates) const;

  // Queries of their own.
  // -> groups with more than one row, rows in those groups. Rows with a NULL key are left out
  // when `skip_null_keys` (a key), kept when the set is all columns (whole-row duplicates).
  std::string DuplicatesQuery(const std::string& table, const std::vector<std::string>& columns,
                              bool skip_null_keys) const;
  // -> value, count of the most frequent non-NULL value (ties: the smallest value).
  std::string TopValueQuery(const std::string& table, const std::string& column) const;
  // -> orphan rows, distinct orphan keys (single-column keys; else NULL), the smallest orphan
  // key's first column.
  std::string OrphansQuery(const std::string& child, const std::vector<std::string>& columns,
                           const std::string& parent,
                           const std::vector<std::string>& parent_columns) const;
  // -> non-NULL keys, MIN, MAX, and (SQLite) how many are not stored as integers. `rowid`:
  // SQLite's INTEGER PRIMARY KEY, never NULL and always an integer, so the b-tree answers
  // without a scan.
  std::string KeyRangeQuery(const std::string& table, const std::string& column, bool rowid) const;
  // -> NULL, MIN, MAX, 0: the bounds alone, which an index (or SQLite's rowid) gives at once;
  // the count comes from the table's own fused scan.
  std::string KeyBoundsQuery(const std::string& table, const std::string& column) const;
  KeyRange ParseKeyRange(const MonitorDatabase::Row& row) const;

  std::string QuoteString(const std::string& text) const;

 private:
  std::string Q(const std::string& identifier) const {
    return dialect_.QuoteIdentifier(identifier);
  }
  bool Sqlite() const { return dialect_.kind() == DialectKind::kSqlite; }

  Dialect dialect_;
};

// A count from an aggregate cell (NULL, as SUM gives over no rows, is 0).
int64_t CountCell(const MonitorDatabase::Cell& cell);
std::optional<double> NumberCell(const MonitorDatabase::Cell& cell);

}  // namespace sluice

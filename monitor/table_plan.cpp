// Resolving a table's checks against its catalog.
#include "monitor/table_plan.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Lower(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// `word` alone or as the last part of a snake_case name ("order_status").
bool NamedLike(const std::string& name, const std::string& word) {
  return name == word || EndsWith(name, "_" + word);
}

std::optional<FormatKind> FormatByName(const ColumnInfo& c) {
  std::string n = Lower(c.name);
  bool textual = c.kind == ColumnKind::kText || c.kind == ColumnKind::kOther;
  if (textual && (Contains(n, "email") || Contains(n, "e_mail"))) return FormatKind::kEmail;
  if (textual && (Contains(n, "phone") || Contains(n, "mobile") || NamedLike(n, "tel") ||
                  NamedLike(n, "fax"))) {
    return FormatKind::kPhone;
  }
  bool date_name = Contains(n, "date") || EndsWith(n, "_at") || EndsWith(n, "_on") ||
                   EndsWith(n, "_time") || Contains(n, "timestamp") || n == "dob" ||
                   Contains(n, "birthday");
  // Declared dates are checked too: SQLite stores them as whatever text was written (the
  // PostgreSQL and MariaDB queries skip them, their types admit only dates).
  if (c.kind == ColumnKind::kDate || c.kind == ColumnKind::kTimestamp || (textual && date_name)) {
    return FormatKind::kDate;
  }
  for (const char* word : {"amount", "price", "revenue", "cost", "total", "salary", "balance"}) {
    if (Contains(n, word) && (textual || IsNumericKind(c.kind))) return FormatKind::kNumber;
  }
  return std::nullopt;
}

bool IsKeyLike(const TableInfo& info, const std::string& column) {
  std::string n = Lower(column);
  if (n == "id" || EndsWith(n, "_id") || EndsWith(n, "_key")) return true;
  if (std::find(info.primary_key.begin(), info.primary_key.end(), column) !=
      info.primary_key.end()) {
    return true;
  }
  for (const ForeignKeyInfo& fk : info.foreign_keys) {
    if (std::find(fk.columns.begin(), fk.columns.end(), column) != fk.columns.end()) return true;
  }
  return false;
}

bool CategoricalByName(const ColumnInfo& c) {
  if (c.kind == ColumnKind::kBoolean) return true;
  if (c.kind != ColumnKind::kText) return false;
  std::string n = Lower(c.name);
  for (const char* word :
       {"status",   "state",  "type",    "kind",     "category", "country", "currency",
        "gender",   "tier",   "segment", "channel",  "region",   "plan",    "level",
        "language", "source", "method",  "priority", "role",     "flag"}) {
    if (NamedLike(n, word)) return true;
  }
  return false;
}

class Planner {
 public:
  Planner(const TableSpec& spec, const TableInfo& info) : spec_(spec), info_(info) {}

  void Require(const std::string& column, const std::string& what) const {
    if (info_.Find(column) == nullptr) {
      throw ConfigError(spec_.where,
                        what + ": table " + spec_.name + " has no column '" + column + "'");
    }
  }

  // The check's columns: configured ones (checked to exist) or `fallback`, each with its
  // levels (a per-column override wins).
  std::vector<LeveledColumn> Columns(const ColumnCheckSpec& check, const std::string& what,
                                     const std::vector<std::string>& fallback) const {
    std::vector<LeveledColumn> out;
    if (!check.enabled) return out;
    const std::vector<std::string>& names = check.columns.empty() ? fallback : check.columns;
    for (const std::string& name : names) {
      Require(name, what);
      auto it = check.per_column.find(name);
      out.push_back({name, it == check.per_column.end() ? check.levels : it->second});
    }
    for (const auto& [name, levels] : check.per_column) Require(name, what);
    return out;
  }

  std::vector<std::string> AllColumns(bool (*keep)(const TableInfo&, const ColumnInfo&)) const {
    std::vector<std::string> out;
    for (const ColumnInfo& c : info_.columns) {
      if (keep(info_, c)) out.push_back(c.name);
    }
    return out;
  }

 private:
  const TableSpec& spec_;
  const TableInfo& info_;
};

}  // namespace

TablePlan PlanTable(const TableSpec& spec, const TableInfo& info,
                    const std::function<std::vector<std::string>(const std::string&)>& parent_key) {
  TablePlan plan;
  plan.spec = &spec;
  plan.info = info;
  if (!info.exists) return plan;
  Planner p(spec, info);

  plan.missing = p.Columns(spec.missing, "missing",
                           p.AllColumns([](const TableInfo&, const ColumnInfo&) { return true; }));

  if (spec.duplicates.enabled) {
    PlannedDuplicates d;
    d.levels = spec.duplicates.levels;
    if (!spec.duplicates.columns.empty()) {
      for (const std::string& c : spec.duplicates.columns) p.Require(c, "duplicates");
      d.columns = spec.duplicates.columns;
      d.basis = "configured columns";
    } else if (!info.primary_key.empty()) {
      d.columns = info.primary_key;
      d.basis = "primary key";
    } else {
      for (const ColumnInfo& c : info.columns) d.columns.push_back(c.name);
      d.basis = "all columns";
      d.skip_null_keys = false;
    }
    d.kept_unique = d.skip_null_keys && info.KeptUnique(d.columns);
    plan.duplicates = d;
  }

  std::set<std::string> formatted;
  for (const FormatSpec& f : spec.formats) {
    p.Require(f.column, "formats");
    plan.formats.push_back(
        {*info.Find(f.column), f.kind, f.pattern, f.levels ? *f.levels : spec.format_levels});
    formatted.insert(f.column);
  }
  if (spec.formats_by_name) {
    for (const ColumnInfo& c : info.columns) {
      if (formatted.count(c.name)) continue;
      if (std::optional<FormatKind> kind = FormatByName(c)) {
        plan.formats.push_back({c, *kind, "", spec.format_levels});
      }
    }
  }

  std::set<std::vector<std::string>> referenced;
  for (const ReferenceSpec& r : spec.references) {
    for (const std::string& c : r.columns) p.Require(c, "references");
    PlannedReference ref{"",
                         r.columns,
                         r.parent_table,
                         r.parent_columns,
                         false,
                         r.levels ? *r.levels : spec.orphan_levels};
    referenced.insert(r.columns);
    plan.references.push_back(ref);
  }
  if (spec.declared_references) {
    for (const ForeignKeyInfo& fk : info.foreign_keys) {
      if (referenced.count(fk.columns)) continue;
      plan.references.push_back(
          {"", fk.columns, fk.parent_table, fk.parent_columns, true, spec.orphan_levels});
    }
  }
  for (PlannedReference& r : plan.references) {
    if (r.parent_columns.empty()) r.parent_columns = parent_key(r.parent);
    if (r.parent_columns.size() != r.columns.size()) {
      throw ConfigError(spec.where, "references of " + spec.name + " to " + r.parent + ": " +
                                        std::to_string(r.columns.size()) + " columns against " +
                                        std::to_string(r.parent_columns.size()) +
                                        " key columns of the parent");
    }
    auto list = [](const std::vector<std::string>& v) {
      std::string s;
      for (const std::string& c : v) s += (s.empty() ? "" : ", ") + c;
      return s;
    };
    r.name = list(r.columns) + " -> " + r.parent + "(" + list(r.parent_columns) + ")";
  }

  plan.numeric = p.Columns(spec.outliers, "outliers",
                           p.AllColumns([](const TableInfo& t, const ColumnInfo& c) {
                             return IsNumericKind(c.kind) && !IsKeyLike(t, c.name);
                           }));
  plan.categorical = p.Columns(
      spec.dominance, "dominance",
      p.AllColumns([](const TableInfo&, const ColumnInfo& c) { return CategoricalByName(c); }));

  if (spec.freshness.enabled) {
    std::vector<std::string> fallback;
    for (const char* preferred :
         {"updated_at", "modified_at", "last_modified", "created_at", "inserted_at", "loaded_at"}) {
      const ColumnInfo* c = info.Find(preferred);
      if (c && (c->kind == ColumnKind::kTimestamp || c->kind == ColumnKind::kText)) {
        fallback = {c->name};
        break;
      }
    }
    if (fallback.empty()) {
      for (const ColumnInfo& c : info.columns) {
        if (c.kind == ColumnKind::kTimestamp) {
          fallback = {c.name};
          break;
        }
      }
    }
    std::vector<LeveledColumn> fresh = p.Columns(spec.freshness, "freshness", fallback);
    if (!fresh.empty()) plan.freshness = fresh.front();
  }
  return plan;
}

}  // namespace sluice

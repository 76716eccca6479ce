// Scheduling and reading back the check queries of every monitored table.
#include "monitor/table_scan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <stdexcept>

namespace sluice {
namespace {

// A fused SELECT: each aggregate added once, read back by position.
class FusedSelect {
 public:
  size_t Add(const std::string& aggregate) {
    auto [it, added] = index_.emplace(aggregate, items_.size());
    if (added) items_.push_back(aggregate);
    return it->second;
  }
  std::vector<size_t> Add(const std::vector<std::string>& aggregates) {
    std::vector<size_t> at;
    for (const std::string& a : aggregates) at.push_back(Add(a));
    return at;
  }
  bool empty() const { return items_.empty(); }
  const std::vector<std::string>& items() const { return items_; }

 private:
  std::vector<std::string> items_;
  std::map<std::string, size_t> index_;
};

MonitorDatabase::Row Pick(const MonitorDatabase::Row& row, const std::vector<size_t>& at) {
  MonitorDatabase::Row out;
  for (size_t i : at) out.push_back(row[i]);
  return out;
}

MonitorDatabase::Row SingleRow(MonitorDatabase& db, const std::string& sql,
                               const std::string& doing, size_t width) {
  std::vector<MonitorDatabase::Row> rows = db.Query(sql, doing);
  if (rows.empty()) return MonitorDatabase::Row(width);
  return rows.front();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A single-column reference whose orphans a key-range test can count, when the parent's keys
// turn out to be exactly the integers [min, max].
struct RangeCandidate {
  size_t table = 0, reference = 0;
  std::string parent, parent_column;
  bool rowid_key = false;  // SQLite INTEGER PRIMARY KEY: never NULL, always an integer
  // A rowid parent that is measured in this run: its row count (the key count) comes from its
  // own scan, and density is confirmed after that scan (else an anti-join follows).
  std::optional<size_t> parent_plan;
  KeyRange range;
  bool Dense() const {
    return range.all_integers && range.count > 0 && range.min && range.max &&
           *range.max - *range.min + 1 == range.count;
  }
  // Worth counting by range in the first scan: dense, or dense unless the parent's count
  // (still to come) says otherwise.
  bool Promising() const {
    return parent_plan ? range.min && range.max && *range.max >= *range.min : Dense();
  }
};

std::optional<RangeCandidate> AsRangeCandidate(const TablePlan& plan, size_t ref,
                                               const std::map<std::string, TableInfo>& parents,
                                               DialectKind dialect) {
  const PlannedReference& r = plan.references[ref];
  if (r.columns.size() != 1) return std::nullopt;
  auto parent = parents.find(r.parent);
  if (parent == parents.end() || !parent->second.exists) return std::nullopt;
  const ColumnInfo* key = parent->second.Find(r.parent_columns[0]);
  const ColumnInfo* child = plan.info.Find(r.columns[0]);
  if (!key || !child || key->kind != ColumnKind::kInteger || child->kind != ColumnKind::kInteger ||
      !parent->second.KeptUnique({key->name})) {
    return std::nullopt;
  }
  RangeCandidate c;
  c.reference = ref;
  c.parent = r.parent;
  c.parent_column = key->name;
  c.rowid_key = dialect == DialectKind::kSqlite && parent->second.primary_key.size() == 1 &&
                parent->second.primary_key[0] == key->name && Upper(key->type_name) == "INTEGER";
  return c;
}

class Scan {
 public:
  Scan(const std::vector<TablePlan>& plans, const std::map<std::string, TableInfo>& parents,
       QueryPool& pool)
      : plans_(plans), parents_(parents), pool_(pool), sql_(pool.dialect()) {}

  std::vector<TableMeasures> Run() {
    measures_.resize(plans_.size());
    // Parents' key ranges first: where the keys are one dense integer range, the orphans are
    // counted inside the child's own fused scan instead of by a join.
    std::vector<QueryPool::Task> keys, first, later;
    for (size_t t = 0; t < plans_.size(); ++t) {
      if (plans_[t].info.exists) AddReferences(t, keys, first);
    }
    pool_.Run(keys);
    for (size_t t = 0; t < plans_.size(); ++t) {
      if (!plans_[t].info.exists) continue;
      QueryPool::Task scan = FirstPass(t, first);
      first.insert(first.begin(), std::move(scan));  // the long scans first
    }
    for (size_t t = 0; t < plans_.size(); ++t) {
      if (plans_[t].info.exists) AddGroupings(t, first);
    }
    pool_.Run(first);
    for (size_t t = 0; t < plans_.size(); ++t) {
      if (plans_[t].info.exists) SecondPass(t, later);
    }
    pool_.Run(later);
    return std::move(measures_);
  }

 private:
  // The table's fused SELECT; references whose parent keys turned out not to be dense get an
  // anti-join task in `tasks`.
  QueryPool::Task FirstPass(size_t t, std::vector<QueryPool::Task>& tasks) {
    if (sql_.dialect().kind() == DialectKind::kSqlite) return ProfiledFirstPass(t, tasks);
    const TablePlan& plan = plans_[t];
    TableMeasures& m = measures_[t];
    auto select = std::make_shared<FusedSelect>();
    size_t rows = select->Add(sql_.RowCount());
    std::vector<size_t> non_null, empty;
    for (const LeveledColumn& c : plan.missing) {
      non_null.push_back(select->Add(sql_.NonNullCount(c.column)));
      const ColumnInfo* info = plan.info.Find(c.column);
      bool text = info && (info->kind == ColumnKind::kText || info->kind == ColumnKind::kOther);
      empty.push_back(plan.spec->empty_is_missing && text ? select->Add(sql_.EmptyCount(c.column))
                                                          : SIZE_MAX);
    }
    m.formats.resize(plan.formats.size());
    std::vector<size_t> invalid;
    for (size_t i = 0; i < plan.formats.size(); ++i) {
      const PlannedFormat& f = plan.formats[i];
      std::optional<std::string> count = sql_.InvalidCount(f.column, f.kind, f.pattern);
      m.formats[i].applies = count.has_value();
      invalid.push_back(count ? select->Add(*count) : SIZE_MAX);
    }
    std::vector<std::vector<size_t>> stats;
    for (const LeveledColumn& c : plan.numeric) {
      stats.push_back(select->Add(sql_.NumericStatsAggregates(c.column)));
    }
    std::vector<size_t> categorical_count;  // the top values come from TopValueQuery
    for (const LeveledColumn& c : plan.categorical) {
      categorical_count.push_back(select->Add(sql_.NonNullCount(c.column)));
    }
    size_t newest = plan.freshness ? select->Add(sql_.MaxValue(plan.freshness->column)) : SIZE_MAX;
    std::vector<std::pair<size_t, std::vector<size_t>>> ranged;  // reference, aggregates
    for (const RangeCandidate& c : ranges_) {
      if (c.table != t) continue;
      if (!c.Promising()) {
        tasks.push_back(AntiJoin(t, c.reference));
        continue;
      }
      const PlannedReference& ref = plan.references[c.reference];
      ranged.emplace_back(c.reference, select->Add(sql_.RangeOrphanAggregates(
                                           ref.columns[0], *c.range.min, *c.range.max)));
    }

    return [this, t, select, rows, non_null, empty, invalid, stats, categorical_count, newest,
            ranged](MonitorDatabase& db) {
      const TablePlan& plan = plans_[t];
      TableMeasures& m = measures_[t];
      MonitorDatabase::Row row =
          SingleRow(db, sql_.Select(plan.info.name, select->items()),
                    "measuring table " + plan.info.name, select->items().size());
      m.rows = CountCell(row[rows]);
      for (size_t i = 0; i < non_null.size(); ++i) {
        m.nulls.push_back(m.rows - CountCell(row[non_null[i]]));
        m.empties.push_back(empty[i] == SIZE_MAX ? 0 : CountCell(row[empty[i]]));
      }
      for (size_t i = 0; i < invalid.size(); ++i) {
        if (invalid[i] != SIZE_MAX) m.formats[i].invalid = CountCell(row[invalid[i]]);
      }
      m.numeric.resize(stats.size());
      for (size_t i = 0; i < stats.size(); ++i) {
        m.numeric[i].stats = sql_.ParseNumericStats(Pick(row, stats[i]), 0);
      }
      m.categorical.resize(categorical_count.size());
      for (size_t i = 0; i < categorical_count.size(); ++i) {
        m.categorical[i].non_null = CountCell(row[categorical_count[i]]);
      }
      if (newest != SIZE_MAX) m.newest = row[newest];
      for (const auto& [r, at] : ranged) {
        OrphanMeasure& o = m.orphans[r];
        o.method = "key range";
        o.orphans = CountCell(row[at[0]]);
        o.example = row[at[1]];
      }
    };
  }

  // SQLite's first pass: every column measure in one sluice_profile aggregate.
  QueryPool::Task ProfiledFirstPass(size_t t, std::vector<QueryPool::Task>& tasks) {
    const TablePlan& plan = plans_[t];
    TableMeasures& m = measures_[t];
    auto requests = std::make_shared<std::vector<ColumnProfileRequest>>();
    auto request = [&requests](const std::string& column) -> size_t {
      for (size_t i = 0; i < requests->size(); ++i) {
        if ((*requests)[i].column == column) return i;
      }
      requests->push_back(ColumnProfileRequest{column});
      return requests->size() - 1;
    };
    auto select = std::make_shared<FusedSelect>();
    size_t rows = select->Add(sql_.RowCount());
    std::vector<size_t> missing;
    for (const LeveledColumn& c : plan.missing) {
      size_t r = request(c.column);
      const ColumnInfo* info = plan.info.Find(c.column);
      if (plan.spec->empty_is_missing && info &&
          (info->kind == ColumnKind::kText || info->kind == ColumnKind::kOther)) {
        (*requests)[r].empty = true;
      }
      missing.push_back(r);
    }
    m.formats.resize(plan.formats.size());
    // per format: (request, format index) or, for a regex, (SIZE_MAX, aggregate)
    std::vector<std::pair<size_t, size_t>> formats;
    for (const PlannedFormat& f : plan.formats) {
      if (f.kind == FormatKind::kRegex) {
        formats.emplace_back(SIZE_MAX,
                             select->Add(*sql_.InvalidCount(f.column, f.kind, f.pattern)));
        continue;
      }
      size_t r = request(f.column.name);
      (*requests)[r].formats.push_back(f.kind);
      formats.emplace_back(r, (*requests)[r].formats.size() - 1);
    }
    std::vector<size_t> numeric, categorical;
    for (const LeveledColumn& c : plan.numeric) {
      numeric.push_back(request(c.column));
      (*requests)[numeric.back()].stats_z = plan.spec->outlier_z;
    }
    for (const LeveledColumn& c : plan.categorical) {
      categorical.push_back(request(c.column));
      (*requests)[categorical.back()].top = true;
    }
    std::vector<std::pair<size_t, size_t>> ranged;  // reference, request
    for (const RangeCandidate& c : ranges_) {
      if (c.table != t) continue;
      if (!c.Promising()) {
        tasks.push_back(AntiJoin(t, c.reference));
        continue;
      }
      size_t r = request(plan.references[c.reference].columns[0]);
      (*requests)[r].key_range = std::make_pair(*c.range.min, *c.range.max);
      ranged.emplace_back(c.reference, r);
    }
    std::optional<std::string> profile = sql_.ColumnProfiles(*requests);
    size_t profiled = profile ? select->Add(*profile) : SIZE_MAX;
    size_t newest = plan.freshness ? select->Add(sql_.MaxValue(plan.freshness->column)) : SIZE_MAX;

    return [this, t, select, requests, rows, profiled, missing, formats, numeric, categorical,
            ranged, newest](MonitorDatabase& db) {
      const TablePlan& plan = plans_[t];
      TableMeasures& m = measures_[t];
      MonitorDatabase::Row row =
          SingleRow(db, sql_.Select(plan.info.name, select->items()),
                    "measuring table " + plan.info.name, select->items().size());
      m.rows = CountCell(row[rows]);
      std::vector<ColumnProfile> p(requests->size());
      if (profiled != SIZE_MAX && row[profiled]) {
        std::optional<std::vector<ColumnProfile>> parsed =
            ParseColumnProfiles(*requests, *row[profiled]);
        if (!parsed) throw std::runtime_error("sluice_profile gave a malformed answer");
        p = std::move(*parsed);
      }
      for (size_t r : missing) {
        m.nulls.push_back(m.rows - p[r].non_null);
        m.empties.push_back(p[r].empty);
      }
      for (size_t i = 0; i < formats.size(); ++i) {
        auto [r, at] = formats[i];
        m.formats[i].invalid = r == SIZE_MAX ? CountCell(row[at]) : p[r].invalid[at];
      }
      m.numeric.resize(numeric.size());
      for (size_t i = 0; i < numeric.size(); ++i) {
        const ColumnProfile& c = p[numeric[i]];
        m.numeric[i].stats = NumericStats{c.numeric, c.min, c.max, c.mean, c.stddev, c.outliers};
      }
      m.categorical.resize(categorical.size());
      for (size_t i = 0; i < categorical.size(); ++i) {
        const ColumnProfile& c = p[categorical[i]];
        m.categorical[i].non_null = c.non_null;
        if (c.top_value) m.categorical[i].top = TopValue{*c.top_value, c.top_count};
      }
      for (const auto& [ref, r] : ranged) {
        OrphanMeasure& o = m.orphans[ref];
        o.method = "key range";
        o.orphans = p[r].orphans;
        o.example = p[r].orphan_example;
      }
      if (newest != SIZE_MAX) m.newest = row[newest];
    };
  }

  void AddGroupings(size_t t, std::vector<QueryPool::Task>& tasks) {
    const TablePlan& plan = plans_[t];
    if (plan.duplicates && !plan.duplicates->kept_unique) {
      tasks.push_back([this, t](MonitorDatabase& db) {
        const TablePlan& plan = plans_[t];
        const PlannedDuplicates& d = *plan.duplicates;
        MonitorDatabase::Row row =
            SingleRow(db, sql_.DuplicatesQuery(plan.info.name, d.columns, d.skip_null_keys),
                      "counting duplicates in " + plan.info.name, 2);
        measures_[t].duplicates = DuplicateMeasure{CountCell(row[0]), CountCell(row[1])};
      });
    }
    if (sql_.dialect().kind() == DialectKind::kSqlite) return;  // in the column profiles
    for (size_t i = 0; i < plan.categorical.size(); ++i) {
      tasks.push_back([this, t, i](MonitorDatabase& db) {
        const TablePlan& plan = plans_[t];
        const std::string& column = plan.categorical[i].column;
        std::vector<MonitorDatabase::Row> rows =
            db.Query(sql_.TopValueQuery(plan.info.name, column),
                     "finding the most frequent " + column + " in " + plan.info.name);
        // Written under the pool's join, read after it: categorical is sized by FirstPass
        // only after this runs, so keep the value aside.
        if (!rows.empty() && rows[0][0]) {
          std::lock_guard<std::mutex> lock(mutex_);
          tops_[{t, i}] = TopValue{*rows[0][0], CountCell(rows[0][1])};
        }
      });
    }
  }

  void AddReferences(size_t t, std::vector<QueryPool::Task>& keys,
                     std::vector<QueryPool::Task>& joins) {
    const TablePlan& plan = plans_[t];
    measures_[t].orphans.resize(plan.references.size());
    for (size_t r = 0; r < plan.references.size(); ++r) {
      std::optional<RangeCandidate> c = AsRangeCandidate(plan, r, parents_, sql_.dialect().kind());
      if (!c) {
        joins.push_back(AntiJoin(t, r));
        continue;
      }
      c->table = t;
      if (c->rowid_key) {
        for (size_t p = 0; p < plans_.size(); ++p) {
          if (plans_[p].info.exists && plans_[p].info.name == c->parent) c->parent_plan = p;
        }
      }
      ranges_.push_back(*c);
    }
    // Tasks refer to candidates by position: ranges_ is complete before any of them runs.
    for (size_t at = 0; at < ranges_.size(); ++at) {
      if (ranges_[at].table != t) continue;
      keys.push_back([this, at](MonitorDatabase& db) {
        RangeCandidate& c = ranges_[at];
        std::string sql = c.parent_plan
                              ? sql_.KeyBoundsQuery(c.parent, c.parent_column)
                              : sql_.KeyRangeQuery(c.parent, c.parent_column, c.rowid_key);
        c.range = sql_.ParseKeyRange(SingleRow(db, sql, "reading the key range of " + c.parent, 4));
      });
    }
  }

  QueryPool::Task AntiJoin(size_t t, size_t r) {
    return [this, t, r](MonitorDatabase& db) {
      const TablePlan& plan = plans_[t];
      const PlannedReference& ref = plan.references[r];
      MonitorDatabase::Row row = SingleRow(
          db, sql_.OrphansQuery(plan.info.name, ref.columns, ref.parent, ref.parent_columns),
          "looking for orphans of " + plan.info.name + "." + ref.name, 3);
      OrphanMeasure& o = measures_[t].orphans[r];
      o.method = "anti-join";
      o.orphans = CountCell(row[0]);
      if (row[1]) o.distinct_keys = CountCell(row[1]);
      o.example = row[2];
    };
  }

  // Outliers of the columns whose aggregate could not count them in the first scan.
  void SecondPass(size_t t, std::vector<QueryPool::Task>& tasks) {
    const TablePlan& plan = plans_[t];
    TableMeasures& m = measures_[t];
    for (RangeCandidate& c : ranges_) {
      if (c.table != t || !c.parent_plan || !c.Promising()) continue;
      c.range.count = measures_[*c.parent_plan].rows;
      if (!c.Dense()) tasks.push_back(AntiJoin(t, c.reference));  // the range count was moot
    }
    for (size_t i = 0; i < plan.categorical.size(); ++i) {
      auto it = tops_.find({t, i});
      if (it != tops_.end()) m.categorical[i].top = it->second;
    }
    auto select = std::make_shared<FusedSelect>();
    std::vector<std::pair<size_t, size_t>> outside;  // numeric column, aggregate
    for (size_t i = 0; i < plan.numeric.size(); ++i) {
      NumericMeasure& n = m.numeric[i];
      if (n.stats.count == 0 || n.stats.stddev <= 0) continue;
      double z = plan.spec->outlier_z;
      n.low = n.stats.mean - z * n.stats.stddev;
      n.high = n.stats.mean + z * n.stats.stddev;
      if (n.stats.outliers) {
        n.outliers = *n.stats.outliers;
        continue;
      }
      outside.emplace_back(i,
                           select->Add(sql_.OutsideCount(plan.numeric[i].column, n.low, n.high)));
    }
    if (select->empty()) return;
    tasks.push_back([this, t, select, outside](MonitorDatabase& db) {
      const TablePlan& plan = plans_[t];
      TableMeasures& m = measures_[t];
      MonitorDatabase::Row row =
          SingleRow(db, sql_.Select(plan.info.name, select->items()),
                    "counting outliers in " + plan.info.name, select->items().size());
      for (const auto& [i, at] : outside) m.numeric[i].outliers = CountCell(row[at]);
    });
  }

  const std::vector<TablePlan>& plans_;
  const std::map<std::string, TableInfo>& parents_;
  QueryPool& pool_;
  CheckSql sql_;
  std::vector<TableMeasures> measures_;
  std::vector<RangeCandidate> ranges_;
  std::mutex mutex_;
  std::map<std::pair<size_t, size_t>, TopValue> tops_;
};

}  // namespace

std::vector<TableMeasures> MeasureTables(const std::vector<TablePlan>& plans,
                                         const std::map<std::string, TableInfo>& parents,
                                         QueryPool& pool) {
  return Scan(plans, parents, pool).Run();
}

}  // namespace sluice

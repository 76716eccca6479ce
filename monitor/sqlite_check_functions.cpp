// Scalar and aggregate functions behind the SQLite dialect of the check queries.
#include "monitor/sqlite_check_functions.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitor/column_profile.h"
#include "monitor/value_formats.h"

namespace sluice {
namespace {

std::string_view Text(sqlite3_value* v) {
  const unsigned char* s = sqlite3_value_text(v);
  return s ? std::string_view(reinterpret_cast<const char*>(s),
                              static_cast<size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

void DeleteRegex(void* p) { delete static_cast<std::regex*>(p); }

// The compiled pattern is kept with the statement (sqlite3_set_auxdata) for the next rows.
void BadRegex(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* re = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, 1));
  if (re == nullptr) {
    try {
      re = new std::regex(std::string(Text(argv[1])), std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      sqlite3_result_error(ctx, (std::string("bad regex: ") + e.what()).c_str(), -1);
      return;
    }
    sqlite3_set_auxdata(ctx, 1, re, DeleteRegex);
    re = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, 1));
    if (re == nullptr) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  std::string_view text = Text(argv[0]);
  sqlite3_result_int(ctx, !text.empty() && !std::regex_search(text.begin(), text.end(), *re));
}

// Welford's running mean and squared deviations (exact enough where sum-of-squares cancels),
// and the values themselves while there are not too many, to count the outliers at the end.
struct NumericState {
  int64_t n = 0;
  double min, max, mean, m2, z;
  std::vector<double>* values;
  bool kept_all;
};

// Looks strings up by view, without building a std::string per row.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
};
using ValueCounts = std::unordered_map<std::string, int64_t, ViewHash, std::equal_to<>>;

// sluice_profile(spec, c1, c2, ...): every measure of every column in one call per row
// (monitor/column_profile.h has the spec and answer texts).
struct ColumnState {
  ColumnProfileRequest request;
  int64_t non_null = 0, empty = 0;
  std::vector<int64_t> invalid;
  NumericState numeric{};
  ValueCounts* counts = nullptr;
  bool top_gave_up = false;
  int64_t orphans = 0;
  std::optional<int64_t> orphan_int;
  std::optional<std::string> orphan_text;
};

struct ProfileState {
  std::vector<ColumnState>* columns;
  bool broken;
};

void ProfileColumn(ColumnState& c, sqlite3_value* v) {
  int type = sqlite3_value_type(v);
  if (type == SQLITE_NULL) return;
  ++c.non_null;
  const ColumnProfileRequest& r = c.request;
  bool number = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
  std::string_view text;
  bool have_text = false;
  auto get_text = [&]() {
    if (!have_text) text = Text(v);
    have_text = true;
    return text;
  };
  if (r.empty && type == SQLITE_TEXT && sqlite3_value_bytes(v) == 0) ++c.empty;
  for (size_t f = 0; f < r.formats.size(); ++f) {
    if (r.formats[f] == FormatKind::kNumber && number) continue;
    std::string_view t = get_text();
    if (!t.empty() && !MatchesFormat(r.formats[f], t)) ++c.invalid[f];
  }
  if (r.stats_z && number) {
    NumericState& s = c.numeric;
    double x = sqlite3_value_double(v);
    if (s.n == 0 || x < s.min) s.min = x;
    if (s.n == 0 || x > s.max) s.max = x;
    ++s.n;
    double delta = x - s.mean;
    s.mean += delta / static_cast<double>(s.n);
    s.m2 += delta * (x - s.mean);
    if (s.kept_all) {
      if (s.values->size() < kOutlierValueLimit) {
        s.values->push_back(x);
      } else {
        s.kept_all = false;
        std::vector<double>().swap(*s.values);
      }
    }
  }
  if (r.top && !c.top_gave_up) {
    std::string_view t = get_text();
    auto it = c.counts->find(t);
    if (it != c.counts->end()) {
      ++it->second;
    } else {
      c.counts->emplace(std::string(t), 1);
      if (c.counts->size() > kTopValueLimit) {
        c.top_gave_up = true;
        ValueCounts().swap(*c.counts);
      }
    }
  }
  if (r.key_range) {
    if (type == SQLITE_INTEGER) {
      int64_t key = sqlite3_value_int64(v);
      if (key < r.key_range->first || key > r.key_range->second) {
        ++c.orphans;
        if (!c.orphan_int || key < *c.orphan_int) c.orphan_int = key;
      }
    } else {
      ++c.orphans;
      if (number) {
        // A real in an integer column: SQLite's MIN puts numbers first, so does the example.
        if (!c.orphan_text) c.orphan_text = std::string(get_text());
      } else if (!c.orphan_int && !c.orphan_text) {
        c.orphan_text = std::string(get_text());
      }
    }
  }
}

void ProfileStep(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* s = static_cast<ProfileState*>(sqlite3_aggregate_context(ctx, sizeof(ProfileState)));
  if (s == nullptr || s->broken) return;
  if (s->columns == nullptr) {
    std::optional<std::vector<ColumnProfileRequest>> requests =
        ParseColumnProfileSpec(Text(argv[0]));
    if (!requests || static_cast<int>(requests->size()) != argc - 1) {
      s->broken = true;
      return;
    }
    s->columns = new std::vector<ColumnState>(requests->size());
    for (size_t i = 0; i < requests->size(); ++i) {
      ColumnState& c = (*s->columns)[i];
      c.request = (*requests)[i];
      c.invalid.assign(c.request.formats.size(), 0);
      if (c.request.stats_z) {
        c.numeric.z = *c.request.stats_z;
        c.numeric.values = new std::vector<double>();
        c.numeric.kept_all = true;
      }
      if (c.request.top) c.counts = new ValueCounts();
    }
  }
  for (size_t i = 0; i < s->columns->size(); ++i) ProfileColumn((*s->columns)[i], argv[i + 1]);
}

void ProfileFinal(sqlite3_context* ctx) {
  auto* s = static_cast<ProfileState*>(sqlite3_aggregate_context(ctx, 0));
  if (s == nullptr || s->columns == nullptr) {
    if (s && s->broken) {
      sqlite3_result_error(ctx, "sluice_profile: malformed spec", -1);
    } else {
      sqlite3_result_null(ctx);
    }
    return;
  }
  std::string out;
  char buf[200];
  for (ColumnState& c : *s->columns) {
    out += (out.empty() ? "" : " ") + std::to_string(c.non_null);
    if (c.request.empty) out += " " + std::to_string(c.empty);
    for (int64_t n : c.invalid) out += " " + std::to_string(n);
    if (c.request.stats_z) {
      const NumericState& n = c.numeric;
      double stddev = n.n ? std::sqrt(n.m2 / static_cast<double>(n.n)) : 0;
      long long outliers = -1;
      if (n.kept_all) {
        outliers = 0;
        if (stddev > 0) {
          double low = n.mean - n.z * stddev, high = n.mean + n.z * stddev;
          for (double x : *n.values) outliers += x < low || x > high;
        }
      }
      std::snprintf(buf, sizeof buf, " %lld %.17g %.17g %.17g %.17g %lld",
                    static_cast<long long>(n.n), n.n ? n.min : 0, n.n ? n.max : 0, n.mean, stddev,
                    outliers);
      out += buf;
      delete n.values;
    }
    if (c.request.top) {
      const std::pair<const std::string, int64_t>* best = nullptr;
      if (!c.top_gave_up) {
        for (const auto& entry : *c.counts) {
          if (best == nullptr || entry.second > best->second ||
              (entry.second == best->second && entry.first < best->first)) {
            best = &entry;
          }
        }
      }
      if (c.top_gave_up) {
        out += " G";
      } else if (best == nullptr) {
        out += " N";
      } else {
        out += " " + std::to_string(best->second) + " ";
        AppendCounted(out, best->first);
      }
      delete c.counts;
    }
    if (c.request.key_range) {
      out += " " + std::to_string(c.orphans) + " ";
      AppendCounted(out, c.orphan_int ? std::to_string(*c.orphan_int) : c.orphan_text.value_or(""));
    }
  }
  delete s->columns;
  s->columns = nullptr;
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

}  // namespace

int RegisterSqliteCheckFunctions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  int rc = sqlite3_create_function(db, "sluice_bad_regex", 2, flags, nullptr, BadRegex, nullptr,
                                   nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function(db, "sluice_profile", -1, flags, nullptr, nullptr, ProfileStep,
                                 ProfileFinal);
}

}  // namespace sluice

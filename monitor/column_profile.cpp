// The spec and answer texts of sluice_profile.
//   spec:   per column, ops separated by ' ', columns by ';':
//           e | f:<format> | s:<z> | t | o:<lo>:<hi>   (the non-NULL count is always measured)
//   answer: per column, in op order, space-separated: non_null, then e: count; f: bad count;
//           s: numeric min max mean stddev outliers (-1: not counted); t: N (no value), G (gave
//           up) or count <length>:<value>; o: orphans <length>:<smallest orphan>
#include "monitor/column_profile.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "monitor/value_formats.h"

namespace sluice {
namespace {

std::optional<FormatKind> FormatFromName(std::string_view name) {
  for (FormatKind k :
       {FormatKind::kEmail, FormatKind::kPhone, FormatKind::kDate, FormatKind::kNumber}) {
    if (name == FormatName(k)) return k;
  }
  return std::nullopt;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  std::optional<std::string_view> Token() {
    while (at_ < s_.size() && s_[at_] == ' ') ++at_;
    size_t start = at_;
    while (at_ < s_.size() && s_[at_] != ' ') ++at_;
    if (start == at_) return std::nullopt;
    return s_.substr(start, at_ - start);
  }
  std::optional<int64_t> Int() {
    auto t = Token();
    int64_t v = 0;
    if (!t || std::from_chars(t->data(), t->data() + t->size(), v).ec != std::errc()) {
      return std::nullopt;
    }
    return v;
  }
  std::optional<double> Real() {
    auto t = Token();
    if (!t) return std::nullopt;
    return std::strtod(std::string(*t).c_str(), nullptr);
  }
  // "<length>:<bytes>"
  std::optional<std::string> Counted() {
    while (at_ < s_.size() && s_[at_] == ' ') ++at_;
    size_t colon = s_.find(':', at_);
    if (colon == std::string_view::npos) return std::nullopt;
    size_t length = 0;
    if (std::from_chars(s_.data() + at_, s_.data() + colon, length).ec != std::errc() ||
        colon + 1 + length > s_.size()) {
      return std::nullopt;
    }
    std::string out(s_.substr(colon + 1, length));
    at_ = colon + 1 + length;
    return out;
  }
  bool AtOption(char c) {
    while (at_ < s_.size() && s_[at_] == ' ') ++at_;
    if (at_ < s_.size() && s_[at_] == c && (at_ + 1 == s_.size() || s_[at_ + 1] == ' ')) {
      ++at_;
      return true;
    }
    return false;
  }

 private:
  std::string_view s_;
  size_t at_ = 0;
};

}  // namespace

void AppendCounted(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out.append(value);
}

std::string ColumnProfileSpec(const std::vector<ColumnProfileRequest>& requests) {
  std::string spec;
  for (size_t i = 0; i < requests.size(); ++i) {
    const ColumnProfileRequest& r = requests[i];
    std::string ops = "n";
    if (r.empty) ops += " e";
    for (FormatKind f : r.formats) ops += std::string(" f:") + FormatName(f);
    if (r.stats_z) {
      char z[40];
      std::snprintf(z, sizeof z, "%.17g", *r.stats_z);
      ops += std::string(" s:") + z;
    }
    if (r.top) ops += " t";
    if (r.key_range) {
      ops += " o:" + std::to_string(r.key_range->first) + ":" + std::to_string(r.key_range->second);
    }
    spec += (i ? ";" : "") + ops;
  }
  return spec;
}

std::optional<std::vector<ColumnProfileRequest>> ParseColumnProfileSpec(std::string_view spec) {
  std::vector<ColumnProfileRequest> out;
  for (std::string_view column : Split(spec, ';')) {
    ColumnProfileRequest r;
    for (std::string_view op : Split(column, ' ')) {
      if (op == "n") continue;
      if (op == "e") {
        r.empty = true;
      } else if (op == "t") {
        r.top = true;
      } else if (op.substr(0, 2) == "f:") {
        std::optional<FormatKind> f = FormatFromName(op.substr(2));
        if (!f) return std::nullopt;
        r.formats.push_back(*f);
      } else if (op.substr(0, 2) == "s:") {
        r.stats_z = std::strtod(std::string(op.substr(2)).c_str(), nullptr);
      } else if (op.substr(0, 2) == "o:") {
        std::vector<std::string_view> bounds = Split(op.substr(2), ':');
        int64_t lo = 0, hi = 0;
        if (bounds.size() != 2 ||
            std::from_chars(bounds[0].data(), bounds[0].data() + bounds[0].size(), lo).ec !=
                std::errc() ||
            std::from_chars(bounds[1].data(), bounds[1].data() + bounds[1].size(), hi).ec !=
                std::errc()) {
          return std::nullopt;
        }
        r.key_range = std::make_pair(lo, hi);
      } else {
        return std::nullopt;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<std::vector<ColumnProfile>> ParseColumnProfiles(
    const std::vector<ColumnProfileRequest>& requests, std::string_view text) {
  Reader in(text);
  std::vector<ColumnProfile> out;
  for (const ColumnProfileRequest& r : requests) {
    ColumnProfile p;
    auto non_null = in.Int();
    if (!non_null) return std::nullopt;
    p.non_null = *non_null;
    if (r.empty) {
      auto v = in.Int();
      if (!v) return std::nullopt;
      p.empty = *v;
    }
    for (size_t f = 0; f < r.formats.size(); ++f) {
      auto v = in.Int();
      if (!v) return std::nullopt;
      p.invalid.push_back(*v);
    }
    if (r.stats_z) {
      auto n = in.Int();
      auto min = in.Real(), max = in.Real(), mean = in.Real(), sd = in.Real();
      auto outliers = in.Int();
      if (!n || !min || !max || !mean || !sd || !outliers) return std::nullopt;
      p.numeric = *n;
      p.min = *min;
      p.max = *max;
      p.mean = *mean;
      p.stddev = *sd;
      if (*outliers >= 0) p.outliers = *outliers;
    }
    if (r.top) {
      if (in.AtOption('G')) {
        p.top_gave_up = true;
      } else if (!in.AtOption('N')) {
        auto count = in.Int();
        auto value = in.Counted();
        if (!count || !value) return std::nullopt;
        p.top_count = *count;
        p.top_value = *value;
      }
    }
    if (r.key_range) {
      auto orphans = in.Int();
      auto example = in.Counted();
      if (!orphans || !example) return std::nullopt;
      p.orphans = *orphans;
      if (*orphans > 0) p.orphan_example = *example;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace sluice

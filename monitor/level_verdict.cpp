// Warn and fail levels against counts, percentages and change.
#include "monitor/level_verdict.h"

#include <cmath>

#include "monitor/anomaly.h"

namespace sluice {
namespace {

struct Applied {
  bool evaluated = false;
  bool breached = false;
  ExpectedRange expected;
};

// The passing side of `t` as a range of the metric that `t` reads.
ExpectedRange PassingRange(const Threshold& t, double scale, double offset) {
  ExpectedRange r;
  double bound = offset + scale * t.limit;
  bool upper = t.op == Threshold::Op::kGreater || t.op == Threshold::Op::kGreaterEqual;
  (upper ? r.high : r.low) = bound;
  return r;
}

Applied Apply(const Threshold& t, const Observation& o) {
  Applied a;
  switch (t.basis) {
    case Threshold::Basis::kValue:
      a.evaluated = true;
      a.breached = t.Breached(o.value);
      a.expected = PassingRange(t, 1, 0);
      a.expected.method = "level " + t.text;
      break;
    case Threshold::Basis::kPercent: {
      a.evaluated = true;
      double observed = o.percent.value_or(o.value);
      a.breached = t.Breached(observed);
      a.expected = PassingRange(t, 1, 0);
      a.expected.method = "level " + t.text;
      break;
    }
    case Threshold::Basis::kChange: {
      if (o.history == nullptr || o.history->empty()) break;
      HistoryStats s = Summarize(*o.history);
      if (s.mean == 0) break;
      a.evaluated = true;
      double change = (o.history_value - s.mean) / std::fabs(s.mean) * 100;
      a.breached = t.Breached(change);
      a.expected = PassingRange(t, std::fabs(s.mean) / 100, s.mean);
      a.expected.method = "level " + t.text + " against the mean " + FormatNumber(s.mean) +
                          " of the last " + std::to_string(o.history->size()) + " runs";
      break;
    }
  }
  return a;
}

}  // namespace

LevelVerdict ApplyLevels(const Levels& levels, const Observation& o) {
  LevelVerdict v;
  std::optional<ExpectedRange> passing;
  for (auto [level, status, name] : {std::tuple{&levels.fail, Status::kFail, "fail"},
                                     std::tuple{&levels.warn, Status::kWarning, "warn"}}) {
    if (!*level) continue;
    Applied a = Apply(**level, o);
    if (!a.evaluated) continue;
    if (a.breached) {
      v.status = status;
      v.breached = std::string(name) + " level " + (*level)->text;
      v.expected = a.expected;
      return v;
    }
    passing = a.expected;  // the warn level, checked last, is the tighter one
    v.status = Status::kPass;
  }
  v.expected = passing;
  return v;
}

}  // namespace sluice

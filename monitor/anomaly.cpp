// z-score and relative-change detectors.
#include "monitor/anomaly.h"

#include <cmath>

#include "monitor/threshold.h"

namespace sluice {

HistoryStats Summarize(const std::vector<double>& values) {
  HistoryStats s;
  if (values.empty()) return s;
  for (double v : values) s.mean += v;
  s.mean /= static_cast<double>(values.size());
  if (values.size() < 2) return s;
  double sum = 0;
  for (double v : values) sum += (v - s.mean) * (v - s.mean);
  s.stddev = std::sqrt(sum / static_cast<double>(values.size() - 1));
  return s;
}

std::optional<Anomaly> DetectAnomaly(double value, const std::vector<double>& history,
                                     const AnomalySpec& spec) {
  if (!spec.enabled || history.empty() || static_cast<int>(history.size()) < spec.min_runs) {
    return std::nullopt;
  }
  HistoryStats s = Summarize(history);
  std::string runs = "the last " + std::to_string(history.size()) + " runs";
  // A deviation below a millionth of the level is float noise, not a change.
  double noise = 1e-6 * std::max(1.0, std::fabs(s.mean));
  if (s.stddev > noise && spec.zscore > 0) {
    double z = (value - s.mean) / s.stddev;
    if (std::fabs(z) > spec.zscore) {
      Anomaly a;
      a.expected.low = s.mean - spec.zscore * s.stddev;
      a.expected.high = s.mean + spec.zscore * s.stddev;
      a.expected.method = "z-score over " + runs + ": mean " + FormatNumber(s.mean) + ", stddev " +
                          FormatNumber(s.stddev) + ", |z| <= " + FormatNumber(spec.zscore);
      a.reason = "z = " + FormatNumber(z);
      return a;
    }
  }
  if (spec.change_pct > 0 && std::fabs(s.mean) > noise) {
    double change = (value - s.mean) / std::fabs(s.mean) * 100;
    if (std::fabs(change) > spec.change_pct) {
      Anomaly a;
      double band = std::fabs(s.mean) * spec.change_pct / 100;
      a.expected.low = s.mean - band;
      a.expected.high = s.mean + band;
      a.expected.method = "relative change against the mean " + FormatNumber(s.mean) + " of " +
                          runs + ", |change| <= " + FormatNumber(spec.change_pct) + "%";
      a.reason = "change " + FormatNumber(change) + "%";
      return a;
    }
  }
  return std::nullopt;
}

}  // namespace sluice

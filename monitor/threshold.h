// One warn or fail level of a check: "> 5%", ">= 100", "< 1000", "> 24h",
// "change < -30%" (relative change against the mean of the last runs).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice {

struct Threshold {
  // What the number is compared with: the measured value (a count, hours of age, a row
  // count), its share of the rows in percent, or its relative change in percent against
  // the mean of the same metric over the last runs.
  enum class Basis { kValue, kPercent, kChange };
  enum class Op { kGreater, kGreaterEqual, kLess, kLessEqual };

  Basis basis = Basis::kValue;
  Op op = Op::kGreater;
  double limit = 0;
  std::string text;  // as the user wrote it, for messages

  bool Breached(double observed) const;
  // The range of `observed` that does not breach this level: "<= 5", ">= -30".
  std::string PassingRange() const;
};

// Parses a level. Durations ("24h", "2d", "30m", "90s") become hours. Returns nullopt and sets
// `error` when the text is not a level.
std::optional<Threshold> ParseThreshold(std::string_view text, std::string& error);

// Warn and fail levels of one check; either may be absent.
struct Levels {
  std::optional<Threshold> warn, fail;
  bool Any() const { return warn || fail; }
};

// A number as a report shows it: integers without a fraction, others with up to 4 significant
// decimals ("3.0341", "12", "0.0012").
std::string FormatNumber(double v);

}  // namespace sluice

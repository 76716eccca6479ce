// Parsing and applying warn/fail levels.
#include "monitor/threshold.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace sluice {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

bool Threshold::Breached(double v) const {
  switch (op) {
    case Op::kGreater:
      return v > limit;
    case Op::kGreaterEqual:
      return v >= limit;
    case Op::kLess:
      return v < limit;
    case Op::kLessEqual:
      return v <= limit;
  }
  return false;
}

std::string Threshold::PassingRange() const {
  // The complement of the breaching side.
  static const char* kComplement[] = {"<=", "<", ">=", ">"};
  return std::string(kComplement[static_cast<int>(op)]) + " " + FormatNumber(limit);
}

std::optional<Threshold> ParseThreshold(std::string_view text, std::string& error) {
  Threshold t;
  t.text = std::string(Trim(text));
  std::string_view s = Trim(text);
  if (s.substr(0, 6) == "change") {
    t.basis = Threshold::Basis::kChange;
    s = Trim(s.substr(6));
  }
  if (s.substr(0, 2) == ">=") {
    t.op = Threshold::Op::kGreaterEqual;
    s.remove_prefix(2);
  } else if (s.substr(0, 2) == "<=") {
    t.op = Threshold::Op::kLessEqual;
    s.remove_prefix(2);
  } else if (s.substr(0, 1) == ">") {
    t.op = Threshold::Op::kGreater;
    s.remove_prefix(1);
  } else if (s.substr(0, 1) == "<") {
    t.op = Threshold::Op::kLess;
    s.remove_prefix(1);
  } else {
    error = "a level starts with >, >=, < or <= (after an optional 'change'), e.g. \"> 5%\"";
    return std::nullopt;
  }
  s = Trim(s);
  const char* end = s.data() + s.size();
  auto [stop, ec] = std::from_chars(s.data(), end, t.limit);
  if (ec != std::errc() || !std::isfinite(t.limit)) {
    error = "a level needs a number after the comparison, e.g. \"> 5%\"";
    return std::nullopt;
  }
  std::string_view unit = Trim(std::string_view(stop, static_cast<size_t>(end - stop)));
  if (unit == "%") {
    if (t.basis != Threshold::Basis::kChange) t.basis = Threshold::Basis::kPercent;
  } else if (t.basis == Threshold::Basis::kChange) {
    error = "a change level is a percentage, e.g. \"change < -30%\"";
    return std::nullopt;
  } else if (unit == "s") {
    t.limit /= 3600;
  } else if (unit == "m") {
    t.limit /= 60;
  } else if (unit == "d") {
    t.limit *= 24;
  } else if (unit != "h" && !unit.empty()) {
    error = "unknown unit '" + std::string(unit) + "' (known: %, s, m, h, d)";
    return std::nullopt;
  }
  return t;
}

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "n/a";
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[64];
  double magnitude = std::fabs(v);
  int decimals = magnitude >= 100 ? 2 : magnitude >= 1 ? 4 : 6;
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace sluice

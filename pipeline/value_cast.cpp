// Casting canonical text to typed values with exact decimals (never through double).
#include "pipeline/value_cast.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>

namespace sluice {
namespace {

std::string Quoted(std::string_view text) {
  std::string s(text.substr(0, 60));
  if (text.size() > 60) s += "...";
  return "'" + s + "'";
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool ParseDate(std::string_view s, int64_t& days, std::string& reason) {
  int64_t y, m, d;
  if (s.size() < 10 || !ParseDigits(s, 0, 4, y) || s[4] != '-' || !ParseDigits(s, 5, 2, m) ||
      s[7] != '-' || !ParseDigits(s, 8, 2, d)) {
    reason = "not a date (expected YYYY-MM-DD): " + Quoted(s);
    return false;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) {
    reason = "no such date: " + Quoted(s.substr(0, 10));
    return false;
  }
  days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

bool ParseDecimal(std::string_view s, int scale, int precision, int64_t& out, std::string& reason) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  __extension__ __int128 value = 0;
  int int_digits = 0, frac_digits = 0;
  bool seen_point = false, any = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      reason = "not a decimal number: " + Quoted(s);
      return false;
    }
    any = true;
    if (seen_point) {
      if (frac_digits == scale) {
        if (c != '0') {
          reason = "more than " + std::to_string(scale) + " decimal places: " + Quoted(s);
          return false;
        }
        continue;
      }
      ++frac_digits;
    } else if (value != 0 || c != '0') {
      ++int_digits;
    }
    value = value * 10 + (c - '0');
    if (int_digits > precision - scale) {
      reason = "too many digits for decimal(" + std::to_string(precision) + "," +
               std::to_string(scale) + "): " + Quoted(s);
      return false;
    }
  }
  if (!any) {
    reason = "not a decimal number: " + Quoted(s);
    return false;
  }
  for (; frac_digits < scale; ++frac_digits) value *= 10;
  out = static_cast<int64_t>(negative ? -value : value);
  return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

bool CastToInt(std::string_view s, const DataType& type, int64_t& out, std::string& reason) {
  switch (type.id) {
    case TypeId::kInteger: {
      std::string_view t = s;
      if (!t.empty() && t.front() == '+') t.remove_prefix(1);
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
      if (ec == std::errc::result_out_of_range) {
        reason = "integer out of range: " + Quoted(s);
        return false;
      }
      if (ec != std::errc() || end != t.data() + t.size() || t.empty()) {
        reason = "not an integer: " + Quoted(s);
        return false;
      }
      return true;
    }
    case TypeId::kDecimal:
      return ParseDecimal(s, type.scale, type.precision, out, reason);
    case TypeId::kBoolean: {
      std::string lower;
      for (char c : s) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (lower == "1" || lower == "true" || lower == "t" || lower == "yes" || lower == "y") {
        out = 1;
        return true;
      }
      if (lower == "0" || lower == "false" || lower == "f" || lower == "no" || lower == "n") {
        out = 0;
        return true;
      }
      reason = "not a boolean: " + Quoted(s);
      return false;
    }
    case TypeId::kDate:
      if (s.size() != 10) {
        reason = "not a date (expected YYYY-MM-DD): " + Quoted(s);
        return false;
      }
      return ParseDate(s, out, reason);
    case TypeId::kTimestamp: {
      // YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|(+|-)HH[[:]MM]], stored in UTC.
      int64_t offset_minutes = 0;
      if (size_t tz = s.size() > 11 ? s.find_first_of("Z+-", 11) : std::string_view::npos;
          tz != std::string_view::npos) {
        std::string_view zone = s.substr(tz);
        int64_t oh = 0, om = 0;
        bool ok = zone == "Z";
        if (!ok && zone.size() >= 3 && ParseDigits(zone, 1, 2, oh)) {
          std::string_view rest = zone.substr(3);
          if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
          ok = rest.empty() || (rest.size() == 2 && ParseDigits(rest, 0, 2, om));
          ok = ok && oh <= 23 && om <= 59;
          offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
        }
        if (!ok) {
          reason = "not a timestamp (bad time zone offset): " + Quoted(s);
          return false;
        }
        s = s.substr(0, tz);
      }
      int64_t days;
      if (!ParseDate(s, days, reason)) {
        reason = "not a timestamp (expected YYYY-MM-DD HH:MM:SS): " + Quoted(s);
        return false;
      }
      int64_t h = 0, mi = 0, sec = 0, micros = 0;
      if (s.size() > 10) {
        bool ok = (s[10] == ' ' || s[10] == 'T') && ParseDigits(s, 11, 2, h) && s.size() >= 16 &&
                  s[13] == ':' && ParseDigits(s, 14, 2, mi);
        size_t pos = 16;
        if (ok && s.size() > 16) {
          ok = s[16] == ':' && ParseDigits(s, 17, 2, sec);
          pos = 19;
          if (ok && s.size() > 19) {
            ok = s[19] == '.' && s.size() > 20 && s.size() <= 26;
            int64_t frac = 0;
            size_t n = s.size() - 20;
            ok = ok && ParseDigits(s, 20, n, frac);
            for (; ok && n < 6; ++n) frac *= 10;
            micros = frac;
            pos = s.size();
          }
        }
        if (!ok || pos != s.size() || h > 23 || mi > 59 || sec > 59) {
          reason = "not a timestamp (expected YYYY-MM-DD HH:MM:SS): " + Quoted(s);
          return false;
        }
      }
      out = ((days * 24 + h) * 60 + mi - offset_minutes) * 60 * 1000000 + sec * 1000000 + micros;
      return true;
    }
    case TypeId::kText:
    case TypeId::kDouble:
      break;
  }
  reason = "internal: not an integer-backed type";
  return false;
}

bool CastToReal(std::string_view s, double& out, std::string& reason) {
  std::string_view t = s;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  auto r = fast_float::from_chars(t.data(), t.data() + t.size(), out);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || t.empty() || !std::isfinite(out)) {
    reason = "not a number: " + Quoted(s);
    return false;
  }
  return true;
}

namespace {

// Appends `width` digits of v (zero-padded), or all of them when width is 0. Hand-written:
// writers format every decimal and date they bind, and snprintf showed up in profiles.
void AppendDigits(std::string& out, uint64_t v, int width) {
  char buf[24];
  char* first = buf + sizeof buf;
  do {
    *--first = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (buf + sizeof buf - first < width) *--first = '0';
  out.append(first, buf + sizeof buf);  // one append: a push_back a digit showed in profiles
}

// A timestamp (microseconds since 1970) as its day and the microseconds into that day (>= 0).
void SplitTimestamp(int64_t micros, int64_t& days, int64_t& micros_of_day) {
  constexpr int64_t kPerDay = 86400LL * 1000000;
  days = micros / kPerDay;
  micros_of_day = micros % kPerDay;
  if (micros_of_day < 0) {
    micros_of_day += kPerDay;
    --days;
  }
}

}  // namespace

void FormatInt(int64_t v, const DataType& type, std::string& out) {
  out.clear();
  const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  switch (type.id) {
    case TypeId::kDecimal: {
      if (v < 0) out += '-';
      if (type.scale == 0) {
        AppendDigits(out, magnitude, 0);
        return;
      }
      uint64_t pow10 = 1;
      for (int i = 0; i < type.scale; ++i) pow10 *= 10;
      AppendDigits(out, magnitude / pow10, 0);
      out += '.';
      AppendDigits(out, magnitude % pow10, type.scale);
      return;
    }
    case TypeId::kDate:
    case TypeId::kTimestamp: {
      int64_t days = v;
      int64_t micros = 0;
      if (type.id == TypeId::kTimestamp) SplitTimestamp(v, days, micros);
      int64_t y;
      unsigned m, d;
      CivilFromDays(days, y, m, d);
      if (y < 0) out += '-';
      AppendDigits(out, static_cast<uint64_t>(y < 0 ? -y : y), 4);
      out += '-';
      AppendDigits(out, m, 2);
      out += '-';
      AppendDigits(out, d, 2);
      if (type.id == TypeId::kTimestamp) {
        const int64_t secs = micros / 1000000;
        out += ' ';
        AppendDigits(out, static_cast<uint64_t>(secs / 3600), 2);
        out += ':';
        AppendDigits(out, static_cast<uint64_t>(secs / 60 % 60), 2);
        out += ':';
        AppendDigits(out, static_cast<uint64_t>(secs % 60), 2);
        if (micros % 1000000 != 0) {
          out += '.';
          AppendDigits(out, static_cast<uint64_t>(micros % 1000000), 6);
        }
      }
      return;
    }
    default:
      if (v < 0) out += '-';
      AppendDigits(out, magnitude, 0);
  }
}

}  // namespace sluice

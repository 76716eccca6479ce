// Built-in value formats as predicates and as regular expressions.
#include "monitor/value_formats.h"

#include <cctype>

namespace sluice {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `at` into `value`.
bool Digits(std::string_view v, size_t at, size_t n, int& value) {
  if (at + n > v.size()) return false;
  value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!Digit(v[i])) return false;
    value = value * 10 + (v[i] - '0');
  }
  return true;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && LeapYear(y) ? 29 : kDays[m - 1];
}

// "HH:MM[:SS[.fraction]]" then an optional zone, to the end of `v`.
bool IsTimeText(std::string_view v) {
  int h = 0, m = 0, s = 0;
  if (!Digits(v, 0, 2, h) || h > 23 || v.size() < 5 || v[2] != ':' || !Digits(v, 3, 2, m) ||
      m > 59) {
    return false;
  }
  size_t at = 5;
  if (at < v.size() && v[at] == ':') {
    if (!Digits(v, at + 1, 2, s) || s > 59) return false;
    at += 3;
    if (at < v.size() && v[at] == '.') {
      size_t digits = 0;
      while (at + 1 + digits < v.size() && Digit(v[at + 1 + digits])) ++digits;
      if (digits == 0) return false;
      at += 1 + digits;
    }
  }
  std::string_view zone = v.substr(at);
  if (zone.empty() || zone == "Z") return true;
  if (zone[0] != '+' && zone[0] != '-') return false;
  int zh = 0, zm = 0;
  if (!Digits(zone, 1, 2, zh) || zh > 23) return false;
  if (zone.size() == 3) return true;
  size_t mm = zone[3] == ':' ? 4 : 3;
  return zone.size() == mm + 2 && Digits(zone, mm, 2, zm) && zm <= 59;
}

}  // namespace

bool IsEmailText(std::string_view v) {
  size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || v.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (unsigned char c : v) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  std::string_view domain = v.substr(at + 1);
  return !domain.empty() && domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

bool IsPhoneText(std::string_view v) {
  size_t digits = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (Digit(c)) {
      ++digits;
    } else if (!(c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' ||
                 (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 7 && digits <= 15;
}

bool IsIsoDateText(std::string_view v) {
  int y = 0, m = 0, d = 0;
  if (!Digits(v, 0, 4, y) || v.size() < 10 || v[4] != '-' || !Digits(v, 5, 2, m) || v[7] != '-' ||
      !Digits(v, 8, 2, d)) {
    return false;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  if (v.size() == 10) return true;
  return (v[10] == ' ' || v[10] == 'T') && IsTimeText(v.substr(11));
}

bool IsNumberText(std::string_view v) {
  size_t i = 0, n = v.size();
  while (i < n && (v[i] == ' ' || v[i] == '\t')) ++i;
  while (n > i && (v[n - 1] == ' ' || v[n - 1] == '\t')) --n;
  if (i < n && (v[i] == '+' || v[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && Digit(v[i])) ++i, ++int_digits;
  if (i < n && v[i] == '.') {
    ++i;
    while (i < n && Digit(v[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < n && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < n && (v[i] == '+' || v[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < n && Digit(v[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

bool MatchesFormat(FormatKind kind, std::string_view v) {
  switch (kind) {
    case FormatKind::kEmail:
      return IsEmailText(v);
    case FormatKind::kPhone:
      return IsPhoneText(v);
    case FormatKind::kDate:
      return IsIsoDateText(v);
    case FormatKind::kNumber:
      return IsNumberText(v);
    case FormatKind::kRegex:
      break;
  }
  return true;
}

const char* FormatRegex(FormatKind kind) {
  switch (kind) {
    case FormatKind::kEmail:
      return "^[^@\\x01-\\x20\\x7f]+@[^@.\\x01-\\x20\\x7f]+(\\.[^@.\\x01-\\x20\\x7f]+)+$";
    case FormatKind::kPhone:
      return "^\\+?[ ().-]*([0-9][ ().-]*){7,15}$";
    case FormatKind::kDate:
      return "^([0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|"
             "(0[13578]|1[02])-31)|([0-9]{2}(0[48]|[2468][048]|[13579][26])|"
             "(0[48]|[2468][048]|[13579][26])00)-02-29)"
             "([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?"
             "(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?$";
    case FormatKind::kNumber:
      return "^[ \\t]*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?[ \\t]*$";
    case FormatKind::kRegex:
      break;
  }
  return "";
}

const char* FormatName(FormatKind kind) {
  switch (kind) {
    case FormatKind::kEmail:
      return "email";
    case FormatKind::kPhone:
      return "phone";
    case FormatKind::kDate:
      return "date";
    case FormatKind::kNumber:
      return "number";
    case FormatKind::kRegex:
      return "regex";
  }
  return "regex";
}

}  // namespace sluice

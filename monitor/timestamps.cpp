// UTC formatting and ISO 8601 parsing with std::chrono's calendar.
#include "monitor/timestamps.h"

#include <cstdio>

#include "monitor/value_formats.h"

namespace sluice {
namespace {

int Number(std::string_view v, size_t at, size_t n) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) value = value * 10 + (v[i] - '0');
  return value;
}

}  // namespace

std::string FormatUtc(SystemTime t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<std::chrono::seconds> hms{
      std::chrono::floor<std::chrono::seconds>(t - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string FormatRunStamp(SystemTime t) {
  std::string s = FormatUtc(t);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    t - std::chrono::floor<std::chrono::seconds>(t))
                    .count();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4s%.2s%.2sT%.2s%.2s%.2s.%06lldZ", s.c_str(), s.c_str() + 5,
                s.c_str() + 8, s.c_str() + 11, s.c_str() + 14, s.c_str() + 17,
                static_cast<long long>(micros));
  return buf;
}

std::optional<SystemTime> ParseTimestamp(std::string_view v) {
  if (!IsIsoDateText(v)) return std::nullopt;
  using namespace std::chrono;
  sys_days day =
      year_month_day{year{Number(v, 0, 4)}, month{static_cast<unsigned>(Number(v, 5, 2))},
                     std::chrono::day{static_cast<unsigned>(Number(v, 8, 2))}};
  SystemTime t = day;
  if (v.size() == 10) return t;
  std::string_view time = v.substr(11);
  t += hours{Number(time, 0, 2)} + minutes{Number(time, 3, 2)};
  size_t at = 5;
  if (at < time.size() && time[at] == ':') {
    t += seconds{Number(time, at + 1, 2)};
    at += 3;
    if (at < time.size() && time[at] == '.') {
      size_t digits = 0;
      int64_t micros = 0;
      for (++at; at < time.size() && time[at] >= '0' && time[at] <= '9'; ++at, ++digits) {
        if (digits < 6) micros = micros * 10 + (time[at] - '0');
      }
      for (; digits < 6; ++digits) micros *= 10;
      t += microseconds{micros};
    }
  }
  std::string_view zone = time.substr(at);
  if (!zone.empty() && zone != "Z") {
    int sign = zone[0] == '-' ? -1 : 1;
    minutes offset = hours{Number(zone, 1, 2)};
    if (zone.size() > 3) offset += minutes{Number(zone, zone[3] == ':' ? 4 : 3, 2)};
    t -= sign * offset;
  }
  return t;
}

}  // namespace sluice

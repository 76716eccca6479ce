// DateNormalizer: each listed format is read by date::parse (the reference) or, for the fixed
// numeric shapes, by a hand-written reader that gives the same answers or defers to date::parse;
// ISO 8601 has its own strict reader. Readings are then range-checked and moved between zones.
#include "transforms/date_normalizer.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdint>
#include <istream>
#include <streambuf>

#include "transforms/text_utf8.h"

namespace sluice {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// What one format read from a value, before any range check.
struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int micros = 0;
  bool has_time = false;
  bool has_offset = false;
  int offset_minutes = 0;
};

// A checked reading in the output zone: days since 1970-01-01 and the time of day.
struct Reading {
  int64_t days = 0;
  int64_t micros = 0;
};

enum class Piece : uint8_t {
  kLiteral,
  kSpace,
  kYear,
  kShortYear,
  kMonth,
  kMonthName,
  kDay,
  kHour,
  kMinute,
  kSecond,
};

struct Token {
  Piece piece;
  char literal = 0;
};

enum class FastRead { kMatch, kNoMatch, kDefer };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// The C locale's isspace, which date::parse uses for a space in the format.
bool IsCSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int PivotYear(int two_digits, int pivot_year) {
  int year = pivot_year - pivot_year % 100 + two_digits;
  return year < pivot_year ? year + 100 : year;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsCSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsCSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string TwoDigits(int v) {
  return {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
}

// A year of 1..9999 as four digits.
std::string YearText(int y) {
  std::string text = std::to_string(y);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

// Reads 1 to `max` digits greedily, as date::parse does for a numeric field.
bool ReadDigits(std::string_view s, size_t& pos, int max, int& value) {
  int count = 0;
  value = 0;
  while (count < max && pos < s.size() && IsDigit(s[pos])) {
    value = value * 10 + (s[pos++] - '0');
    ++count;
  }
  return count > 0;
}

// Exactly `count` digits at `pos`.
bool FixedDigits(std::string_view s, size_t pos, int count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (int i = 0; i < count; ++i) {
    if (!IsDigit(s[pos + i])) return false;
    value = value * 10 + (s[pos + i] - '0');
  }
  return true;
}

// A full English month name or its three-letter abbreviation, any case; 0 for anything else.
int MonthFromName(std::string_view name) {
  static constexpr std::string_view kNames[] = {"JANUARY",   "FEBRUARY", "MARCH",    "APRIL",
                                                "MAY",       "JUNE",     "JULY",     "AUGUST",
                                                "SEPTEMBER", "OCTOBER",  "NOVEMBER", "DECEMBER"};
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kNames[m];
    if (name.size() != 3 && name.size() != full.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) same = Upper(name[i]) == full[i];
    if (same) return m + 1;
  }
  return 0;
}

// The hand-written reader. It answers only where it knows date::parse's answer: a sign before a
// number, an odd seconds field or a word that is not plainly a month name go to date::parse.
FastRead ReadFast(const std::vector<Token>& tokens, std::string_view s, int pivot_year, Fields& f) {
  size_t pos = 0;
  const size_t n = s.size();
  for (const Token& token : tokens) {
    int value = 0;
    switch (token.piece) {
      case Piece::kLiteral:
        if (pos >= n || s[pos] != token.literal) return FastRead::kNoMatch;
        ++pos;
        break;
      case Piece::kSpace:
        while (pos < n && IsCSpace(s[pos])) ++pos;
        break;
      case Piece::kYear:
      case Piece::kMonth:
      case Piece::kDay:
        if (pos < n && (s[pos] == '+' || s[pos] == '-')) return FastRead::kDefer;
        if (!ReadDigits(s, pos, token.piece == Piece::kYear ? 4 : 2, value)) {
          return FastRead::kNoMatch;
        }
        (token.piece == Piece::kYear    ? f.year
         : token.piece == Piece::kMonth ? f.month
                                        : f.day) = value;
        break;
      case Piece::kShortYear:
        if (!ReadDigits(s, pos, 2, value)) return FastRead::kNoMatch;
        f.year = PivotYear(value, pivot_year);
        break;
      case Piece::kHour:
      case Piece::kMinute:
        if (!ReadDigits(s, pos, 2, value)) return FastRead::kNoMatch;
        (token.piece == Piece::kHour ? f.hour : f.minute) = value;
        f.has_time = true;
        break;
      case Piece::kSecond: {
        if (pos >= n || !(IsDigit(s[pos]) || s[pos] == '.')) return FastRead::kNoMatch;
        if (!FixedDigits(s, pos, 2, f.second)) return FastRead::kDefer;
        pos += 2;
        f.micros = 0;
        if (pos < n && s[pos] == '.') {
          int digits = 0;
          for (++pos; digits < 6 && pos < n && IsDigit(s[pos]); ++pos, ++digits) {
            f.micros = f.micros * 10 + (s[pos] - '0');
          }
          if (digits == 0) return FastRead::kDefer;
          for (int i = digits; i < 6; ++i) f.micros *= 10;
        }
        if (pos < n && (IsDigit(s[pos]) || s[pos] == '.')) return FastRead::kDefer;
        f.has_time = true;
        break;
      }
      case Piece::kMonthName: {
        const size_t start = pos;
        while (pos < n && IsAsciiLetter(s[pos])) ++pos;
        if (pos == start) return FastRead::kNoMatch;
        if (std::string_view("JFMASOND").find(Upper(s[start])) == std::string_view::npos) {
          return FastRead::kNoMatch;
        }
        f.month = MonthFromName(s.substr(start, pos - start));
        if (f.month == 0) return FastRead::kDefer;
        break;
      }
    }
  }
  return pos == n ? FastRead::kMatch : FastRead::kNoMatch;
}

// An istream over a string_view, so date::parse reads the value without copying it.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view s) {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

// The reference reader: date::parse (from_stream into fields), which must consume everything.
// date.h rounds its seconds variable even when reading the seconds failed and the result is
// thrown away; GCC sees that through the inlining and warns, so the warning is silenced here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
bool ReadGeneral(const std::string& format, bool two_digit_year, int pivot_year, std::string_view s,
                 Fields& f) {
  ViewBuffer buffer(s);
  std::istream is(&buffer);
  date::fields<microseconds> fields{};
  minutes offset = minutes::min();
  date::from_stream(is, format.c_str(), fields, static_cast<std::string*>(nullptr), &offset);
  if (is.fail() || is.peek() != std::char_traits<char>::eof()) return false;
  f.year = static_cast<int>(fields.ymd.year());
  f.month = static_cast<int>(static_cast<unsigned>(fields.ymd.month()));
  f.day = static_cast<int>(static_cast<unsigned>(fields.ymd.day()));
  // A month or day above 99 cannot come from digits: date::parse read a sign ("-1").
  if (f.month > 99 || f.day > 99) return false;
  if (two_digit_year) f.year = PivotYear((f.year % 100 + 100) % 100, pivot_year);
  if (fields.has_tod) {
    f.has_time = true;
    f.hour = static_cast<int>(fields.tod.hours().count());
    f.minute = static_cast<int>(fields.tod.minutes().count());
    f.second = static_cast<int>(fields.tod.seconds().count());
    f.micros = static_cast<int>(fields.tod.subseconds().count());
  }
  if (offset != minutes::min()) {
    f.has_offset = true;
    f.offset_minutes = static_cast<int>(offset.count());
  }
  return true;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// ISO 8601 extended format: YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)f+]][Z|z|±HH[[:]MM]]]. Digits
// past microseconds are dropped, never rounded, so a value never moves to the next second.
bool ReadIso(std::string_view s, Fields& f) {
  const size_t n = s.size();
  if (n < 10 || !FixedDigits(s, 0, 4, f.year) || s[4] != '-' || !FixedDigits(s, 5, 2, f.month) ||
      s[7] != '-' || !FixedDigits(s, 8, 2, f.day)) {
    return false;
  }
  if (n == 10) return true;
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n < 16 || !FixedDigits(s, 11, 2, f.hour) ||
      s[13] != ':' || !FixedDigits(s, 14, 2, f.minute)) {
    return false;
  }
  f.has_time = true;
  size_t pos = 16;
  if (pos < n && s[pos] == ':') {
    if (!FixedDigits(s, pos + 1, 2, f.second)) return false;
    pos += 3;
    if (pos < n && (s[pos] == '.' || s[pos] == ',')) {
      int digits = 0;
      for (++pos; pos < n && IsDigit(s[pos]); ++pos, ++digits) {
        if (digits < 6) f.micros = f.micros * 10 + (s[pos] - '0');
      }
      if (digits == 0) return false;
      for (int i = digits; i < 6; ++i) f.micros *= 10;
    }
  }
  if (pos == n) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    f.has_offset = true;
    return pos + 1 == n;
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  int hours = 0, mins = 0;
  if (!FixedDigits(s, pos + 1, 2, hours)) return false;
  pos += 3;
  if (pos < n) {
    if (s[pos] == ':') ++pos;
    if (!FixedDigits(s, pos, 2, mins) || pos + 2 != n || mins > 59) return false;
  }
  f.has_offset = true;
  f.offset_minutes = sign * (hours * 60 + mins);
  return true;
}

const date::time_zone* LocateZone(const std::string& name, const char* key) {
  if (name == "UTC" || name == "Etc/UTC") return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw DateNormalizer::OptionError(key,
                                      std::string(key) + ": unknown time zone '" + name +
                                          "' (expected an IANA name such as Europe/Berlin or UTC)");
  }
}

}  // namespace

struct DateNormalizer::Format {
  std::string text;           // as the job file wrote it, for date::parse and for reasons
  std::vector<Token> tokens;  // the hand-written reader's program, when `fast`
  bool fast = false;
  bool two_digit_year = false;  // reads %y without a century: the pivot decides
};

namespace {

// Parses one format string into tokens, refusing directives that cannot work here.
DateNormalizer::Format CompileFormat(const std::string& text) {
  static constexpr std::string_view kDirectives = "aAbBhCdeDFHIjmMnptrRSTuwyYz%";
  DateNormalizer::Format format;
  format.text = text;
  bool fast = true, has_year = false, has_short_year = false, has_century = false;
  int counts[static_cast<int>(Piece::kSecond) + 1] = {};
  auto add = [&](Piece piece, char literal = 0) {
    format.tokens.push_back({piece, literal});
    ++counts[static_cast<int>(piece == Piece::kShortYear ? Piece::kYear : piece)];
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '%') {
      if (IsCSpace(c)) {
        add(Piece::kSpace);
      } else {
        add(Piece::kLiteral, c);
      }
      continue;
    }
    const size_t start = i++;
    bool plain = true;  // no width and no E/O modifier
    for (; i < text.size() && IsDigit(text[i]); ++i) plain = false;
    if (i < text.size() && (text[i] == 'E' || text[i] == 'O')) {
      ++i;
      plain = false;
    }
    if (i >= text.size()) {
      throw DateNormalizer::OptionError(
          "formats",
          "format '" + text + "' ends inside the directive '" + text.substr(start) + "'");
    }
    const char d = text[i];
    if (d == 'Z') {
      throw DateNormalizer::OptionError(
          "formats", "format '" + text +
                         "': %Z (a zone abbreviation such as EST) is ambiguous; use %z for an "
                         "offset, or source_tz for the zone of the values");
    }
    if (kDirectives.find(d) == std::string_view::npos || (!plain && d == '%')) {
      throw DateNormalizer::OptionError(
          "formats", "format '" + text + "' has the unsupported directive '" +
                         text.substr(start, i + 1 - start) +
                         "' (supported: %Y %y %C %m %d %e %b %B %h %j %a %A %u %w %H %I %p %M "
                         "%S %z %F %T %R %D %r %n %t %%)");
    }
    fast = fast && plain;
    has_year |= d == 'Y' || d == 'F';
    has_short_year |= d == 'y' || d == 'D';
    has_century |= d == 'C';
    switch (d) {
      case 'Y':
        add(Piece::kYear);
        break;
      case 'y':
        add(Piece::kShortYear);
        break;
      case 'm':
        add(Piece::kMonth);
        break;
      case 'd':
      case 'e':
        add(Piece::kDay);
        break;
      case 'b':
      case 'B':
      case 'h':
        add(Piece::kMonthName);
        break;
      case 'H':
        add(Piece::kHour);
        break;
      case 'M':
        add(Piece::kMinute);
        break;
      case 'S':
        add(Piece::kSecond);
        break;
      case 'F':
        for (Piece p : {Piece::kYear, Piece::kMonth, Piece::kDay}) {
          if (p != Piece::kYear) add(Piece::kLiteral, '-');
          add(p);
        }
        break;
      case 'T':
      case 'R':
        for (Piece p : {Piece::kHour, Piece::kMinute, Piece::kSecond}) {
          if (p == Piece::kSecond && d == 'R') break;
          if (p != Piece::kHour) add(Piece::kLiteral, ':');
          add(p);
        }
        break;
      case '%':
        add(Piece::kLiteral, '%');
        break;
      default:
        fast = false;
        break;
    }
  }
  // A field given twice must agree with itself, which only date::parse checks.
  const int month_count =
      counts[static_cast<int>(Piece::kMonth)] + counts[static_cast<int>(Piece::kMonthName)];
  for (Piece p : {Piece::kYear, Piece::kDay, Piece::kHour, Piece::kMinute, Piece::kSecond}) {
    fast = fast && counts[static_cast<int>(p)] <= 1;
  }
  format.fast = fast && month_count <= 1;
  if (!format.fast) format.tokens.clear();
  format.two_digit_year = has_short_year && !has_year && !has_century;
  return format;
}

// The format must read back a full date it wrote itself, or it can never work.
void CheckFormatReadsDates(const DateNormalizer::Format& format, int pivot_year) {
  using namespace date::literals;
  const date::sys_seconds sample =
      date::sys_days{2021_y / 11 / 23} + std::chrono::hours{13} + minutes{45} + seconds{56};
  // date::format does not take widths ("%4Y"), so the sample is written without them.
  std::string writer;
  for (size_t i = 0; i < format.text.size(); ++i) {
    writer += format.text[i];
    if (format.text[i] != '%' || i + 1 == format.text.size()) continue;
    if (format.text[i + 1] == '%') {
      writer += format.text[++i];
      continue;
    }
    while (i + 1 < format.text.size() && IsDigit(format.text[i + 1])) ++i;
  }
  std::string written;
  Fields f;
  try {
    written = date::format(writer.c_str(), sample);
  } catch (const std::exception&) {
    written.clear();
  }
  const bool reads = !written.empty() &&
                     ReadGeneral(format.text, format.two_digit_year, pivot_year, written, f) &&
                     f.month == 11 && f.day == 23 && f.year % 100 == 21;
  if (!reads) {
    throw DateNormalizer::OptionError(
        "formats", "format '" + format.text +
                       "' does not read a full date (it needs a year, a month and a day; %I "
                       "needs %p)");
  }
}

// Writes the canonical text without allocating beyond `out`.
void WriteReading(const Reading& r, DateOptions::Output output, std::string& out) {
  const date::year_month_day ymd{date::sys_days{date::days{r.days}}};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  char buffer[32];
  char* p = buffer;
  auto two = [&p](int64_t v) {
    *p++ = static_cast<char>('0' + v / 10);
    *p++ = static_cast<char>('0' + v % 10);
  };
  two(y / 100);
  two(y % 100);
  *p++ = '-';
  two(m);
  *p++ = '-';
  two(d);
  if (output == DateOptions::Output::kTimestamp) {
    const int64_t secs = r.micros / kMicrosPerSecond;
    *p++ = ' ';
    two(secs / 3600);
    *p++ = ':';
    two(secs / 60 % 60);
    *p++ = ':';
    two(secs % 60);
    if (int64_t frac = r.micros % kMicrosPerSecond; frac != 0) {
      *p++ = '.';
      for (int64_t div = 100000; div > 0; div /= 10)
        *p++ = static_cast<char>('0' + frac / div % 10);
    }
  }
  out.assign(buffer, p);
}

std::string RenderReading(const Reading& r, DateOptions::Output output) {
  std::string text;
  WriteReading(r, output, text);
  return text;
}

// Range checks, then the move to UTC and on to the target zone. The first problem found for a
// value is the one its reason reports, so `reason` is only written while it is empty.
bool Resolve(const Fields& f, const DateOptions& options, const date::time_zone* source_zone,
             const date::time_zone* target_zone, Reading& reading, std::string& reason) {
  auto fail = [&reason](auto make) {
    if (reason.empty()) reason = make();
    return false;
  };
  if (f.month < 1 || f.month > 12) {
    return fail([&] { return "month " + std::to_string(f.month) + " is out of range 1..12"; });
  }
  if (f.year < 1 || f.year > 9999) {
    return fail([&] { return "year " + std::to_string(f.year) + " is out of range 1..9999"; });
  }
  const date::year_month_day ymd{date::year{f.year}, date::month{static_cast<unsigned>(f.month)},
                                 date::day{static_cast<unsigned>(f.day)}};
  if (f.day < 1 || !ymd.ok()) {
    return fail([&] {
      return "day " + std::to_string(f.day) + " is out of range for " + YearText(f.year) + "-" +
             TwoDigits(f.month);
    });
  }
  if (f.hour > 23) {
    return fail([&] { return "hour " + std::to_string(f.hour) + " is out of range 0..23"; });
  }
  if (f.minute > 59) {
    return fail([&] { return "minute " + std::to_string(f.minute) + " is out of range 0..59"; });
  }
  if (f.second > 59) {
    return fail([&] { return "second " + std::to_string(f.second) + " is out of range 0..59"; });
  }
  if (f.offset_minutes <= -24 * 60 || f.offset_minutes >= 24 * 60) {
    return fail([&] {
      const int a = f.offset_minutes < 0 ? -f.offset_minutes : f.offset_minutes;
      return std::string("offset ") + (f.offset_minutes < 0 ? "-" : "+") + TwoDigits(a / 60) + ":" +
             TwoDigits(a % 60) + " is out of range (at most 23:59)";
    });
  }
  const int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  const bool as_time =
      f.has_time || f.has_offset || options.output == DateOptions::Output::kTimestamp;
  if (!as_time) {
    reading = {days, 0};
    return true;
  }
  const int64_t local = days * kMicrosPerDay +
                        ((f.hour * 60 + f.minute) * 60 + f.second) * kMicrosPerSecond + f.micros;
  int64_t utc = local;
  if (f.has_offset) {
    utc = local - int64_t{f.offset_minutes} * 60 * kMicrosPerSecond;
  } else if (source_zone != nullptr) {
    const date::local_seconds at{seconds{FloorDiv(local, kMicrosPerSecond)}};
    const date::local_info info = source_zone->get_info(at);
    if (info.result == date::local_info::nonexistent) {
      Reading naive{days, local - days * kMicrosPerDay};
      return fail([&] {
        return RenderReading(naive, DateOptions::Output::kTimestamp) + " does not exist in " +
               options.source_tz + " (skipped by a daylight-saving change)";
      });
    }
    utc = local - info.first.offset.count() * kMicrosPerSecond;
  }
  int64_t result = utc;
  if (target_zone != nullptr) {
    const date::sys_seconds at{seconds{FloorDiv(utc, kMicrosPerSecond)}};
    result = utc + target_zone->get_info(at).offset.count() * kMicrosPerSecond;
  }
  reading.days = FloorDiv(result, kMicrosPerDay);
  reading.micros = result - reading.days * kMicrosPerDay;
  const int year =
      static_cast<int>(date::year_month_day{date::sys_days{date::days{reading.days}}}.year());
  if (year < 1 || year > 9999) {
    return fail([&] {
      return "year " + std::to_string(year) + " is out of range 1..9999 in " + options.target_tz;
    });
  }
  return true;
}

}  // namespace

DateNormalizer::DateNormalizer(DateOptions options) : options_(std::move(options)) {
  if (options_.formats.empty() && !options_.iso) {
    throw OptionError("formats", "no formats to read dates with: list formats or set iso: true");
  }
  if (options_.pivot_year < 1 || options_.pivot_year > 9900) {
    throw OptionError("pivot_year", "pivot_year must be between 1 and 9900, got " +
                                        std::to_string(options_.pivot_year));
  }
  for (const std::string& text : options_.formats) {
    if (text.empty()) throw OptionError("formats", "a format is empty");
    formats_.push_back(CompileFormat(text));
    CheckFormatReadsDates(formats_.back(), options_.pivot_year);
  }
  source_zone_ = LocateZone(options_.source_tz, "source_tz");
  target_zone_ = LocateZone(options_.target_tz, "target_tz");
  for (size_t i = 0; i < formats_.size(); ++i) {
    const bool last = i + 1 == formats_.size() && !options_.iso;
    expected_ += (i == 0 ? "" : last ? " or " : ", ") + formats_[i].text;
  }
  if (options_.iso) expected_ += formats_.empty() ? "ISO 8601" : " or ISO 8601";
}

DateNormalizer::~DateNormalizer() = default;
DateNormalizer::DateNormalizer(DateNormalizer&&) noexcept = default;
DateNormalizer& DateNormalizer::operator=(DateNormalizer&&) noexcept = default;

bool DateNormalizer::HasFastPath(size_t index) const {
  return index < formats_.size() && formats_[index].fast && options_.fast_path;
}

DateStatus DateNormalizer::Normalize(std::string_view in, std::string& out,
                                     std::string& reason) const {
  const bool timestamp = options_.output == DateOptions::Output::kTimestamp;
  const std::string_view s = TrimAscii(in);
  reason.clear();
  if (s.empty()) {
    reason = timestamp ? "empty timestamp" : "empty date";
    return DateStatus::kInvalid;
  }
  const size_t candidates = formats_.size() + (options_.iso ? 1 : 0);
  auto key = [&](const Reading& r) {
    return timestamp ? r.days * kMicrosPerDay + r.micros : r.days;
  };
  bool found = false;
  Reading first;
  size_t first_index = 0;
  for (size_t i = 0; i < candidates; ++i) {
    Fields f;
    bool read = false;
    if (i == formats_.size()) {
      read = ReadIso(s, f);
    } else {
      const Format& format = formats_[i];
      FastRead fast = FastRead::kDefer;
      if (format.fast && options_.fast_path) {
        fast = ReadFast(format.tokens, s, options_.pivot_year, f);
      }
      if (fast == FastRead::kDefer) {
        f = Fields{};
        read = ReadGeneral(format.text, format.two_digit_year, options_.pivot_year, s, f);
      } else {
        read = fast == FastRead::kMatch;
      }
    }
    Reading r;
    if (!read || !Resolve(f, options_, source_zone_, target_zone_, r, reason)) continue;
    if (!found) {
      found = true;
      first = r;
      first_index = i;
      if (options_.ambiguous == DateOptions::Ambiguity::kFirst) break;
    } else if (key(r) != key(first)) {
      auto label = [&](size_t index) {
        return index == formats_.size() ? std::string("ISO 8601")
                                        : "'" + formats_[index].text + "'";
      };
      reason = std::string("ambiguous ") + (timestamp ? "timestamp" : "date") + " " +
               QuoteForReason(s) + ": " + RenderReading(first, options_.output) + " by " +
               label(first_index) + " or " + RenderReading(r, options_.output) + " by " + label(i);
      return DateStatus::kAmbiguous;
    }
  }
  if (!found) {
    if (reason.empty()) {
      reason = std::string("not a ") + (timestamp ? "timestamp" : "date") + ": " +
               QuoteForReason(s) + " (expected " + expected_ + ")";
    }
    return DateStatus::kInvalid;
  }
  reason.clear();
  WriteReading(first, options_.output, out);
  return DateStatus::kOk;
}

}  // namespace sluice

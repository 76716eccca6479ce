// DateNormalizer: dates and timestamps in listed strftime-style formats or ISO 8601 to canonical
// text, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS[.ffffff]" in a target time zone (no offset suffix).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace date {
class time_zone;
}

namespace sluice {

struct DateOptions {
  enum class Ambiguity { kFirst, kReject, kFail };
  enum class Output { kDate, kTimestamp };

  // strftime-style formats (%Y %m %d %y %b %H %M %S %z ... as Howard Hinnant's date::parse reads
  // them), tried in order. As in date::parse, %Y takes 1 to 4 digits, numbers may have one digit
  // fewer than their width ("1/2/2020"), and %b takes English month names or their three-letter
  // abbreviations in any case (not "Sept"). Output years are 1..9999.
  std::vector<std::string> formats;
  // ISO 8601 (YYYY-MM-DD, then 'T' or ' ' and HH:MM[:SS[.f]] and Z / +HH:MM / +HHMM / +HH),
  // tried after the listed formats as if it were the last of them. Digits past microseconds are
  // dropped, not rounded.
  bool iso = true;
  // Two-digit years (%y) land in [pivot_year, pivot_year + 99]: 1970 reads 70..99 as 19xx and
  // 00..69 as 20xx.
  int pivot_year = 1970;
  // When two readings of a value give different results: kFirst takes the first; kReject and
  // kFail make Normalize return kAmbiguous (the transform rejects the row, or ends the run).
  Ambiguity ambiguous = Ambiguity::kFirst;
  std::string source_tz = "UTC";  // IANA zone of values without an offset
  std::string target_tz = "UTC";  // IANA zone of the output
  Output output = Output::kDate;
  // Read the fixed numeric formats by hand (tens of ns) instead of through date::parse; the
  // results are identical (tests and fuzzing compare them), so this exists for those checks.
  bool fast_path = true;
};

enum class DateStatus { kOk, kInvalid, kAmbiguous };

class DateNormalizer {
 public:
  // An option the normalizer cannot work with; `key` names it so the caller can point at it.
  struct OptionError : std::invalid_argument {
    OptionError(std::string option, const std::string& what)
        : std::invalid_argument(what), key(std::move(option)) {}
    std::string key;
  };

  // Compiles the formats and looks up the zones; throws OptionError for a bad format (unknown
  // directive, no full date, %Z), an unknown zone or a pivot year out of range.
  explicit DateNormalizer(DateOptions options);
  ~DateNormalizer();
  DateNormalizer(DateNormalizer&&) noexcept;
  DateNormalizer& operator=(DateNormalizer&&) noexcept;

  // Writes the canonical text of `in` (leading and trailing ASCII whitespace ignored) to `out`.
  // Otherwise sets `reason`: kInvalid for a value no format reads or an impossible date,
  // kAmbiguous for a value two formats read differently (only when ambiguous is not kFirst).
  // A calendar date without a time is never shifted between zones; a naive time is taken in
  // source_tz (in a daylight-saving overlap, the earlier instant; in a gap, invalid).
  // Thread-safe; allocates nothing beyond `out` for the fast-path formats and ISO.
  DateStatus Normalize(std::string_view in, std::string& out, std::string& reason) const;

  const DateOptions& options() const { return options_; }
  // Whether formats[index] is read by the hand-written path (the others go to date::parse).
  bool HasFastPath(size_t index) const;

  // A compiled format; defined in the .cpp, named here only so its helpers can build one.
  struct Format;

 private:
  DateOptions options_;
  std::vector<Format> formats_;
  const date::time_zone* source_zone_ = nullptr;  // nullptr: UTC, nothing to convert
  const date::time_zone* target_zone_ = nullptr;
  std::string expected_;  // "%Y-%m-%d, %m/%d/%Y or ISO 8601", for the no-match reason
};

}  // namespace sluice

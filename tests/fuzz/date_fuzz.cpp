// libFuzzer target: arbitrary bytes through DateNormalizer never crash, the hand-written fast
// path answers exactly as date::parse does (status, text and reason), and accepted values come
// out canonical and read back to themselves.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "transforms/date_normalizer.h"

namespace {

using sluice::DateNormalizer;
using sluice::DateOptions;
using sluice::DateStatus;

DateOptions Make(std::vector<std::string> formats, DateOptions::Output output, bool fast_path,
                 std::string source_tz = "UTC", std::string target_tz = "UTC") {
  DateOptions options;
  options.formats = std::move(formats);
  options.output = output;
  options.fast_path = fast_path;
  options.ambiguous = DateOptions::Ambiguity::kReject;  // every format gets a say
  options.source_tz = std::move(source_tz);
  options.target_tz = std::move(target_tz);
  return options;
}

// A fast-path normalizer and its date::parse-only twin.
struct Pair {
  DateNormalizer fast;
  DateNormalizer reference;
};

Pair MakePair(const std::vector<std::string>& formats, DateOptions::Output output,
              std::string source_tz = "UTC", std::string target_tz = "UTC") {
  return {DateNormalizer(Make(formats, output, true, source_tz, target_tz)),
          DateNormalizer(Make(formats, output, false, source_tz, target_tz))};
}

bool IsDigitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS with .ffffff only when it is not zero.
bool IsCanonical(std::string_view s, DateOptions::Output output) {
  const std::string_view shape =
      output == DateOptions::Output::kDate
          ? "DDDD-DD-DD"
          : (s.size() == 26 ? "DDDD-DD-DD DD:DD:DD.DDDDDD" : "DDDD-DD-DD DD:DD:DD");
  if (s.size() != shape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (shape[i] == 'D' ? !IsDigitAt(s, i) : s[i] != shape[i]) return false;
  }
  return s.size() != 26 || s.substr(20) != "000000";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr auto kDate = DateOptions::Output::kDate;
  constexpr auto kTimestamp = DateOptions::Output::kTimestamp;
  static const Pair kPairs[] = {
      MakePair({"%Y-%m-%d", "%m/%d/%Y", "%d-%b-%Y", "%Y/%m/%d", "%d.%m.%Y", "%b %d %Y", "%Y%m%d"},
               kDate),
      MakePair({"%Y-%m-%d %H:%M:%S", "%d/%m/%y %H:%M", "%F %T", "%e-%h-%y", "%d%b%Y", "%B %d, %Y"},
               kTimestamp, "America/New_York", "Europe/Berlin"),
      MakePair({"%a, %d %b %Y %H:%M:%S %z", "%Y-%j", "%d/%m/%Y %I:%M %p", "%4Y%2m%2d"}, kTimestamp),
  };
  static const DateNormalizer kIsoDate(Make({}, kDate, true));
  static const DateNormalizer kIsoTimestamp(Make({}, kTimestamp, true));
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const Pair& pair : kPairs) {
    std::string fast_out, fast_reason, reference_out, reference_reason;
    const DateStatus fast = pair.fast.Normalize(in, fast_out, fast_reason);
    const DateStatus reference = pair.reference.Normalize(in, reference_out, reference_reason);
    if (fast != reference || fast_reason != reference_reason) __builtin_trap();
    if (fast != DateStatus::kOk) {
      if (fast_reason.empty()) __builtin_trap();
      continue;
    }
    const DateOptions::Output output = pair.fast.options().output;
    if (fast_out != reference_out || !IsCanonical(fast_out, output)) __builtin_trap();
    const DateNormalizer& iso = output == kDate ? kIsoDate : kIsoTimestamp;
    std::string again, why;
    if (iso.Normalize(fast_out, again, why) != DateStatus::kOk || again != fast_out) {
      __builtin_trap();
    }
  }
  return 0;
}

// Times of a monitor run: UTC text as the history tables store it, and reading the newest
// value of a freshness column back into a point in time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

using SystemTime = std::chrono::system_clock::time_point;

// "YYYY-MM-DD HH:MM:SS" (UTC).
std::string FormatUtc(SystemTime t);
// "YYYYMMDDTHHMMSS.ffffffZ": sorts like the time it names.
std::string FormatRunStamp(SystemTime t);
// "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.f]]" with 'T' or ' ', and an optional zone (Z, +HH,
// +HH:MM); without a zone the time is taken as UTC. nullopt for anything else.
std::optional<SystemTime> ParseTimestamp(std::string_view text);

}  // namespace sluice

// The built-in formats a value is checked against (email, phone, ISO date, number), each as a
// C++ predicate, which SQLite runs as a registered function, and as a regular expression that
// PostgreSQL (~) and MariaDB (REGEXP) run: both say the same (tests/monitor pin it).
#pragma once

#include <string_view>

#include "monitor/monitor_spec.h"

namespace sluice {

// One '@' with something before it, a domain of dot-separated non-empty labels with at least
// one dot, no whitespace or control character (the pipeline's email rule).
bool IsEmailText(std::string_view v);
// An optional '+', then 7 to 15 digits with only spaces, '(', ')', '.', '-' between them.
bool IsPhoneText(std::string_view v);
// A real calendar date YYYY-MM-DD, optionally followed by ' ' or 'T', HH:MM[:SS[.fraction]]
// and a zone (Z, +HH, +HH:MM, +HHMM).
bool IsIsoDateText(std::string_view v);
// A decimal number: optional sign, digits with an optional fraction, optional exponent;
// surrounding blanks allowed. No thousands separators or currency signs.
bool IsNumberText(std::string_view v);

bool MatchesFormat(FormatKind kind, std::string_view v);
// The POSIX extended regular expression of a built-in format (not kRegex).
const char* FormatRegex(FormatKind kind);
const char* FormatName(FormatKind kind);

}  // namespace sluice

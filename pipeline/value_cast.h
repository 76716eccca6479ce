// Text -> typed values for a column's declared type, and typed values -> canonical text.
// The normalizers emit canonical text ("1200000.00", "2020-01-31"); this is the cheap last step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/types.h"

namespace sluice {

// Parses `text` as `type` into an int64 (integer, decimal scaled, boolean, date days,
// timestamp micros) or a double. Returns false with a reason a user can act on.
bool CastToInt(std::string_view text, const DataType& type, int64_t& out, std::string& reason);
bool CastToReal(std::string_view text, double& out, std::string& reason);

// Canonical text of a typed value (what the writers bind and the rejects show).
void FormatInt(int64_t value, const DataType& type, std::string& out);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t& y, unsigned& m, unsigned& d);

}  // namespace sluice

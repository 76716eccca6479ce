// Pins the built-in formats: what each accepts and refuses, and that the regular expression
// PostgreSQL and MariaDB run says the same as the predicate SQLite runs.
#include "monitor/value_formats.h"

#include <gtest/gtest.h>

#include <regex>

namespace sluice {
namespace {

struct Case {
  FormatKind kind;
  const char* value;
  bool valid;
};

const Case kCases[] = {
    {FormatKind::kEmail, "jane.doe@example.com", true},
    {FormatKind::kEmail, "j+tag@mail.example.co.uk", true},
    {FormatKind::kEmail, "zoë@exämple.de", true},
    {FormatKind::kEmail, "john.smith@", false},
    {FormatKind::kEmail, "no-at-sign.example.com", false},
    {FormatKind::kEmail, "two@@example.com", false},
    {FormatKind::kEmail, "a b@example.com", false},
    {FormatKind::kEmail, "@example.com", false},
    {FormatKind::kEmail, "a@localhost", false},
    {FormatKind::kEmail, "a@.example.com", false},
    {FormatKind::kEmail, "a@example.com.", false},
    {FormatKind::kEmail, "a@example..com", false},
    {FormatKind::kEmail, "a\t@example.com", false},
    {FormatKind::kPhone, "+1 555-123-4567", true},
    {FormatKind::kPhone, "(415) 555.0100", true},
    {FormatKind::kPhone, "0049 30 1234567", true},
    {FormatKind::kPhone, "123456", false},
    {FormatKind::kPhone, "1234567890123456", false},
    {FormatKind::kPhone, "call me", false},
    {FormatKind::kPhone, "555-CALL-NOW", false},
    {FormatKind::kPhone, "1+555 1234567", false},
    {FormatKind::kDate, "2024-02-29", true},
    {FormatKind::kDate, "2000-02-29", true},
    {FormatKind::kDate, "2023-12-31 23:59:59", true},
    {FormatKind::kDate, "2023-12-31T23:59:59.123456Z", true},
    {FormatKind::kDate, "2023-06-01 08:00+02:00", true},
    {FormatKind::kDate, "2023-06-01T08:00:00-0530", true},
    {FormatKind::kDate, "2023-02-29", false},
    {FormatKind::kDate, "1900-02-29", false},
    {FormatKind::kDate, "2023-02-30", false},
    {FormatKind::kDate, "2023-04-31", false},
    {FormatKind::kDate, "2023-13-01", false},
    {FormatKind::kDate, "31/12/2022", false},
    {FormatKind::kDate, "2023-1-5", false},
    {FormatKind::kDate, "2023-06-01 24:00", false},
    {FormatKind::kDate, "2023-06-01 12:00:00.", false},
    {FormatKind::kDate, "not a date", false},
    {FormatKind::kNumber, "12", true},
    {FormatKind::kNumber, "-12.50", true},
    {FormatKind::kNumber, " .5 ", true},
    {FormatKind::kNumber, "1e-3", true},
    {FormatKind::kNumber, "5.", true},
    {FormatKind::kNumber, "1,234.50", false},
    {FormatKind::kNumber, "$99.00", false},
    {FormatKind::kNumber, "N/A", false},
    {FormatKind::kNumber, ".", false},
    {FormatKind::kNumber, "1e", false},
};

TEST(ValueFormats, AcceptAndRefuseTheDocumentedShapes) {
  for (const Case& c : kCases) {
    EXPECT_EQ(MatchesFormat(c.kind, c.value), c.valid)
        << FormatName(c.kind) << " '" << c.value << "'";
  }
}

TEST(ValueFormats, RegexesAgreeWithThePredicates) {
  for (const Case& c : kCases) {
    std::regex re(FormatRegex(c.kind), std::regex::ECMAScript);
    EXPECT_EQ(std::regex_search(c.value, re), c.valid)
        << FormatName(c.kind) << " regex on '" << c.value << "'";
  }
}

}  // namespace
}  // namespace sluice

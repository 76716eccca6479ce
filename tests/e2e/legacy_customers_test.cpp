// The README's example end to end: generated messy legacy customers through the real binary
// and examples/legacy_customers.yaml into SQLite, compared row by row with what the
// generator says must land, and the rejects compared with the problems it planted.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

uint64_t SummaryCount(const std::string& json, const std::string& key) {
  std::smatch m;
  std::regex re("\"" + key + "\": *([0-9]+)");
  if (!std::regex_search(json, m, re)) return ~0ULL;
  return std::stoull(m[1]);
}

size_t CountOccurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(LegacyCustomers, TheExampleJobLandsExactlyWhatTheGeneratorExpects) {
  TempDir dir;
  CommandResult gen = RunCommand(
      std::string(SLUICE_GENERATOR) + " --rows 20000 --seed 11 --out " + dir.File("legacy.csv") +
      " --expected " + dir.File("expected.csv") + " --summary " + dir.File("summary.json"));
  ASSERT_EQ(gen.exit_code, 0) << gen.output;

  CommandResult run =
      RunCommand("cd " + dir.path() + " && env SLUICE_INPUT=" + dir.File("legacy.csv") +
                 " SLUICE_DB=" + dir.File("customers.db") + " " + SLUICE_BINARY + " run " +
                 SLUICE_SOURCE_DIR + "/examples/legacy_customers.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.output;

  std::vector<std::string> expected = ReadCsvRows(dir.File("expected.csv"));
  std::vector<std::string> landed = QuerySqlite(
      dir.File("customers.db"),
      "SELECT customer_id, name, industry, email, phone,"
      " CASE WHEN annual_revenue IS NULL THEN NULL ELSE printf('%.2f', annual_revenue) END,"
      " created_date, active FROM customers ORDER BY rowid");
  std::string summary = ReadFile(dir.File("summary.json"));
  ASSERT_EQ(expected.size(), SummaryCount(summary, "expected_written"));
  ASSERT_EQ(landed.size(), expected.size());
  size_t mismatches = 0;
  for (size_t i = 0; i < expected.size() && mismatches < 10; ++i) {
    if (landed[i] != expected[i]) {
      ++mismatches;
      ADD_FAILURE() << "row " << i << "\n  landed:   " << landed[i]
                    << "\n  expected: " << expected[i];
    }
  }
  EXPECT_EQ(mismatches, 0u);

  // Every row has a last_updated: the run's start, the same for all rows.
  EXPECT_EQ(QuerySqlite(dir.File("customers.db"),
                        "SELECT count(DISTINCT last_updated), count(last_updated) FROM customers"),
            std::vector<std::string>{"1|" + std::to_string(expected.size())});

  // The accounting identity, as printed, equals the generator's.
  auto printed = [&](const std::string& what) {
    std::smatch m;
    std::regex re("rows " + what + " +([0-9]+)");
    return std::regex_search(run.output, m, re) ? std::stoull(m[1]) : ~0ULL;
  };
  EXPECT_EQ(printed("read"), SummaryCount(summary, "rows_read"));
  EXPECT_EQ(printed("filtered"), SummaryCount(summary, "filtered"));
  EXPECT_EQ(printed("rejected"), SummaryCount(summary, "rejected"));
  EXPECT_EQ(printed("written"), expected.size());
  EXPECT_EQ(printed("read"), printed("written") + printed("filtered") + printed("rejected"));

  // Each planted problem is in the rejects file with its reason.
  std::string rejects = ReadFile(dir.File("rejects/legacy_customers.ndjson"));
  EXPECT_EQ(CountOccurrences(rejects, "\"rule\":\"email\""),
            SummaryCount(summary, "invalid_email"));
  EXPECT_EQ(CountOccurrences(rejects, "\"column\":\"created_date\""),
            SummaryCount(summary, "invalid_date"));
  EXPECT_EQ(CountOccurrences(rejects, "\"rule\":\"unique\""),
            SummaryCount(summary, "duplicate_id"));
  EXPECT_EQ(CountOccurrences(rejects, "\n"), SummaryCount(summary, "rejected"));

  // The ODBC path (sqliteodbc) lands the very same table as the native writer.
  CommandResult odbc =
      RunCommand("cd " + dir.path() + " && env SLUICE_INPUT=" + dir.File("legacy.csv") +
                 " SLUICE_DB=" + dir.File("odbc.db") + " SLUICE_FAST_PATH=false " + SLUICE_BINARY +
                 " run " + SLUICE_SOURCE_DIR + "/examples/legacy_customers.yaml");
  ASSERT_EQ(odbc.exit_code, 0) << odbc.output;
  const std::string all_but_time =
      "SELECT customer_id, name, industry, email, phone, annual_revenue, typeof(annual_revenue),"
      " created_date, typeof(created_date), active FROM customers ORDER BY rowid";
  EXPECT_EQ(QuerySqlite(dir.File("odbc.db"), all_but_time),
            QuerySqlite(dir.File("customers.db"), all_but_time));
}

}  // namespace
}  // namespace sluice::testing

// Pins sluice-gen-customers: same arguments give the same bytes, its CSV files are RFC 4180, and
// the expected counts it reports agree with the files it writes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Record = std::vector<std::string>;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A strict RFC 4180 reader: a quote inside an unquoted field or text after a closing quote fails
// the test, so a generator that writes broken CSV cannot pass.
std::vector<Record> ParseCsv(const std::string& text) {
  std::vector<Record> records;
  Record record;
  std::string field;
  bool quoted = false, after_quote = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
        after_quote = true;
      }
      continue;
    }
    if (c == ',' || c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      record.push_back(field);
      field.clear();
      after_quote = false;
      if (c == ',') continue;
      if (c == '\r') ++i;
      records.push_back(record);
      record.clear();
      continue;
    }
    if (after_quote) ADD_FAILURE() << "text after a closing quote at byte " << i;
    if (c == '"') {
      if (!field.empty()) ADD_FAILURE() << "quote inside an unquoted field at byte " << i;
      quoted = true;
      continue;
    }
    field += c;
  }
  EXPECT_FALSE(quoted) << "file ends inside a quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "last record has no line end";
  return records;
}

int64_t SummaryCount(const std::string& json, const std::string& key) {
  std::smatch match;
  if (!std::regex_search(json, match, std::regex("\"" + key + "\": ([0-9]+)"))) {
    ADD_FAILURE() << "summary has no " << key;
    return -1;
  }
  return std::stoll(match[1]);
}

class GenerateCustomers : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("sluice_gen_" + std::to_string(getpid()) + "_" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the generator into dir_/<name>.{csv,expected.csv,json}; returns its exit status.
  int Generate(const std::string& name, const std::string& args) {
    std::string command = std::string(SLUICE_GENERATOR) + " " + args + " --out " +
                          (dir_ / (name + ".csv")).string() + " --expected " +
                          (dir_ / (name + ".expected.csv")).string() + " --summary " +
                          (dir_ / (name + ".json")).string() + " 2>/dev/null";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Messy(const std::string& name) { return ReadFile(dir_ / (name + ".csv")); }
  std::string Expected(const std::string& name) {
    return ReadFile(dir_ / (name + ".expected.csv"));
  }
  std::string Summary(const std::string& name) { return ReadFile(dir_ / (name + ".json")); }

  fs::path dir_;
};

TEST_F(GenerateCustomers, WritesTheSameBytesForTheSameArguments) {
  ASSERT_EQ(Generate("first", "--rows 3000 --seed 7"), 0);
  ASSERT_EQ(Generate("second", "--rows 3000 --seed 7"), 0);
  EXPECT_FALSE(Messy("first").empty());
  EXPECT_EQ(Messy("first"), Messy("second"));
  EXPECT_EQ(Expected("first"), Expected("second"));
  EXPECT_EQ(Summary("first"), Summary("second"));
}

TEST_F(GenerateCustomers, WritesDifferentRowsForADifferentSeed) {
  ASSERT_EQ(Generate("seven", "--rows 100 --seed 7"), 0);
  ASSERT_EQ(Generate("eight", "--rows 100 --seed 8"), 0);
  EXPECT_NE(Messy("seven"), Messy("eight"));
}

TEST_F(GenerateCustomers, WritesAPrefixOfTheLargerFileForFewerRows) {
  ASSERT_EQ(Generate("small", "--rows 500"), 0);
  ASSERT_EQ(Generate("large", "--rows 1000"), 0);
  std::string small = Messy("small"), large = Messy("large");
  EXPECT_EQ(large.substr(0, small.size()), small);
}

TEST_F(GenerateCustomers, SummaryCountsAddUpToTheRowsRead) {
  ASSERT_EQ(Generate("data", "--rows 10000"), 0);
  std::string json = Summary("data");
  int64_t rejected = SummaryCount(json, "rejected");
  EXPECT_EQ(SummaryCount(json, "rows_read"), 10000);
  EXPECT_EQ(SummaryCount(json, "rows_read"),
            SummaryCount(json, "expected_written") + SummaryCount(json, "filtered") + rejected);
  EXPECT_EQ(rejected, SummaryCount(json, "invalid_email") + SummaryCount(json, "invalid_date") +
                          SummaryCount(json, "duplicate_id"));
  // Every reason occurs, and together they stay under the job's max_rejects of 10%.
  EXPECT_GT(SummaryCount(json, "invalid_email"), 0);
  EXPECT_GT(SummaryCount(json, "invalid_date"), 0);
  EXPECT_GT(SummaryCount(json, "duplicate_id"), 0);
  EXPECT_LT(rejected, 1000);
}

TEST_F(GenerateCustomers, MessyFileHoldsOneRecordOfEightFieldsPerRow) {
  ASSERT_EQ(Generate("data", "--rows 10000"), 0);
  std::vector<Record> records = ParseCsv(Messy("data"));
  ASSERT_EQ(records.size(), 10001u);
  EXPECT_EQ(records[0], (Record{"customer_id", "company_name", "sector", "primary_email", "phone",
                                "annual_sales", "created_timestamp", "status"}));
  int64_t inactive = 0;
  for (const Record& record : records) {
    ASSERT_EQ(record.size(), 8u);
    inactive += record[7] == "inactive";
  }
  EXPECT_EQ(inactive, SummaryCount(Summary("data"), "filtered"));
}

TEST_F(GenerateCustomers, ExpectedFileHoldsOneRecordPerWrittenRowWithUniqueIds) {
  ASSERT_EQ(Generate("data", "--rows 10000"), 0);
  std::vector<Record> records = ParseCsv(Expected("data"));
  ASSERT_EQ(static_cast<int64_t>(records.size()),
            SummaryCount(Summary("data"), "expected_written") + 1);
  EXPECT_EQ(records[0], (Record{"customer_id", "name", "industry", "email", "phone",
                                "annual_revenue", "created_date", "active"}));
  std::set<std::string> ids;
  for (size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), 8u);
    EXPECT_TRUE(ids.insert(records[i][0]).second) << "duplicate id " << records[i][0];
  }
}

TEST_F(GenerateCustomers, ExpectedValuesHaveTheShapesTheJobProduces) {
  ASSERT_EQ(Generate("data", "--rows 10000"), 0);
  std::vector<Record> records = ParseCsv(Expected("data"));
  const std::regex kShapes[] = {
      std::regex("[0-9]+"),                                             // customer_id
      std::regex("[^ \t\r\n]([\\s\\S]*[^ \t\r\n])?"),                   // name: trimmed, not empty
      std::regex("Unknown|[A-Z][a-z]*( [A-Z][a-z]*)*"),                 // industry
      std::regex("[^@ A-Z]+@[^@ .A-Z][^@ A-Z]*\\.[^@ A-Z]*[^@ .A-Z]"),  // email
      std::regex("\\\\N|\\([2-9][0-9]{2}\\) [2-9][0-9]{2}-[0-9]{4}"),   // phone
      std::regex("\\\\N|[0-9]+\\.[0-9]{2}"),                            // annual_revenue
      std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}"),                         // created_date
      std::regex("1"),                                                  // active
  };
  for (size_t i = 1; i < records.size(); ++i) {
    for (size_t column = 0; column < 8; ++column) {
      ASSERT_TRUE(std::regex_match(records[i][column], kShapes[column]))
          << "row " << i << " column " << records[0][column] << ": '" << records[i][column] << "'";
    }
  }
}

TEST_F(GenerateCustomers, MessyFileContainsEveryKindOfMessTheJobMustHandle) {
  ASSERT_EQ(Generate("data", "--rows 10000"), 0);
  std::string messy = Messy("data");
  const std::string kMarkers[] = {
      "\"\"",          // a doubled quote inside a name
      "\n",            // a newline inside a quoted name (records end in CRLF)
      "\r\nc/o",       // a CRLF inside a quoted name
      "日本",          // multi-byte UTF-8
      "🚀",             // a four-byte UTF-8 emoji
      ",,",            // an empty field
      "HEALTHCARE",    // upper-case sector
      " x",            // phone extension
      " ext. ",        // phone extension
      "+1 (",          // international phone shape
      "call me",       // phone that is no number
      "M,",            // revenue in millions
      "K,",            // revenue in thousands
      "$",             // revenue with currency sign and thousands separators
      "n/a",           // revenue garbage
      "-Mar-",         // %d-%b-%Y date
      "Z,",            // ISO timestamp in UTC
      "yesterday",     // invalid date
      ",inactive\r\n"  // filtered status
  };
  for (const std::string& marker : kMarkers) {
    EXPECT_NE(messy.find(marker), std::string::npos) << "no '" << marker << "' in the data";
  }
}

TEST_F(GenerateCustomers, EndsEveryMessyRecordWithCrlfLikeASpreadsheetExport) {
  ASSERT_EQ(Generate("data", "--rows 2000"), 0);
  std::string messy = Messy("data");
  size_t crlf_ends = 0;
  for (size_t at = messy.find("active\r\n"); at != std::string::npos;
       at = messy.find("active\r\n", at + 1))
    ++crlf_ends;
  EXPECT_EQ(crlf_ends, 2000u);
  EXPECT_EQ(messy.find("active\n"), std::string::npos);
}

TEST_F(GenerateCustomers, WritesAHeaderOnlyForZeroRows) {
  ASSERT_EQ(Generate("empty", "--rows 0"), 0);
  EXPECT_EQ(ParseCsv(Messy("empty")).size(), 1u);
  EXPECT_EQ(ParseCsv(Expected("empty")).size(), 1u);
  EXPECT_EQ(SummaryCount(Summary("empty"), "rows_read"), 0);
}

TEST_F(GenerateCustomers, RefusesAMalformedRowCount) {
  EXPECT_EQ(Generate("bad", "--rows 12x"), 2);
  EXPECT_EQ(Generate("bad", "--rows -5"), 2);
  EXPECT_EQ(Generate("bad", "--colour blue"), 2);
}

}  // namespace

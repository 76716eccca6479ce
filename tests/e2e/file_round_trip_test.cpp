// Files in and out with the real binary: CSV -> SQLite -> CSV and NDJSON -> PostgreSQL ->
// NDJSON must give back the bytes they started from, and a failed export leaves no file.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

// Canonical CSV as the CSV target writes it: NULL unquoted and empty, the empty string quoted.
const char kCsv[] =
    "id,name,amount,born,seen\n"
    "1,plain,12.50,2001-02-03,2024-01-31 10:20:30\n"
    "2,\"comma, and \"\"quotes\"\"\",-0.01,1969-12-31,1970-01-01 00:00:00.000001\n"
    "3,\"line\nbreak\",,,\n"
    "4,\"\",0.00,2038-01-19,2024-02-29 23:59:59.999999\n"
    "5,,99999999999.99,1900-01-01,1999-12-31 23:59:59\n"
    "6,Zoë 東京 😀,1.00,2000-02-29,2000-01-01 00:00:00\n";

const char kColumns[] =
    "columns:\n"
    "  id: { type: integer }\n"
    "  name: {}\n"
    "  amount: { type: \"decimal(13,2)\" }\n"
    "  born: { type: date }\n"
    "  seen: { type: timestamp }\n";

TEST(FileRoundTrip, CsvThroughSqliteComesBackByteForByte) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), kCsv);
  const std::string db = "Driver=SQLite3;Database=" + dir.File("t.db");
  WriteFile(dir.File("load.yaml"), "name: load\nsource: { type: csv, path: " + dir.File("in.csv") +
                                       ", null: \"\" }\ntarget: { type: odbc, connection: \"" + db +
                                       "\", table: t }\n" + kColumns);
  WriteFile(dir.File("export.yaml"),
            "name: export\nsource: { type: odbc, connection: \"" + db +
                "\", table: t }\ntarget: { type: csv, path: " + dir.File("out.csv") + " }\n");
  CommandResult load = RunSluice("run -q " + dir.File("load.yaml"));
  ASSERT_EQ(load.exit_code, 0) << load.output;
  CommandResult out = RunSluice("run -q " + dir.File("export.yaml"));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(ReadFile(dir.File("out.csv")), kCsv);
}

TEST(FileRoundTrip, NdjsonThroughPostgresComesBackByteForByte) {
  const std::string ndjson =
      "{\"id\":1,\"name\":\"plain\",\"amount\":12.50,\"born\":\"2001-02-03\","
      "\"seen\":\"2024-01-31T10:20:30Z\"}\n"
      "{\"id\":2,\"name\":\"tab\\t \\\"q\\\" \\\\ "
      "\\u0001\",\"amount\":-0.01,\"born\":\"1969-12-31\","
      "\"seen\":\"1970-01-01T00:00:00.000001Z\"}\n"
      "{\"id\":3,\"name\":null,\"amount\":null,\"born\":null,\"seen\":null}\n"
      "{\"id\":4,\"name\":\"\",\"amount\":99999999999.99,\"born\":\"1900-01-01\","
      "\"seen\":\"2024-02-29T23:59:59.999999Z\"}\n"
      "{\"id\":5,\"name\":\"Zoë 東京 😀\",\"amount\":0.00,\"born\":\"2000-02-29\","
      "\"seen\":\"2000-01-01T00:00:00Z\"}\n";
  TempDir dir;
  ThrowawayPostgres pg;
  WriteFile(dir.File("in.ndjson"), ndjson);
  WriteFile(dir.File("load.yaml"),
            "name: load\nsource: { type: json, path: " + dir.File("in.ndjson") +
                " }\ntarget: { type: odbc, connection: \"" + pg.connection() + "\", table: t }\n" +
                kColumns);
  WriteFile(dir.File("export.yaml"),
            "name: export\nsource: { type: odbc, connection: \"" + pg.connection() +
                "\", table: t }\ntarget: { type: json, path: " + dir.File("out.ndjson") + " }\n");
  CommandResult load = RunSluice("run -q " + dir.File("load.yaml"));
  ASSERT_EQ(load.exit_code, 0) << load.output;
  EXPECT_EQ(pg.Query("SELECT count(*), count(name), sum(amount) FROM t"),
            std::vector<std::string>{"5|4|100000000012.48"});
  CommandResult out = RunSluice("run -q " + dir.File("export.yaml"));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(ReadFile(dir.File("out.ndjson")), ndjson);
}

TEST(FileRoundTrip, AFailedExportLeavesNoFileBehind) {
  TempDir dir;
  WriteFile(dir.File("in.csv"), "id\n1\n2\nthree\n");
  WriteFile(dir.File("job.yaml"),
            "name: failing\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\ntarget: { type: csv, path: " + dir.File("out.csv") +
                " }\ncolumns: { id: { type: integer } }\nmax_rejects: 0\n");
  CommandResult r = RunSluice("run -q " + dir.File("job.yaml"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find("out.csv"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace sluice::testing

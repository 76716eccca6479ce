// Job files the job_loader_fuzz target turned up, cut down by hand: each must end in a ConfigError
// that names the spot and says what is wrong.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "jobs/job_loader.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

const std::string kHead =
    "name: j\n"
    "source: { type: csv, path: in.csv }\n"
    "target: { type: odbc, connection: \"Driver=SQLite3;Database=o.db\", table: t }\n";

std::string ErrorOf(const std::string& text) {
  try {
    LoadJobText(text, "job.yaml", [](const std::string&) { return std::nullopt; });
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

struct Case {
  const char* name;
  std::string text;
  std::string error;
};

// yaml-cpp's own message for these was "bad conversion", which says neither what nor why.
TEST(JobLoaderFuzzRegression, AListOrMappingUsedAsAKeyIsNamedAsSuch) {
  const Case cases[] = {
      {"top level", "? [a, b]\n: 1\n",
       "job.yaml:1:3: a key in the job must be a name, not a list or mapping"},
      {"column name", kHead + "columns: { [a, b]: }\n",
       "job.yaml:4:12: a key in columns must be a name, not a list or mapping"},
      {"tagged key in a column", kHead + "columns:\n  short: { from: long, !ransforms: [trim] }\n",
       "job.yaml:5:24: a key in column 'short' must be a name, not a list or mapping"},
      {"transform name", kHead + "columns: { a: { transforms: [{ [trim]: x }] } }\n",
       "job.yaml:4:32: a key in a transform must be a name, not a list or mapping"},
      {"transform option", kHead + "columns: { a: { transforms: [{ map: { {x: 1}: y } }] } }\n",
       "job.yaml:4:39: a key in the options of transform 'map' must be a name, not a list or "
       "mapping"},
      {"key of an option's mapping",
       kHead + "columns: { a: { transforms: [{ map: { values: { [x]: y } } }] } }\n",
       "job.yaml:4:49: a key in an option must be a name, not a list or mapping"},
      {"rule option", kHead + "columns: { a: }\nvalidate: [ { column: a, rule: x, [k]: v } ]\n",
       "job.yaml:5:35: a key in a rule must be a name, not a list or mapping"},
      {"threshold metric", kHead + "quality: { thresholds: { [m]: { warn: \">1\" } } }\n",
       "job.yaml:4:26: a key in quality.thresholds must be a name, not a list or mapping"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(c.text), c.error) << c.name;
}

// The `null:` key of a csv source is YAML's null, not a string: it must still read as "null".
TEST(JobLoaderFuzzRegression, ANullKeyStillReadsAsTheWordNull) {
  EXPECT_EQ(ErrorOf(kHead + "columns: { ~: }\n"
                            "validate: [ { column: \"null\", rule: not_null, ~: 1 } ]\n"),
            "no error");
}

}  // namespace
}  // namespace sluice

// CsvOptions::Validate: each unusable option -> a ConfigError naming it.
#include "connectors/csv/csv_options.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "pipeline/errors.h"

namespace sluice {
namespace {

struct OptionCase {
  std::function<void(CsvOptions&)> change;
  std::string error;  // empty: valid
};

TEST(CsvOptions, ValidateNamesTheOffendingOption) {
  const std::vector<OptionCase> cases = {
      {[](CsvOptions&) {}, ""},
      {[](CsvOptions& o) { o.delimiter = '\t'; }, ""},
      {[](CsvOptions& o) { o.null_token = ""; }, ""},
      {[](CsvOptions& o) { o.path.clear(); }, "job.yaml:3:5: csv: 'path' is required"},
      {[](CsvOptions& o) { o.delimiter = '\n'; },
       "job.yaml:3:5: csv: 'delimiter' '\\n' must be one ASCII character other than a line ending"},
      {[](CsvOptions& o) { o.delimiter = '\xC3'; },
       "job.yaml:3:5: csv: 'delimiter' '\xC3' must be one ASCII character other than a line "
       "ending"},
      {[](CsvOptions& o) { o.quote = '\r'; },
       "job.yaml:3:5: csv: 'quote' '\\r' must be one ASCII character other than a line ending"},
      {[](CsvOptions& o) { o.quote = ','; },
       "job.yaml:3:5: csv: 'delimiter' and 'quote' must differ (both ',')"},
      {[](CsvOptions& o) { o.null_token = "a,b"; },
       "job.yaml:3:5: csv: 'null' token \"a,b\" contains ',', so no unquoted field could ever "
       "equal it"},
      {[](CsvOptions& o) {
         o.column_names = {"a", ""};
       },
       "job.yaml:3:5: csv: 'column_names' holds an empty name"},
      {[](CsvOptions& o) {
         o.column_names = {"a", "b", "a"};
       },
       "job.yaml:3:5: csv: 'column_names' names \"a\" twice"},
      {[](CsvOptions& o) { o.max_record_bytes = 0; },
       "job.yaml:3:5: csv: 'max_record_bytes' must be positive"},
      {[](CsvOptions& o) { o.read_block_bytes = 0; },
       "job.yaml:3:5: csv: 'read_block_bytes' must be positive"},
  };
  for (const OptionCase& c : cases) {
    CsvOptions options;
    options.path = "in.csv";
    c.change(options);
    std::string error;
    try {
      options.Validate("job.yaml:3:5");
    } catch (const ConfigError& e) {
      error = e.what();
    }
    EXPECT_EQ(error, c.error);
  }
}

}  // namespace
}  // namespace sluice

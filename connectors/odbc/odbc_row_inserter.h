// Row-at-a-time inserts of text cells through ODBC, for small tables (run history, metrics,
// rejects): creates the table when missing and binds every value (no value enters SQL text).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "pipeline/schema.h"

namespace sluice {

class OdbcRowInserter {
 public:
  using Cell = std::optional<std::string>;  // nullopt: NULL

  OdbcRowInserter(OdbcConnection& connection, const Dialect& dialect, const std::string& table,
                  const Schema& schema);
  // The driver converts the text to each column's type.
  void Insert(const std::vector<Cell>& cells);

 private:
  OdbcStatement stmt_;
  Schema schema_;
  std::string table_;
};

}  // namespace sluice

// CsvOptions::Validate: catches option combinations that would make the file unreadable.
#include "connectors/csv/csv_options.h"

#include <set>

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Shown(char c) {
  switch (c) {
    case '\t':
      return "'\\t'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case '\0':
      return "'\\0'";
    default:
      return std::string("'") + c + "'";
  }
}

// Record boundaries are found on raw bytes, so the special characters must be single ASCII
// bytes that cannot appear inside a UTF-8 sequence or a line ending.
bool UsableSpecialChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte != 0 && byte < 0x80 && c != '\n' && c != '\r';
}

}  // namespace

void CsvOptions::Validate(const std::string& where) const {
  if (path.empty()) throw ConfigError(where, "csv: 'path' is required");
  if (!UsableSpecialChar(delimiter)) {
    throw ConfigError(where, "csv: 'delimiter' " + Shown(delimiter) +
                                 " must be one ASCII character other than a line ending");
  }
  if (!UsableSpecialChar(quote)) {
    throw ConfigError(where, "csv: 'quote' " + Shown(quote) +
                                 " must be one ASCII character other than a line ending");
  }
  if (delimiter == quote) {
    throw ConfigError(where,
                      "csv: 'delimiter' and 'quote' must differ (both " + Shown(quote) + ")");
  }
  if (null_token) {
    for (char c : *null_token) {
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        throw ConfigError(where, "csv: 'null' token \"" + *null_token + "\" contains " + Shown(c) +
                                     ", so no unquoted field could ever equal it");
      }
    }
  }
  std::set<std::string> seen;
  for (const std::string& name : column_names) {
    if (name.empty()) throw ConfigError(where, "csv: 'column_names' holds an empty name");
    if (!seen.insert(name).second) {
      throw ConfigError(where, "csv: 'column_names' names \"" + name + "\" twice");
    }
  }
  if (max_record_bytes == 0) throw ConfigError(where, "csv: 'max_record_bytes' must be positive");
  if (read_block_bytes == 0) throw ConfigError(where, "csv: 'read_block_bytes' must be positive");
}

}  // namespace sluice

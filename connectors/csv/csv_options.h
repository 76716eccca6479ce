// How a CSV file is read: plain options with defaults, checked by Validate().
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct CsvOptions {
  std::string path;
  bool header = true;
  char delimiter = ',';
  char quote = '"';
  // A field equal to this (unquoted) is NULL; a quoted one is the text itself. nullopt: none.
  std::optional<std::string> null_token;
  // Column names when header is false (or to override the header's).
  std::vector<std::string> column_names;

  // Throws ConfigError naming the offending option (`where` is its job-file location).
  void Validate(const std::string& where) const;
};

}  // namespace sluice

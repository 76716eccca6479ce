// How the CSV and JSON file targets write: plain options with defaults, checked by Validate(),
// whose messages name the job-file key ("target.delimiter").
#pragma once

#include <string>

namespace sluice {

// Where a file target writes, shared by both formats. "-" is standard output (streamed, so not
// atomic); a path ending in ".gz" is gzip-compressed; any other path is written to a hidden
// temporary file beside it and renamed onto it only when the run succeeds.
struct FileTargetOptions {
  std::string path;
  int gzip_level = 6;  // 1 (fastest) .. 9 (smallest); only for ".gz" paths
  size_t buffer_bytes = size_t{1} << 20;

  void Validate(const std::string& where) const;
};

// RFC 4180 output. NULL and the empty string stay distinguishable by default: NULL is written
// as null_text (unquoted, "" by default) and an empty string as "" (quoted), which is what the
// CSV source reads back with `null: ""`. A text equal to a non-empty null_text is quoted too.
struct CsvWriteOptions : FileTargetOptions {
  char delimiter = ',';
  char quote = '"';
  bool header = true;
  std::string null_text;
  // false: an empty string is written as an empty field, like NULL when null_text is "".
  bool quote_empty_strings = true;
  std::string line_end = "\n";  // "\n" or "\r\n"
  // Quotes every value (not NULL: quoting it would turn it into text).
  bool quote_all = false;
  std::string true_text = "true";
  std::string false_text = "false";

  void Validate(const std::string& where) const;
};

enum class JsonFileFormat { kNdjson, kArray };

// One JSON object per row, keys being the target's column names in schema order. Text that is
// not valid UTF-8 has each invalid byte replaced by U+FFFD, so the output is always valid JSON.
struct JsonWriteOptions : FileTargetOptions {
  JsonFileFormat format = JsonFileFormat::kNdjson;
  // Timestamps end in "Z" (UTC); false writes naive ISO 8601 ("2024-01-31T10:20:30").
  bool timestamps_utc = true;

  void Validate(const std::string& where) const;
};

}  // namespace sluice

// How a CSV file is read: plain options with defaults, checked by Validate().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct CsvOptions {
  std::string path;  // "-" reads standard input
  bool header = true;
  char delimiter = ',';
  char quote = '"';
  // A field equal to this (unquoted) is NULL; a quoted one is the text itself. nullopt: none.
  std::optional<std::string> null_token;
  // Column names when header is false (or to override the header's). Empty with header false:
  // column1..columnN, N taken from the first record.
  std::vector<std::string> column_names;
  // true: a quote inside an unquoted field (a"b) rejects the record, because such a file was
  // most likely written by a broken exporter. false: the quote is an ordinary character.
  bool strict_quotes = true;
  // Rejects records that are not valid UTF-8 (every target expects UTF-8 text).
  bool validate_utf8 = true;
  // A record longer than this ends the run: it almost always means an unbalanced quote that
  // swallowed the rest of the file, and it bounds the reader's memory.
  size_t max_record_bytes = size_t{64} << 20;
  // Bytes asked of the file per read; tests make it tiny to cross block boundaries.
  size_t read_block_bytes = size_t{1} << 20;

  // Throws ConfigError naming the offending option (`where` is its job-file location).
  void Validate(const std::string& where) const;
};

}  // namespace sluice

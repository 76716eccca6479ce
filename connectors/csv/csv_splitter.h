// Splits one CSV record into fields (RFC 4180): quoted fields, doubled quotes, delimiters and
// newlines inside quotes, the null token. Malformed quoting (and a carriage return outside quotes)
// is a value, never an exception.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/csv/csv_options.h"
#include "pipeline/arena.h"

namespace sluice {

struct CsvField {
  // A constructor, so emplace_back builds fields in place (clang 14 lacks C++20's aggregate
  // parentheses, and a braced temporary costs a store-forwarding stall per field).
  CsvField() = default;
  CsvField(std::string_view t, bool null) : text(t), is_null(null) {}

  std::string_view text;  // a view into the record, or into the arena when it was unescaped
  bool is_null = false;
};

enum class CsvSplitStatus {
  kOk,
  kQuoteInUnquotedField,   // a"b (only with strict_quotes)
  kTextAfterClosingQuote,  // "ab"c
  kUnterminatedQuote,      // "ab<end of record>
  // a<CR>b: a CR outside quotes that is not part of a CRLF line end. Mostly a file with classic
  // Mac (CR) line ends, whose lines would otherwise run together into one record.
  kCarriageReturn,
};

struct CsvSplitResult {
  CsvSplitStatus status = CsvSplitStatus::kOk;
  size_t field = 0;        // 1-based field of the error
  size_t byte_column = 0;  // 1-based byte in the record where the error is seen

  bool ok() const { return status == CsvSplitStatus::kOk; }
};

// "field 3, column 9: text after a closing quote", for the rejects output.
std::string DescribeCsvSplitError(const CsvSplitResult& result);

// Replaces `fields` with the fields of `record` (no line ending). Unquoted fields and quoted
// fields without doubled quotes are views into `record`; others are unescaped into `arena`.
// An unquoted field equal to options.null_token is NULL; a quoted one never is.
CsvSplitResult SplitCsvRecord(std::string_view record, const CsvOptions& options,
                              StringArena& arena, std::vector<CsvField>& fields);

}  // namespace sluice

// SplitCsvRecord: one pass over the record, scanning 16 bytes at a time between special bytes.
#include "connectors/csv/csv_splitter.h"

#include <cstring>

#include "connectors/csv/csv_scan.h"

namespace sluice {

std::string DescribeCsvSplitError(const CsvSplitResult& result) {
  std::string what;
  switch (result.status) {
    case CsvSplitStatus::kOk:
      return "ok";
    case CsvSplitStatus::kQuoteInUnquotedField:
      what = "quote inside an unquoted field";
      break;
    case CsvSplitStatus::kTextAfterClosingQuote:
      what = "text after a closing quote";
      break;
    case CsvSplitStatus::kUnterminatedQuote:
      what = "quoted field never closed";
      break;
    case CsvSplitStatus::kCarriageReturn:
      what = "carriage return (CR) outside quotes; lines must end in LF or CRLF, not CR alone";
      break;
  }
  return "field " + std::to_string(result.field) + ", column " +
         std::to_string(result.byte_column) + ": " + what;
}

namespace {

// Copies `escaped` into the arena with every doubled quote made single.
std::string_view Unescape(std::string_view escaped, char quote, StringArena& arena) {
  char* out = arena.Allocate(escaped.size());
  size_t n = 0;
  for (size_t i = 0; i < escaped.size(); ++i) {
    out[n++] = escaped[i];
    if (escaped[i] == quote) ++i;  // the splitter only lets doubled quotes through
  }
  return {out, n};
}

}  // namespace

CsvSplitResult SplitCsvRecord(std::string_view record, const CsvOptions& options,
                              StringArena& arena, std::vector<CsvField>& fields) {
  fields.clear();
  const char delimiter = options.delimiter;
  const char quote = options.quote;
  const std::string* null_token = options.null_token ? &*options.null_token : nullptr;
  const char* const begin = record.data();
  const char* const end = begin + record.size();
  const auto column = [begin](const char* p) { return static_cast<size_t>(p - begin) + 1; };

  const char* p = begin;
  for (;;) {
    const size_t field_number = fields.size() + 1;
    if (p < end && *p == quote) {
      const char* content = p + 1;
      const char* q = content;
      bool doubled = false;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, quote, static_cast<size_t>(end - q)));
        if (q == nullptr) {
          return {CsvSplitStatus::kUnterminatedQuote, field_number, column(p)};
        }
        if (q + 1 < end && q[1] == quote) {
          doubled = true;
          q += 2;
          continue;
        }
        break;
      }
      std::string_view text(content, static_cast<size_t>(q - content));
      if (doubled) text = Unescape(text, quote, arena);
      fields.emplace_back(text, false);
      p = q + 1;
      if (p == end) break;
      if (*p != delimiter) {
        const CsvSplitStatus status =
            *p == '\r' ? CsvSplitStatus::kCarriageReturn : CsvSplitStatus::kTextAfterClosingQuote;
        return {status, field_number, column(p)};
      }
      ++p;
      continue;
    }
    // The reader has taken a CRLF's CR off the record, so any CR left here is stray.
    const char* stop = FindFirstOf3(p, end, delimiter, quote, '\r');
    while (stop != end && *stop != delimiter) {
      if (*stop == '\r') return {CsvSplitStatus::kCarriageReturn, field_number, column(stop)};
      if (options.strict_quotes) {
        return {CsvSplitStatus::kQuoteInUnquotedField, field_number, column(stop)};
      }
      stop = FindFirstOf3(stop + 1, end, delimiter, quote, '\r');
    }
    const std::string_view text(p, static_cast<size_t>(stop - p));
    fields.emplace_back(text, null_token != nullptr && text == *null_token);
    if (stop == end) break;
    p = stop + 1;
  }
  return {};
}

}  // namespace sluice

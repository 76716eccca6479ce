// CsvSource: header -> schema; records -> rows of text columns or rejected rows with reasons.
#include "connectors/csv/csv_source.h"

#include <simdjson.h>

#include <unordered_map>
#include <utility>

#include "pipeline/errors.h"
#include "pipeline/utf8.h"

namespace sluice {
namespace {}  // namespace

CsvSource::CsvSource(CsvOptions options) : options_(std::move(options)), reader_(options_) {
  ReadHeader();
}

std::string CsvSource::Where(uint64_t line) const {
  return options_.path + ":" + std::to_string(line);
}

bool CsvSource::NextRecord(CsvRecord& record) {
  if (has_pending_) {
    has_pending_ = false;
    record = pending_;
    record.bytes = pending_bytes_;
    return true;
  }
  // Blank lines carry no data and would otherwise be rows of one empty field.
  while (reader_.Next(record)) {
    if (!record.bytes.empty()) return true;
  }
  return false;
}

void CsvSource::ReadHeader() {
  const auto text_field = [](std::string name) { return Field{std::move(name), DataType{}, true}; };
  for (const std::string& name : options_.column_names) schema_.fields.push_back(text_field(name));

  if (!options_.header && !options_.column_names.empty()) return;
  CsvRecord first;
  if (!NextRecord(first)) {
    if (options_.header) throw RunError(options_.path + ": empty file, expected a header");
    return;
  }
  // Only a header's bad bytes end the run; a first data record's become its rejection later.
  if (options_.header && first.nul_at != CsvRecord::kNoNul) {
    throw RunError(Where(first.line) + ": NUL byte at column " + std::to_string(first.nul_at + 1) +
                   " of the header");
  }
  if (options_.header && options_.validate_utf8 &&
      !simdjson::validate_utf8(first.bytes.data(), first.bytes.size())) {
    throw RunError(Where(first.line) + ": invalid UTF-8 at column " +
                   std::to_string(FirstInvalidUtf8(first.bytes) + 1) + " of the header");
  }
  const CsvSplitResult split = SplitCsvRecord(first.bytes, options_, header_arena_, fields_);
  if (!split.ok()) {
    throw RunError(Where(first.line) + ": " +
                   (options_.header ? "header is malformed: "
                                    : "cannot count the columns (set column_names): ") +
                   DescribeCsvSplitError(split));
  }

  if (!options_.header) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      schema_.fields.push_back(text_field("column" + std::to_string(i + 1)));
    }
    pending_bytes_.assign(first.bytes);
    pending_ = first;
    has_pending_ = true;
    data_start_offset_ = first.byte_offset;
    return;
  }

  data_start_offset_ = reader_.NextOffset();
  if (!options_.column_names.empty()) {
    if (fields_.size() != schema_.size()) {
      throw RunError(Where(first.line) + ": header has " + std::to_string(fields_.size()) +
                     " fields but column_names names " + std::to_string(schema_.size()));
    }
    return;
  }
  std::unordered_map<std::string_view, size_t> seen;
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string_view name = fields_[i].text;
    if (name.empty()) {
      throw RunError(Where(first.line) + ": header field " + std::to_string(i + 1) +
                     " is empty; every column needs a name (or set column_names)");
    }
    const auto [it, inserted] = seen.emplace(name, i + 1);
    if (!inserted) {
      throw RunError(Where(first.line) + ": header names \"" + std::string(name) +
                     "\" twice (fields " + std::to_string(it->second) + " and " +
                     std::to_string(i + 1) + ")");
    }
    schema_.fields.push_back(text_field(std::string(name)));
  }
}

void CsvSource::AppendRecord(Batch& out, const CsvRecord& record) {
  const auto row = static_cast<uint32_t>(out.states.size());
  const std::string_view raw = out.arena.Store(record.bytes);
  out.raw_records.push_back(raw);
  out.origins.push_back({record.line, record.byte_offset});
  out.states.push_back(RowState::kKeep);

  std::string reason;
  if (record.nul_at != CsvRecord::kNoNul) {
    reason = "NUL byte at column " + std::to_string(record.nul_at + 1);
  } else if (options_.validate_utf8 && !simdjson::validate_utf8(raw.data(), raw.size())) {
    reason = "invalid UTF-8 at column " + std::to_string(FirstInvalidUtf8(raw) + 1);
  } else {
    const CsvSplitResult split = SplitCsvRecord(raw, options_, out.arena, fields_);
    if (!split.ok()) {
      reason = DescribeCsvSplitError(split);
    } else if (fields_.size() != schema_.size()) {
      reason = "expected " + std::to_string(schema_.size()) + " fields, found " +
               std::to_string(fields_.size());
    }
  }

  if (!reason.empty()) {
    for (Column& column : out.columns) column.AppendNull();
    out.Reject(row, "", "csv", std::move(reason));
    return;
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    Column& column = out.columns[i];
    if (fields_[i].is_null) {
      column.AppendNull();
    } else {
      column.AppendText(fields_[i].text);
    }
  }
}

bool CsvSource::ReadNext(Batch& out, size_t max_rows) {
  out.source_name = options_.path;
  out.schema = schema_;
  out.columns.resize(schema_.size());
  for (Column& column : out.columns) {
    if (!column.type.IsText()) column.Retype(DataType{});
    column.Reserve(max_rows);
  }
  CsvRecord record;
  size_t rows = 0;
  while (rows < max_rows && NextRecord(record)) {
    AppendRecord(out, record);
    ++rows;
  }
  return rows > 0;
}

SourcePosition CsvSource::Position() const {
  SourcePosition at;
  if (has_pending_) {
    at.byte_offset = pending_.byte_offset;
    at.line = pending_.line - 1;
  } else {
    at.byte_offset = reader_.NextOffset();
    at.line = reader_.LinesConsumed();
  }
  return at;
}

void CsvSource::SeekTo(const SourcePosition& at) {
  if (at.byte_offset < data_start_offset_) {
    throw RunError(options_.path + ": cannot resume at byte " + std::to_string(at.byte_offset) +
                   ", before the first record (byte " + std::to_string(data_start_offset_) + ")");
  }
  has_pending_ = false;
  reader_.SeekTo(at.byte_offset, at.line);
}

}  // namespace sluice

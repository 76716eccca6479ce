// JsonSource: settles format and columns by peeking at the window (nothing is consumed, so
// standard input works too), then hands the reading to the NDJSON or the array reader.
#include "connectors/json/json_source.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <utility>

#include "connectors/json/element_scanner.h"
#include "connectors/json/json_array_reader.h"
#include "connectors/json/json_rows.h"
#include "connectors/json/ndjson_reader.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

// How far SeekTo looks back for the start of the line it resumes in (array format).
constexpr uint64_t kLineLookBack = 64 * 1024;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where the data starts in a window still at the file's start: after a UTF-8 BOM.
size_t SkipBom(ReadWindow& window) {
  while (window.size() < 3 && window.Fill()) {
  }
  return window.offset() == 0 && window.size() >= 3 &&
                 std::memcmp(window.data(), "\xEF\xBB\xBF", 3) == 0
             ? 3
             : 0;
}

// The offset of the first byte at or after `at` that is not whitespace (counting newlines into
// `lines`), filling the window as needed; window.size() when there is none.
size_t SkipSpace(ReadWindow& window, size_t at, uint64_t& lines) {
  for (;;) {
    while (at < window.size() && IsSpace(window.data()[at])) {
      if (window.data()[at] == '\n') ++lines;
      ++at;
    }
    if (at < window.size() || !window.Fill()) return at;
  }
}

}  // namespace

JsonSource::JsonSource(JsonOptions options)
    : options_((options.Validate(""), std::move(options))),
      reader_(options_.path, "JSON file"),
      window_(reader_, options_.read_chunk_bytes, simdjson::SIMDJSON_PADDING) {
  uint64_t lines = 0;
  const size_t first = SkipSpace(window_, SkipBom(window_), lines);
  const bool is_array = first < window_.size() && window_.data()[first] == '[';
  format_ = options_.format;
  if (format_ == JsonFormat::kAuto) format_ = is_array ? JsonFormat::kArray : JsonFormat::kNdjson;
  if (format_ == JsonFormat::kArray && !is_array && first < window_.size()) {
    throw RunError(options_.path + ":" + std::to_string(lines + 1) +
                   ": expected '[' to open the array of documents (format: array), found '" +
                   window_.data()[first] + "'; use format: ndjson for one document per line");
  }
  std::vector<JsonColumnSpec> columns =
      options_.columns.empty() ? ColumnsOfFirstDocument() : ListedColumns();
  for (const JsonColumnSpec& column : columns) schema_.fields.push_back({column.name, {}, true});
  rows_ = std::make_unique<JsonRowBuilder>(std::move(columns), options_.max_document_bytes);
  if (format_ == JsonFormat::kArray) {
    array_ = std::make_unique<JsonArrayReader>(window_, *rows_, options_.path);
  } else {
    ndjson_ = std::make_unique<NdjsonReader>(window_, *rows_, options_.read_chunk_bytes);
  }
}

JsonSource::~JsonSource() = default;

std::vector<JsonColumnSpec> JsonSource::ListedColumns() const {
  std::vector<JsonColumnSpec> columns;
  for (const JsonColumn& c : options_.columns) {
    // Validate() has checked that the paths parse.
    JsonPath path = c.path.empty() ? JsonPath::Key(c.name) : *ParseJsonPath(c.path).path;
    columns.push_back({c.name, std::move(path), c.json});
  }
  return columns;
}

std::vector<JsonColumnSpec> JsonSource::ColumnsOfFirstDocument() {
  // Find the first document's bytes, leaving them in the window.
  uint64_t lines = 0;
  size_t start = SkipSpace(window_, SkipBom(window_), lines);
  size_t end = start;
  if (start < window_.size() && format_ == JsonFormat::kArray) {
    start = SkipSpace(window_, start + 1, lines);
    ElementScanner scanner;
    scanner.Reset();
    size_t scanned = start;
    for (;;) {
      if (start < window_.size() && window_.data()[start] == ']') {
        end = start;  // an empty array
        break;
      }
      if (scanned - start > options_.max_document_bytes) {
        end = window_.size();  // the check below rejects it as too large
        break;
      }
      if (scanned < window_.size() &&
          scanner.Scan(window_.data() + start, scanned - start, window_.size() - start, 0, end) !=
              ElementScanner::End::kMore) {
        end += start;
        break;
      }
      scanned = window_.size();
      if (!window_.Fill()) {
        end = window_.size();
        break;
      }
    }
  } else if (start < window_.size()) {
    for (;;) {
      const void* newline = std::memchr(window_.data() + start, '\n', window_.size() - start);
      if (newline != nullptr) {
        end = static_cast<size_t>(static_cast<const char*>(newline) - window_.data());
        break;
      }
      if (window_.size() - start > options_.max_document_bytes + 1 || !window_.Fill()) {
        end = window_.size();
        break;
      }
    }
  }
  while (end > start && IsSpace(window_.data()[end - 1])) --end;
  if (end == start) return {};  // no document: no rows either

  const std::string where = options_.path + ":" + std::to_string(lines + 1);
  if (end - start > options_.max_document_bytes) {
    // Its size is not known without reading all of it; the peek stopped past the limit.
    throw RunError(where +
                   ": cannot take the columns from the first document: it is larger "
                   "than max_document_bytes (" +
                   std::to_string(options_.max_document_bytes) +
                   " bytes); list the columns in the job");
  }
  const std::string_view doc(window_.data() + start, end - start);
  // The first document must be a row like any other: the builder says why it is not.
  JsonRowBuilder check({}, options_.max_document_bytes);
  Batch batch;
  const simdjson::padded_string copy(doc);
  if (!check.ParseAndAppend(batch, std::string_view(copy), copy.size() + simdjson::SIMDJSON_PADDING,
                            {}, {lines + 1, 1})) {
    throw RunError(where + ": cannot take the columns from the first document: " +
                   batch.rejections.at(0).reason + "; list the columns in the job");
  }
  std::vector<JsonColumnSpec> columns;
  std::set<std::string> seen;
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document document = parser.iterate(copy);
  for (auto field : document.get_object()) {
    std::string key(std::string_view(field.unescaped_key()));
    const simdjson::ondemand::json_type type = field.value().type();
    if (key.empty()) {
      throw RunError(where +
                     ": the first document has an empty key, which cannot name a "
                     "column; list the columns in the job");
    }
    if (!seen.insert(key).second) continue;
    const bool nested = type == simdjson::ondemand::json_type::object ||
                        type == simdjson::ondemand::json_type::array;
    columns.push_back({key, JsonPath::Key(key), nested});
  }
  return columns;
}

bool JsonSource::ReadNext(Batch& out, size_t max_rows) {
  out.source_name = options_.path;
  out.schema = schema_;
  out.columns.resize(schema_.size());
  for (Column& column : out.columns) {
    if (!column.type.IsText()) column.Retype(DataType{});
    column.Reserve(max_rows);
  }
  const size_t rows = ndjson_ ? ndjson_->Read(out, max_rows) : array_->Read(out, max_rows);
  return rows > 0;
}

SourcePosition JsonSource::Position() const {
  SourcePosition at;
  if (ndjson_) {
    at.byte_offset = ndjson_->NextOffset();
    at.line = ndjson_->LinesConsumed();
  } else {
    at.byte_offset = array_->NextOffset();
    at.line = array_->LinesConsumed();
  }
  return at;
}

void JsonSource::SeekTo(const SourcePosition& at) {
  if (ndjson_) {
    reader_.Seek(at.byte_offset);
    window_.Reset(at.byte_offset);
    ndjson_->Restart(at.line);
    return;
  }
  // An array position may be inside a line: read back to that line's start, so the columns
  // in reasons are the same as in a run that never stopped. Reading it leaves the reader at
  // the position (gzip seeks forward by decompressing, so this costs no second seek).
  const uint64_t back = std::min<uint64_t>(at.byte_offset, kLineLookBack);
  reader_.Seek(at.byte_offset - back);
  std::string before(back, '\0');
  size_t got = 0;
  while (got < back) {
    const size_t n = reader_.Read(before.data() + got, back - got);
    if (n == 0) break;
    got += n;
  }
  before.resize(got);
  if (reader_.Offset() != at.byte_offset) reader_.Seek(at.byte_offset);
  const size_t newline = before.rfind('\n');
  const uint64_t line_start =
      newline != std::string::npos ? at.byte_offset - back + newline + 1 : at.byte_offset - back;
  window_.Reset(at.byte_offset);
  array_->Restart(at.byte_offset, at.line, line_start);
}

}  // namespace sluice

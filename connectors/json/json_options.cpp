// JsonOptions::Validate and the format names.
#include "connectors/json/json_options.h"

#include <set>

#include "connectors/json/json_path.h"
#include "pipeline/errors.h"

namespace sluice {

std::optional<JsonFormat> ParseJsonFormat(std::string_view name) {
  if (name == "auto") return JsonFormat::kAuto;
  if (name == "ndjson" || name == "jsonl") return JsonFormat::kNdjson;
  if (name == "array") return JsonFormat::kArray;
  return std::nullopt;
}

void JsonOptions::Validate(const std::string& where) const {
  if (path.empty()) throw ConfigError(where, "json: 'path' is required");
  std::set<std::string> seen;
  for (size_t i = 0; i < columns.size(); ++i) {
    const JsonColumn& column = columns[i];
    const std::string key = "json: 'columns[" + std::to_string(i) + "]'";
    if (column.name.empty()) throw ConfigError(where, key + " has an empty name");
    if (!seen.insert(column.name).second) {
      throw ConfigError(where, key + " names \"" + column.name + "\" twice");
    }
    if (column.path.empty()) continue;
    const JsonPathParse parsed = ParseJsonPath(column.path);
    if (!parsed.path) {
      throw ConfigError(
          where, key + " (" + column.name + "): 'path' \"" + column.path + "\": " + parsed.error);
    }
  }
  if (max_document_bytes == 0) {
    throw ConfigError(where, "json: 'max_document_bytes' must be positive");
  }
  // simdjson indexes a document with 32-bit offsets.
  if (max_document_bytes > (size_t{1} << 32) - 1) {
    throw ConfigError(where, "json: 'max_document_bytes' must be below 4 GiB");
  }
  if (read_chunk_bytes == 0) throw ConfigError(where, "json: 'read_chunk_bytes' must be positive");
}

}  // namespace sluice

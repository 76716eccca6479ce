// How a JSON source reads: plain options with defaults, checked by Validate(), whose messages
// name the job-file key.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

enum class JsonFormat {
  kAuto,    // array when the first byte that is not whitespace (or a BOM) is '[', else ndjson
  kNdjson,  // one document per line; blank lines are skipped
  kArray,   // one top-level array whose elements are the documents
};

// "auto", "ndjson" (also "jsonl"), "array"; nullopt for anything else.
std::optional<JsonFormat> ParseJsonFormat(std::string_view name);

struct JsonColumn {
  std::string name;
  // Where the value is (see json_path.h): "customer.address.city", "items[0].sku",
  // "meta.\"a.b\"". Empty: the name itself, taken literally as a top-level key.
  std::string path;
  // true: objects and arrays are kept as minified JSON text, and every value is written as
  // JSON (a string keeps its quotes). false: an object or array here rejects the row.
  bool json = false;
};

struct JsonOptions {
  std::string path;  // "-" reads standard input; a path ending in ".gz" is decompressed
  JsonFormat format = JsonFormat::kAuto;
  // Empty: one column per top-level key of the first document, in its order (json: true for
  // the keys whose value there is an object or array).
  std::vector<JsonColumn> columns;
  // A larger document is a rejected row (its first 4 KiB kept as its raw text), so one broken
  // or runaway document cannot take unbounded memory.
  size_t max_document_bytes = size_t{64} << 20;
  // Bytes asked of the file per read; tests make it tiny to cross chunk boundaries.
  size_t read_chunk_bytes = size_t{1} << 20;

  // Throws ConfigError naming the offending option (`where` is its job-file location).
  void Validate(const std::string& where) const;
};

}  // namespace sluice

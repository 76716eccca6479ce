// Turns JSON documents into rows of a batch: parses a document on its own (a line, an array
// element) or takes one a document stream has walked already, and appends a kept row, or a
// rejected one with its reason; either way with its origin and raw text.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/json/document_walker.h"
#include "connectors/json/json_errors.h"
#include "pipeline/batch.h"

namespace sluice {

class JsonRowBuilder {
 public:
  // How much of an oversized document is kept as its raw text.
  static constexpr size_t kOversizedPrefix = 4096;

  JsonRowBuilder(std::vector<JsonColumnSpec> columns, size_t max_document_bytes);
  JsonRowBuilder(const JsonRowBuilder&) = delete;
  JsonRowBuilder& operator=(const JsonRowBuilder&) = delete;

  const std::vector<JsonColumnSpec>& columns() const { return columns_; }
  size_t max_document_bytes() const { return max_document_bytes_; }
  DocumentWalker& walker() { return walker_; }

  // Parses `doc` (readable up to doc.data() + capacity, at least SIMDJSON_PADDING past its end)
  // and appends its row; `start` is where doc[0] is in the file. false: the row is rejected.
  bool ParseAndAppend(Batch& out, std::string_view doc, size_t capacity, RowOrigin origin,
                      TextPosition start);
  // Appends the row of the document walker() has just walked, whose bytes lie inside `raw`.
  bool AppendWalked(Batch& out, std::string_view raw, RowOrigin origin);
  void AppendRejected(Batch& out, std::string_view raw, RowOrigin origin, std::string column,
                      std::string reason);
  // A document of `size` bytes (more when !exact), over max_document_bytes; `prefix` is its
  // beginning.
  void AppendOversized(Batch& out, std::string_view prefix, uint64_t size, bool exact,
                       RowOrigin origin);

 private:
  std::string_view AppendRowStart(Batch& out, std::string_view raw, RowOrigin origin);

  std::vector<JsonColumnSpec> columns_;
  size_t max_document_bytes_;
  simdjson::ondemand::parser parser_;
  DocumentWalker walker_;
};

}  // namespace sluice

// Walks one JSON document with simdjson On-Demand: checks all of it (On-Demand alone skips what
// it is not asked for) and picks out the texts of the columns' paths on the way, in one pass.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/json/json_path.h"

namespace sluice {

// One column the walker extracts.
struct JsonColumnSpec {
  std::string name;
  JsonPath path;
  bool json = false;  // objects and arrays become JSON text; every value is written as JSON
};

// A column's value in the last document walked.
struct JsonSlot {
  enum class Kind : uint8_t { kMissing, kNull, kText };
  Kind kind = Kind::kMissing;
  std::string_view text;
  // `text` points into the document's own bytes (else into parser or scratch memory).
  bool in_document = false;
};

// Why a document is not valid JSON.
struct JsonSyntaxError {
  simdjson::error_code code = simdjson::SUCCESS;
  const char* at = nullptr;  // where in the document, when known
  std::string detail;        // replaces the generic message for the code, when set
};

// A valid document that does not fit a column (an object where a scalar is expected, ...).
struct JsonMismatch {
  uint32_t column = 0;
  std::string reason;
};

class DocumentWalker {
 public:
  static constexpr int kMaxDepth = 1024;

  explicit DocumentWalker(const std::vector<JsonColumnSpec>& columns);

  // Walks a document whose root is this object and whose bytes end at document_end. false: it
  // is not valid JSON (see error()). The slots' texts stay valid until the next document is
  // parsed.
  bool Walk(simdjson::ondemand::object root, const char* document_end);

  const std::vector<JsonSlot>& slots() const { return slots_; }
  const JsonSyntaxError& error() const { return error_; }
  // The first mismatch of the last valid document, if any.
  const std::optional<JsonMismatch>& mismatch() const { return mismatch_; }

 private:
  using Value = simdjson::ondemand::value;

  bool WalkValue(Value value, uint32_t node, int depth);
  bool WalkObject(simdjson::ondemand::object object, uint32_t node, int depth);
  bool WalkArray(simdjson::ondemand::array array, uint32_t node, int depth);
  // The columns ending at `node` get a scalar (numbers, booleans and null are spelled the same
  // in JSON and as text); the paths going on below `node` found `found` instead of a container.
  void SetScalar(uint32_t node, JsonSlot slot, const char* found);
  // `json_token`: the string's JSON spelling in the document, when it can be used as is.
  void SetStringScalar(uint32_t node, std::string_view text, bool in_document,
                       std::string_view json_token);
  // Checks, at a container, the paths that continue below `node`.
  void CheckContainerFits(uint32_t node, bool is_object);
  void Mismatch(uint32_t column, std::string reason);
  bool Fail(simdjson::error_code code, const char* at, std::string detail = {});
  void Emit(std::string_view text);
  void EmitString(std::string_view text);

  const std::vector<JsonColumnSpec>& columns_;
  JsonPathTrie trie_;
  std::vector<JsonSlot> slots_;
  std::vector<std::string> scratch_;  // per json column: its JSON text
  std::vector<uint32_t> captures_;    // json columns whose container is being written
  JsonSyntaxError error_;
  std::optional<JsonMismatch> mismatch_;
  const char* document_end_ = nullptr;
};

}  // namespace sluice

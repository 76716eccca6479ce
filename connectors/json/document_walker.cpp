// DocumentWalker: one recursive pass over the document. Scalars are checked against the JSON
// grammar on their raw text (numbers keep every digit: they never go through a double), strings
// without escapes are taken in place, and json columns are written minified as the walk goes.
#include "connectors/json/document_walker.h"

#include <cstring>
#include <utility>

#include "pipeline/json_text.h"

namespace sluice {
namespace {

namespace od = simdjson::ondemand;

std::string_view TrimRight(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) {
    --n;
  }
  return s.substr(0, n);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && s[i] == '-') ++i;
  if (i == n) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < n && IsDigit(s[i])) ++i;
  } else {
    return false;
  }
  if (i < n && s[i] == '.') {
    const size_t start = ++i;
    while (i < n && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t start = i;
    while (i < n && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == n;
}

const char* TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::object:
      return "an object";
    case od::json_type::array:
      return "an array";
    case od::json_type::string:
      return "a string";
    case od::json_type::number:
      return "a number";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "a value";
}

std::vector<JsonPath> PathsOf(const std::vector<JsonColumnSpec>& columns) {
  std::vector<JsonPath> paths;
  for (const JsonColumnSpec& c : columns) paths.push_back(c.path);
  return paths;
}

}  // namespace

DocumentWalker::DocumentWalker(const std::vector<JsonColumnSpec>& columns)
    : columns_(columns),
      trie_(PathsOf(columns)),
      slots_(columns.size()),
      scratch_(columns.size()) {}

bool DocumentWalker::Walk(od::object root, const char* document_end) {
  document_end_ = document_end;
  for (JsonSlot& slot : slots_) slot = JsonSlot{};
  captures_.clear();
  error_ = JsonSyntaxError{};
  mismatch_.reset();
  return WalkObject(root, 0, 1);
}

bool DocumentWalker::Fail(simdjson::error_code code, const char* at, std::string detail) {
  error_.code = code;
  error_.at = at;
  error_.detail = std::move(detail);
  return false;
}

void DocumentWalker::Mismatch(uint32_t column, std::string reason) {
  if (!mismatch_) mismatch_ = JsonMismatch{column, std::move(reason)};
}

void DocumentWalker::Emit(std::string_view text) {
  for (uint32_t column : captures_) scratch_[column].append(text);
}

void DocumentWalker::EmitString(std::string_view text) {
  for (uint32_t column : captures_) AppendJsonString(scratch_[column], text);
}

void DocumentWalker::CheckContainerFits(uint32_t node, bool is_object) {
  const JsonPathTrie::Node& n = trie_.node(node);
  const bool wrong = is_object ? !n.indexes.empty() : !n.keys.empty();
  if (!wrong) return;
  const uint32_t column = n.first_column_below;
  Mismatch(column, n.path_text + " is " + (is_object ? "an object" : "an array") + ", expected " +
                       (is_object ? "an array" : "an object") + " (for " +
                       columns_[column].path.ToString() + ")");
}

void DocumentWalker::SetScalar(uint32_t node, JsonSlot slot, const char* found) {
  const JsonPathTrie::Node& n = trie_.node(node);
  for (uint32_t column : n.columns) slots_[column] = slot;
  // A null where the path goes on is a missing intermediate: the deeper columns are NULL.
  if (slot.kind != JsonSlot::Kind::kNull && (!n.keys.empty() || !n.indexes.empty())) {
    const uint32_t column = n.first_column_below;
    Mismatch(column, n.path_text + " is " + found + ", expected " +
                         (n.keys.empty() ? "an array" : "an object") + " (for " +
                         columns_[column].path.ToString() + ")");
  }
}

void DocumentWalker::SetStringScalar(uint32_t node, std::string_view text, bool in_document,
                                     std::string_view json_token) {
  const JsonPathTrie::Node& n = trie_.node(node);
  for (uint32_t column : n.columns) {
    if (columns_[column].json && !json_token.empty()) {
      slots_[column] = JsonSlot{JsonSlot::Kind::kText, json_token, true};
    } else if (columns_[column].json) {
      std::string& json = scratch_[column];
      json.clear();
      AppendJsonString(json, text);
      slots_[column] = JsonSlot{JsonSlot::Kind::kText, json, false};
    } else {
      slots_[column] = JsonSlot{JsonSlot::Kind::kText, text, in_document};
    }
  }
  if (!n.keys.empty() || !n.indexes.empty()) {
    const uint32_t column = n.first_column_below;
    Mismatch(column, n.path_text + " is a string, expected " +
                         (n.keys.empty() ? "an array" : "an object") + " (for " +
                         columns_[column].path.ToString() + ")");
  }
}

bool DocumentWalker::WalkValue(Value value, uint32_t node, int depth) {
  const std::string_view raw = value.raw_json_token();
  const char* at = raw.data();
  if (depth > kMaxDepth) {
    return Fail(simdjson::DEPTH_ERROR, at,
                "nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e, at);
  const bool tracked = node != JsonPathTrie::kNone;

  if (type == od::json_type::object || type == od::json_type::array) {
    const bool is_object = type == od::json_type::object;
    const size_t captures_before = captures_.size();
    if (tracked) {
      for (uint32_t column : trie_.node(node).columns) {
        if (columns_[column].json) {
          scratch_[column].clear();
          captures_.push_back(column);
        } else {
          Mismatch(column, columns_[column].path.ToString() + " is " + TypeName(type) +
                               ", not a scalar (declare the column json: true to keep it as JSON "
                               "text)");
        }
      }
      CheckContainerFits(node, is_object);
    }
    bool ok;
    if (is_object) {
      od::object object;
      if (auto e = value.get_object().get(object)) return Fail(e, at);
      ok = WalkObject(
          object, tracked && !trie_.node(node).keys.empty() ? node : JsonPathTrie::kNone, depth);
    } else {
      od::array array;
      if (auto e = value.get_array().get(array)) return Fail(e, at);
      ok = WalkArray(
          array, tracked && !trie_.node(node).indexes.empty() ? node : JsonPathTrie::kNone, depth);
    }
    if (!ok) return false;
    for (size_t i = captures_before; i < captures_.size(); ++i) {
      const uint32_t column = captures_[i];
      slots_[column] = JsonSlot{JsonSlot::Kind::kText, scratch_[column], false};
    }
    captures_.resize(captures_before);
    return true;
  }

  if (type == od::json_type::string) {
    const std::string_view token = TrimRight(raw);
    std::string_view text;
    bool in_document = false;
    if (token.size() >= 2 && token.back() == '"' &&
        std::memchr(token.data(), '\\', token.size()) == nullptr) {
      // No escapes: the text is the document's own bytes (stage 1 checked UTF-8 and control
      // characters already). The token is still consumed: left to On-Demand's skipping, a
      // string followed by ':' would pass for a key and swallow what follows unchecked.
      simdjson::ondemand::raw_json_string consumed;
      if (auto e = value.get_raw_json_string().get(consumed)) return Fail(e, at);
      text = token.substr(1, token.size() - 2);
      in_document = true;
    } else if (auto e = value.get_string().get(text)) {
      return Fail(e, at);
    }
    // Without backslashes there is nothing to escape (but DEL, which AppendJsonString does),
    // so the token itself is the string's JSON spelling.
    const std::string_view json =
        in_document && std::memchr(token.data(), 0x7F, token.size()) == nullptr
            ? token
            : std::string_view();
    if (!captures_.empty()) {
      if (json.empty()) {
        EmitString(text);
      } else {
        Emit(json);
      }
    }
    if (tracked) SetStringScalar(node, text, in_document, json);
    return true;
  }

  const std::string_view token = TrimRight(raw);
  JsonSlot slot{JsonSlot::Kind::kText, token, true};
  if (type == od::json_type::number) {
    if (!IsJsonNumber(token)) {
      return Fail(simdjson::NUMBER_ERROR, at, "invalid number '" + std::string(token) + "'");
    }
  } else if (type == od::json_type::boolean) {
    if (token != "true" && token != "false") {
      return Fail(token[0] == 't' ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR, at,
                  "invalid literal '" + std::string(token) + "'");
    }
  } else if (token != "null") {
    return Fail(simdjson::N_ATOM_ERROR, at, "invalid literal '" + std::string(token) + "'");
  } else {
    slot = JsonSlot{JsonSlot::Kind::kNull, {}, false};
  }
  Emit(token);
  if (tracked) SetScalar(node, slot, TypeName(type));
  return true;
}

bool DocumentWalker::WalkObject(od::object object, uint32_t node, int depth) {
  Emit("{");
  size_t position = 0;
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return Fail(e, nullptr);
    // A key without backslashes is its own bytes; only others need unescaping (a copy).
    const char* raw_key = reinterpret_cast<const char*>(field.key().raw());
    const auto* quote = static_cast<const char*>(
        std::memchr(raw_key, '"', static_cast<size_t>(document_end_ - raw_key)));
    std::string_view key;
    if (quote != nullptr && std::memchr(raw_key, '\\', quote - raw_key) == nullptr) {
      key = std::string_view(raw_key, static_cast<size_t>(quote - raw_key));
    } else if (auto e = field.unescaped_key().get(key)) {
      return Fail(e, nullptr);
    }
    if (!captures_.empty()) {
      if (position > 0) Emit(",");
      EmitString(key);
      Emit(":");
    }
    const uint32_t child =
        node == JsonPathTrie::kNone ? JsonPathTrie::kNone : trie_.FindKey(node, key, position);
    if (!WalkValue(field.value(), child, depth + 1)) return false;
    ++position;
  }
  Emit("}");
  return true;
}

bool DocumentWalker::WalkArray(od::array array, uint32_t node, int depth) {
  Emit("[");
  uint64_t index = 0;
  for (auto element_result : array) {
    od::value element;
    if (auto e = std::move(element_result).get(element)) return Fail(e, nullptr);
    if (index > 0) Emit(",");
    const uint32_t child =
        node == JsonPathTrie::kNone ? JsonPathTrie::kNone : trie_.FindIndex(node, index);
    if (!WalkValue(element, child, depth + 1)) return false;
    ++index;
  }
  Emit("]");
  return true;
}

}  // namespace sluice

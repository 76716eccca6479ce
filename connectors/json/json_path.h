// Field paths into JSON documents ("customer.address.city", "items[0].sku", "meta.\"a.b\"")
// and the trie of all the paths a source extracts, walked once per document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice {

struct JsonPathStep {
  bool is_index = false;
  std::string key;     // when !is_index
  uint64_t index = 0;  // when is_index
  bool operator==(const JsonPathStep&) const = default;
};

// Syntax: steps separated by '.'; a step is a bare key (any characters but . [ ] "), a quoted
// key ("a.b", with \" and \\ escapes: any key at all), or an array index [N]; a quoted key may
// also be written in brackets (["a.b"]). An index step needs no dot before it: items[0].sku.
struct JsonPath {
  std::vector<JsonPathStep> steps;

  // A path of one key, taken literally (columns named after a document's top-level keys).
  static JsonPath Key(std::string key);
  // The path written back in the syntax above (keys quoted only when they must be).
  std::string ToString() const;
  bool operator==(const JsonPath&) const = default;
};

struct JsonPathParse {
  std::optional<JsonPath> path;
  std::string error;  // why not, naming the character position (1-based)
};
JsonPathParse ParseJsonPath(std::string_view text);

// The paths of all columns, merged: each node is a key or index step from its parent, with the
// columns whose path ends there. Node 0 is the document root.
class JsonPathTrie {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Node {
    std::vector<uint32_t> columns;  // ending here
    std::vector<std::pair<std::string, uint32_t>> keys;
    std::vector<std::pair<uint64_t, uint32_t>> indexes;
    uint32_t first_column_below = kNone;  // a column whose path goes through here, for reasons
    std::string path_text;                // the path to here, for reasons
  };

  explicit JsonPathTrie(const std::vector<JsonPath>& column_paths);

  const Node& node(uint32_t id) const { return nodes_[id]; }
  // The child reached by `key`, or kNone. `position` is the field's index in its object: keys
  // usually come in the same order in every document, so the child found at that position
  // last time is tried first, before any lookup.
  uint32_t FindKey(uint32_t id, std::string_view key, size_t position);
  uint32_t FindIndex(uint32_t id, uint64_t index) const;

 private:
  static constexpr size_t kMaxHints = 256;
  static constexpr size_t kLinearKeys = 8;

  std::vector<Node> nodes_;
  // Per node: the key child last found at each field position.
  std::vector<std::vector<uint32_t>> hints_;
  // Per node with many keys: key -> index into Node::keys.
  std::vector<std::unordered_map<std::string_view, uint32_t>> key_maps_;
};

}  // namespace sluice

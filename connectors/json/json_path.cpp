// Path parsing and the path trie.
#include "connectors/json/json_path.h"

#include <utility>

namespace sluice {
namespace {

bool IsBareKeyChar(char c) { return c != '.' && c != '[' && c != ']' && c != '"'; }

std::string At(size_t i) { return " at character " + std::to_string(i + 1); }

class PathParser {
 public:
  explicit PathParser(std::string_view text) : text_(text) {}

  JsonPathParse Parse() {
    JsonPathParse result;
    JsonPath path;
    if (text_.empty()) return Fail("the path is empty", 0);
    if (text_[0] == '[' && !IsQuotedBracket(0)) {
      return Fail("a path starts with a key (documents are objects), not an index", 0);
    }
    bool want_step = true;  // at the start or after '.'
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (want_step) {
        JsonPathStep step;
        if (c == '"') {
          if (!QuotedKey(step.key)) return result_;
        } else if (c == '[') {
          if (!Bracket(step)) return result_;
        } else {
          const size_t start = i_;
          while (i_ < text_.size() && IsBareKeyChar(text_[i_])) ++i_;
          if (i_ == start) return Fail(std::string("expected a key, found '") + c + "'", i_);
          step.key.assign(text_.substr(start, i_ - start));
        }
        path.steps.push_back(std::move(step));
        want_step = false;
      } else if (c == '.') {
        ++i_;
        if (i_ == text_.size()) return Fail("the path ends with '.'", i_ - 1);
        if (text_[i_] == '.') return Fail("empty key between two dots", i_);
        want_step = true;
      } else if (c == '[') {
        JsonPathStep step;
        if (!Bracket(step)) return result_;
        path.steps.push_back(std::move(step));
      } else {
        return Fail(std::string("expected '.' or '[', found '") + c + "'", i_);
      }
    }
    result.path = std::move(path);
    return result;
  }

 private:
  bool IsQuotedBracket(size_t i) const { return i + 1 < text_.size() && text_[i + 1] == '"'; }

  JsonPathParse Fail(std::string what, size_t at) {
    result_.error = what + At(at);
    return result_;
  }

  // At a '"': reads the quoted key and the closing quote.
  bool QuotedKey(std::string& key) {
    const size_t open = i_++;
    while (i_ < text_.size()) {
      const char c = text_[i_++];
      if (c == '"') return true;
      if (c == '\\') {
        if (i_ == text_.size()) break;
        const char e = text_[i_++];
        if (e != '"' && e != '\\') {
          Fail(std::string("unknown escape '\\") + e + "' in a quoted key (only \\\" and \\\\)",
               i_ - 2);
          return false;
        }
        key += e;
      } else {
        key += c;
      }
    }
    Fail("quoted key never closed", open);
    return false;
  }

  // At a '[': an index [N] or a quoted key ["..."].
  bool Bracket(JsonPathStep& step) {
    const size_t open = i_++;
    if (i_ < text_.size() && text_[i_] == '"') {
      if (!QuotedKey(step.key)) return false;
    } else {
      const size_t start = i_;
      uint64_t value = 0;
      while (i_ < text_.size() && text_[i_] >= '0' && text_[i_] <= '9') {
        if (i_ - start >= 18) {
          Fail("array index too large", start);
          return false;
        }
        value = value * 10 + static_cast<uint64_t>(text_[i_++] - '0');
      }
      if (i_ == start) {
        Fail("expected an array index (digits) or a quoted key after '['", open);
        return false;
      }
      step.is_index = true;
      step.index = value;
    }
    if (i_ == text_.size() || text_[i_] != ']') {
      Fail("'[' never closed by ']'", open);
      return false;
    }
    ++i_;
    return true;
  }

  std::string_view text_;
  size_t i_ = 0;
  JsonPathParse result_;
};

bool NeedsQuotes(const std::string& key) {
  if (key.empty()) return true;
  for (char c : key) {
    if (!IsBareKeyChar(c)) return true;
  }
  return false;
}

}  // namespace

JsonPathParse ParseJsonPath(std::string_view text) { return PathParser(text).Parse(); }

JsonPath JsonPath::Key(std::string key) {
  JsonPath path;
  path.steps.push_back({false, std::move(key), 0});
  return path;
}

std::string JsonPath::ToString() const {
  std::string out;
  for (const JsonPathStep& step : steps) {
    if (step.is_index) {
      out += "[" + std::to_string(step.index) + "]";
      continue;
    }
    if (!out.empty()) out += '.';
    if (!NeedsQuotes(step.key)) {
      out += step.key;
      continue;
    }
    out += '"';
    for (char c : step.key) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

JsonPathTrie::JsonPathTrie(const std::vector<JsonPath>& column_paths) {
  nodes_.emplace_back();
  for (uint32_t column = 0; column < column_paths.size(); ++column) {
    uint32_t at = 0;
    JsonPath prefix;
    for (const JsonPathStep& step : column_paths[column].steps) {
      if (nodes_[at].first_column_below == kNone) nodes_[at].first_column_below = column;
      prefix.steps.push_back(step);
      uint32_t next = step.is_index ? FindIndex(at, step.index) : kNone;
      if (!step.is_index) {
        for (const auto& [key, child] : nodes_[at].keys) {
          if (key == step.key) next = child;
        }
      }
      if (next == kNone) {
        next = static_cast<uint32_t>(nodes_.size());
        if (step.is_index) {
          nodes_[at].indexes.emplace_back(step.index, next);
        } else {
          nodes_[at].keys.emplace_back(step.key, next);
        }
        nodes_.emplace_back();
        nodes_.back().path_text = prefix.ToString();
      }
      at = next;
    }
    nodes_[at].columns.push_back(column);
    if (nodes_[at].first_column_below == kNone) nodes_[at].first_column_below = column;
  }
  hints_.resize(nodes_.size());
  key_maps_.resize(nodes_.size());
  for (size_t id = 0; id < nodes_.size(); ++id) {
    const auto& keys = nodes_[id].keys;
    if (keys.size() > kLinearKeys) {
      for (uint32_t k = 0; k < keys.size(); ++k) key_maps_[id].emplace(keys[k].first, k);
    }
  }
}

uint32_t JsonPathTrie::FindKey(uint32_t id, std::string_view key, size_t position) {
  const auto& keys = nodes_[id].keys;
  if (keys.empty()) return kNone;
  std::vector<uint32_t>& hints = hints_[id];
  if (position < hints.size()) {
    const uint32_t hint = hints[position];
    if (hint != kNone && keys[hint].first == key) return keys[hint].second;
  }
  uint32_t found = kNone;
  if (keys.size() <= kLinearKeys) {
    for (uint32_t k = 0; k < keys.size(); ++k) {
      if (keys[k].first == key) {
        found = k;
        break;
      }
    }
  } else {
    const auto it = key_maps_[id].find(key);
    if (it != key_maps_[id].end()) found = it->second;
  }
  if (position < kMaxHints) {
    if (position >= hints.size()) hints.resize(position + 1, kNone);
    hints[position] = found;
  }
  return found == kNone ? kNone : keys[found].second;
}

uint32_t JsonPathTrie::FindIndex(uint32_t id, uint64_t index) const {
  for (const auto& [i, child] : nodes_[id].indexes) {
    if (i == index) return child;
  }
  return kNone;
}

}  // namespace sluice

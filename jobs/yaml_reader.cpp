// YamlReader.
#include "jobs/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "pipeline/errors.h"

namespace sluice {

std::string YamlReader::Where(const YAML::Node& node) const {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return file_;
  return file_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void YamlReader::RequireMap(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) throw ConfigError(Where(node), what + " must be a mapping");
}

YAML::Node YamlReader::Required(const YAML::Node& map, const std::string& key,
                                const std::string& owner) const {
  YAML::Node n = map[key];
  if (!n || n.IsNull()) throw ConfigError(Where(map), owner + " needs '" + key + "'");
  return n;
}

void YamlReader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                           const std::string& owner) const {
  for (const auto& kv : map) {
    std::string key = Key(kv.first, owner);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw ConfigError(Where(kv.first),
                        "unknown key '" + key + "' in " + owner + " (known: " + list + ")");
    }
  }
}

std::string YamlReader::Scalar(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) throw ConfigError(Where(node), what + " must be a single value");
  return SubstituteEnv(node.Scalar(), Where(node), lookup_);
}

std::string YamlReader::Key(const YAML::Node& key, const std::string& owner) const {
  if (!key.IsScalar() && !key.IsNull()) {
    throw ConfigError(Where(key), "a key in " + owner + " must be a name, not a list or mapping");
  }
  return key.as<std::string>();
}

uint64_t YamlReader::Unsigned(const YAML::Node& node, const std::string& what) const {
  std::string s = Scalar(node, what);
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    throw ConfigError(Where(node), what + " must be a non-negative integer, got '" + s + "'");
  }
  return v;
}

bool YamlReader::Bool(const YAML::Node& node, const std::string& what) const {
  std::string s = Scalar(node, what);
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  throw ConfigError(Where(node), what + " must be true or false, got '" + s + "'");
}

char YamlReader::SingleChar(const YAML::Node& node, const std::string& what) const {
  std::string s = Scalar(node, what);
  if (s == "\\t" || s == "tab") return '\t';
  if (s.size() != 1 || static_cast<unsigned char>(s[0]) > 127) {
    throw ConfigError(Where(node), what + " must be one ASCII character, got '" + s + "'");
  }
  return s[0];
}

std::vector<std::string> YamlReader::ScalarList(const YAML::Node& node,
                                                const std::string& what) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(Scalar(node, what));
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(Scalar(item, what));
  } else {
    throw ConfigError(Where(node), what + " must be a name or a list of names");
  }
  return out;
}

}  // namespace sluice

// Environment substitution for job-file scalars.
#include "jobs/env_substitution.h"

#include <cctype>
#include <cstdlib>

#include "pipeline/errors.h"

namespace sluice {

std::optional<std::string> LookupProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

static bool IsNameChar(char c, bool first) {
  return c == '_' || std::isalpha(static_cast<unsigned char>(c)) ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

std::string SubstituteEnv(const std::string& text, const std::string& where,
                          const EnvLookup& lookup) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || text[i + 1] != '{') {
      out += '$';
      continue;
    }
    // Neither message quotes the value: it may be a connection string holding a password.
    const std::string at = " at character " + std::to_string(i + 1) + " of the value";
    size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      throw ConfigError(where, "unterminated ${" + at + " (write $$ for a literal $)");
    }
    std::string body = text.substr(i + 2, close - i - 2);
    std::string name = body;
    std::optional<std::string> fallback;
    if (size_t dash = body.find(":-"); dash != std::string::npos) {
      name = body.substr(0, dash);
      fallback = body.substr(dash + 2);
    }
    bool valid = !name.empty();
    for (size_t k = 0; k < name.size() && valid; ++k) valid = IsNameChar(name[k], k == 0);
    if (!valid) {
      throw ConfigError(where, "bad variable name in ${...}" + at +
                                   " (a name is letters, digits and _, not starting with a digit)");
    }
    std::optional<std::string> value = lookup(name);
    if (value && !value->empty()) {
      out += *value;
    } else if (fallback) {
      out += *fallback;
    } else if (value) {
      out += *value;  // set but empty, and no default: the empty string
    } else {
      throw ConfigError(where, "environment variable " + name +
                                   " is not set (give a default with ${" + name + ":-...})");
    }
    i = close;
  }
  return out;
}

}  // namespace sluice

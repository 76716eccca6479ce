// Connection-string parsing and masking.
#include "connectors/odbc/connection_string.h"

#include <algorithm>
#include <cctype>

namespace sluice {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool IsSecretKey(const std::string& key) {
  std::string k = Lower(key);
  return k == "pwd" || k == "password" || k.find("secret") != std::string::npos ||
         k.find("token") != std::string::npos || k.find("passwd") != std::string::npos;
}

// One `key=value` setting, or a bare segment without `=`: not a setting any driver reads, but
// what is left of a value that held a ';' without braces (a password from ${VAR}, typically).
struct Segment {
  std::string key;
  std::string value;
  bool bare = false;
};

std::vector<Segment> Segments(const std::string& s) {
  std::vector<Segment> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t eq = s.find('=', i);
    size_t end = s.find(';', i);
    if (eq == std::string::npos || (end != std::string::npos && end < eq)) {
      std::string bare = Trim(s.substr(i, end == std::string::npos ? std::string::npos : end - i));
      if (!bare.empty()) out.push_back({bare, "", true});
      i = end == std::string::npos ? s.size() : end + 1;
      continue;
    }
    std::string key = Trim(s.substr(i, eq - i));
    size_t v = eq + 1;
    std::string value;
    if (v < s.size() && s[v] == '{') {
      // {...} may hold ';'; '}}' is an escaped brace.
      size_t k = v + 1;
      while (k < s.size()) {
        if (s[k] == '}') {
          if (k + 1 < s.size() && s[k + 1] == '}') {
            value += '}';
            k += 2;
            continue;
          }
          break;
        }
        value += s[k++];
      }
      i = s.find(';', k);
      i = i == std::string::npos ? s.size() : i + 1;
    } else {
      size_t semi = s.find(';', v);
      value = Trim(s.substr(v, semi == std::string::npos ? std::string::npos : semi - v));
      i = semi == std::string::npos ? s.size() : semi + 1;
    }
    if (!key.empty()) out.push_back({key, value, false});
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseConnectionString(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (Segment& segment : Segments(s)) {
    out.emplace_back(std::move(segment.key), std::move(segment.value));
  }
  return out;
}

std::string ConnectionValue(const std::string& s, const std::string& key) {
  for (const auto& [k, v] : ParseConnectionString(s)) {
    if (Lower(k) == Lower(key)) return v;
  }
  return "";
}

std::string MaskConnectionString(const std::string& s) {
  std::string out;
  for (const Segment& segment : Segments(s)) {
    if (!out.empty()) out += ';';
    if (segment.bare) {
      out += "***";
    } else {
      out += segment.key + "=" + (IsSecretKey(segment.key) ? "***" : segment.value);
    }
  }
  return out;
}

}  // namespace sluice

// ODBC connection strings: parsing "Key=Value;..." and masking secrets before any message.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sluice {

// Key/value pairs in order; values in {braces} are unwrapped.
std::vector<std::pair<std::string, std::string>> ParseConnectionString(const std::string& s);

// The value of `key` (case-insensitive), or "".
std::string ConnectionValue(const std::string& s, const std::string& key);

// The connection string with every secret value (PWD, Password, and anything named like a
// token or secret) replaced by ***. The only form in which a connection string is printed.
std::string MaskConnectionString(const std::string& s);

}  // namespace sluice

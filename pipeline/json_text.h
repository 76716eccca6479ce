// Writing JSON strings: escaping per RFC 8259, invalid UTF-8 replaced by U+FFFD so the
// output is always valid JSON.
#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Appends `value` as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace sluice

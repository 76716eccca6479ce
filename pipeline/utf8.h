// UTF-8 validity, shared by the readers that explain where a record's encoding breaks.
#pragma once

#include <cstddef>
#include <string_view>

namespace sluice {

// The offset of the first byte that breaks UTF-8 (overlong forms, surrogates and code points
// past U+10FFFF included), or std::string_view::npos when the text is valid.
size_t FirstInvalidUtf8(std::string_view s);

}  // namespace sluice

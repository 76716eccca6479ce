// UTF-8 helpers of the text transforms that are not hot enough to live inline.
#include "transforms/text_utf8.h"

namespace sluice {

namespace {

// The code point that ends at `end` (end > 0), found by stepping back over continuation bytes.
// A byte that does not end a valid sequence is returned as an invalid one-byte unit.
CodePoint DecodeLastUtf8(std::string_view text, size_t end) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  if (byte(end - 1) < 0x80) return {byte(end - 1), 1, true};
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (byte(start) & 0xC0) == 0x80) --start;
  CodePoint cp = DecodeUtf8(text, start);
  if (cp.valid && start + cp.length == end) return cp;
  return {kReplacementCharacter, 1, false};
}

}  // namespace

std::string_view TrimUnicodeSpace(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    CodePoint cp = DecodeUtf8(text, begin);
    if (!IsUnicodeSpace(cp.value)) break;
    begin += cp.length;
  }
  size_t end = text.size();
  while (end > begin) {
    CodePoint cp = DecodeLastUtf8(text, end);
    if (!IsUnicodeSpace(cp.value)) break;
    end -= cp.length;
  }
  return text.substr(begin, end - begin);
}

bool IsAllUnicodeSpace(std::string_view text) { return TrimUnicodeSpace(text).empty(); }

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); pos += DecodeUtf8(text, pos).length) ++count;
  return count;
}

size_t ByteOffsetOfCodePoint(std::string_view text, size_t count) {
  size_t pos = 0;
  for (size_t i = 0; i < count && pos < text.size(); ++i) pos += DecodeUtf8(text, pos).length;
  return pos;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    CodePoint cp = DecodeUtf8(text, pos);
    if (!cp.valid) return false;
    pos += cp.length;
  }
  return true;
}

std::string QuoteForReason(std::string_view text) {
  constexpr size_t kMaxCodePoints = 40;
  size_t cut = ByteOffsetOfCodePoint(text, kMaxCodePoints);
  std::string quoted = "'";
  quoted.append(text.substr(0, cut));
  quoted += cut < text.size() ? "...'" : "'";
  return quoted;
}

}  // namespace sluice

// ElementScanner: a byte loop that skips ordinary bytes through a table and stops only at the
// few that matter (quotes, backslashes, brackets, commas, newlines).
#include "connectors/json/element_scanner.h"

#include <array>

namespace sluice {
namespace {

// 1: stops the scan outside strings; 2: stops it inside strings.
constexpr std::array<uint8_t, 256> MakeStops() {
  std::array<uint8_t, 256> stops{};
  for (unsigned char c : {'"', '{', '}', '[', ']', ',', '\n'}) stops[c] |= 1;
  for (unsigned char c : {'"', '\\', '\n'}) stops[c] |= 2;
  return stops;
}
constexpr std::array<uint8_t, 256> kStops = MakeStops();

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

void ElementScanner::Reset() {
  open_.clear();
  in_string_ = false;
  escape_ = false;
  complete_ = false;
  started_ = false;
  newlines_ = 0;
  last_newline_offset_ = 0;
}

ElementScanner::End ElementScanner::Scan(const char* data, size_t from, size_t size, uint64_t base,
                                         size_t& end) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  // Only the element's own first byte may be a lone ',' or closer (data may have moved on).
  const bool first_call = !started_;
  if (size > from) started_ = true;
  size_t i = from;
  while (i < size) {
    if (escape_) {
      escape_ = false;
      if (bytes[i] == '\n') {
        end = i;
        return End::kBroken;
      }
      ++i;
      continue;
    }
    if (in_string_) {
      while (i < size && (kStops[bytes[i]] & 2) == 0) ++i;
      if (i == size) break;
      const unsigned char c = bytes[i];
      if (c == '\n') {
        end = i;
        return End::kBroken;
      }
      if (c == '"') {
        in_string_ = false;
        if (open_.empty()) complete_ = true;
      } else {
        escape_ = true;
      }
      ++i;
      continue;
    }
    if (complete_) {
      if (!IsSpace(data[i])) {
        end = i;
        return End::kSeparator;
      }
      if (data[i] == '\n') {
        ++newlines_;
        last_newline_offset_ = base + i;
      }
      ++i;
      continue;
    }
    while (i < size && (kStops[bytes[i]] & 1) == 0) ++i;
    if (i == size) break;
    const char c = data[i];
    switch (c) {
      case '"':
        in_string_ = true;
        break;
      case '{':
      case '[':
        open_.push_back(c);
        break;
      case '}':
      case ']': {
        const char opener = c == '}' ? '{' : '[';
        const size_t match = open_.rfind(opener);
        if (match == std::string::npos) {
          // Closes nothing of this element: at depth 0 the array's own ']' (or a stray
          // closer, which then becomes an element of its own); deeper, the element is broken.
          if (i == 0 && first_call) {
            end = 1;
            return End::kBroken;
          }
          end = i;
          return open_.empty() ? End::kSeparator : End::kBroken;
        }
        // A mismatched closer closes through its nearest opener: the likeliest repair.
        open_.resize(match);
        if (open_.empty()) complete_ = true;
        break;
      }
      case ',':
        if (open_.empty()) {
          if (i == 0 && first_call) {
            end = 1;
            return End::kBroken;
          }
          end = i;
          return End::kSeparator;
        }
        break;
      case '\n':
        ++newlines_;
        last_newline_offset_ = base + i;
        break;
      default:
        break;
    }
    ++i;
  }
  return End::kMore;
}

}  // namespace sluice

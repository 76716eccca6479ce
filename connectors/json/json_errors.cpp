// Error reasons: a short phrase per simdjson error code, located to the byte where possible.
#include "connectors/json/json_errors.h"

#include "pipeline/utf8.h"

namespace sluice {
namespace {

constexpr size_t kNowhere = std::string_view::npos;

// Scans the strings of `doc`: the opening quote of a string never closed, or the first raw
// control character inside a string.
struct StringScan {
  size_t unclosed_at = kNowhere;
  size_t control_at = kNowhere;
};
StringScan ScanStrings(std::string_view doc) {
  StringScan scan;
  bool in_string = false;
  size_t opened = 0;
  for (size_t i = 0; i < doc.size(); ++i) {
    const auto c = static_cast<unsigned char>(doc[i]);
    if (!in_string) {
      if (c == '"') {
        in_string = true;
        opened = i;
      }
    } else if (c == '\\') {
      ++i;
    } else if (c == '"') {
      in_string = false;
    } else if (c < 0x20 && scan.control_at == kNowhere) {
      scan.control_at = i;
    }
  }
  if (in_string) scan.unclosed_at = opened;
  return scan;
}

std::string Located(std::string what, std::string_view doc, size_t at, TextPosition start) {
  if (at == kNowhere || at > doc.size()) return what;
  return what + " at " + FormatPosition(PositionIn(doc, at, start));
}

std::string Shown(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte >= 0x7F) {
    static const char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15];
  }
  return std::string("'") + c + "'";
}

}  // namespace

TextPosition PositionIn(std::string_view doc, size_t at, TextPosition start) {
  TextPosition p = start;
  for (size_t i = 0; i < at && i < doc.size(); ++i) {
    if (doc[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string FormatPosition(TextPosition p) {
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

std::string DescribeSyntaxError(std::string_view doc, TextPosition start,
                                const JsonSyntaxError& error) {
  size_t at = kNowhere;
  if (error.at != nullptr && error.at >= doc.data() && error.at <= doc.data() + doc.size()) {
    at = static_cast<size_t>(error.at - doc.data());
  }
  if (!error.detail.empty()) return Located(error.detail, doc, at, start);
  switch (error.code) {
    case simdjson::UTF8_ERROR:
      return Located("invalid UTF-8", doc, FirstInvalidUtf8(doc), start);
    case simdjson::UNCLOSED_STRING: {
      const size_t opened = ScanStrings(doc).unclosed_at;
      if (opened == kNowhere) return "a string is never closed";
      return "a string is never closed (it opens at " +
             FormatPosition(PositionIn(doc, opened, start)) + ")";
    }
    case simdjson::UNESCAPED_CHARS:
      return Located("a control character inside a string is not escaped", doc,
                     ScanStrings(doc).control_at, start);
    case simdjson::STRING_ERROR:
      return Located("invalid escape sequence in a string", doc, at, start);
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return Located("an object or array is never closed", doc, at, start);
    case simdjson::EMPTY:
      return "empty document";
    case simdjson::TAPE_ERROR:
    case simdjson::INCORRECT_TYPE:
    case simdjson::OUT_OF_BOUNDS:
      if (at != kNowhere && at < doc.size()) {
        return Located("malformed JSON: unexpected " + Shown(doc[at]), doc, at, start);
      }
      return "malformed JSON: the document ends too early";
    default:
      return Located(std::string("malformed JSON (") + simdjson::error_message(error.code) + ")",
                     doc, at, start);
  }
}

std::string DescribeNonObject(std::string_view doc, TextPosition start) {
  std::string found;
  switch (doc.empty() ? '\0' : doc[0]) {
    case '[':
      found = "an array";
      break;
    case '"':
      found = "a string";
      break;
    case 't':
    case 'f':
      found = "a boolean";
      break;
    case 'n':
      found = "null";
      break;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      found = "a number";
      break;
    default:
      return Located("not JSON: unexpected " + Shown(doc.empty() ? '\0' : doc[0]), doc, 0, start);
  }
  return Located("expected a JSON object, found " + found, doc, 0, start);
}

}  // namespace sluice

// Validate() of the file target options: catches settings that would write an unreadable or
// ambiguous file before a single row is read.
#include "connectors/file/file_sink_options.h"

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Shown(char c) {
  switch (c) {
    case '\t':
      return "'\\t'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case '\0':
      return "'\\0'";
    default:
      return std::string("'") + c + "'";
  }
}

// Readers find fields on raw bytes, so the special characters must be single ASCII bytes that
// cannot occur inside a UTF-8 sequence or a line ending.
bool UsableSpecialChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte != 0 && byte < 0x80 && c != '\n' && c != '\r';
}

}  // namespace

void FileTargetOptions::Validate(const std::string& where) const {
  if (path.empty()) throw ConfigError(where, "target.path is required");
  if (path != "-" && path.back() == '/') {
    throw ConfigError(where, "target.path '" + path + "' names a directory, not a file");
  }
  if (gzip_level < 1 || gzip_level > 9) {
    throw ConfigError(where, "target.gzip_level must be 1..9, got " + std::to_string(gzip_level));
  }
  if (buffer_bytes == 0) throw ConfigError(where, "target.buffer_bytes must be positive");
}

void CsvWriteOptions::Validate(const std::string& where) const {
  FileTargetOptions::Validate(where);
  if (!UsableSpecialChar(delimiter)) {
    throw ConfigError(where, "target.delimiter " + Shown(delimiter) +
                                 " must be one ASCII character other than a line ending");
  }
  if (!UsableSpecialChar(quote)) {
    throw ConfigError(where, "target.quote " + Shown(quote) +
                                 " must be one ASCII character other than a line ending");
  }
  if (delimiter == quote) {
    throw ConfigError(where,
                      "target.delimiter and target.quote must differ (both " + Shown(quote) + ")");
  }
  if (line_end != "\n" && line_end != "\r\n") {
    throw ConfigError(where, "target.line_end must be \"\\n\" or \"\\r\\n\"");
  }
  // NULL is written unquoted, so its text must be a field no reader could split or unquote.
  for (char c : null_text) {
    if (c == delimiter || c == quote || c == '\n' || c == '\r') {
      throw ConfigError(where, "target.null \"" + null_text + "\" contains " + Shown(c) +
                                   ", so a reader could not tell it from a value");
    }
  }
  if (true_text.empty() || false_text.empty() || true_text == false_text) {
    throw ConfigError(where, "target.true and target.false must be two different non-empty texts");
  }
  if (true_text == null_text || false_text == null_text) {
    throw ConfigError(where, "target.null \"" + null_text + "\" equals a boolean's text");
  }
}

void JsonWriteOptions::Validate(const std::string& where) const {
  FileTargetOptions::Validate(where);
}

}  // namespace sluice

// The JSON file target: one object per row (NDJSON lines or one array), keys being the target's
// column names in schema order, written atomically (see FileSink). Numbers keep their exact
// digits; text is escaped per RFC 8259 with invalid UTF-8 replaced by U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "connectors/file/file_sink.h"
#include "connectors/file/file_sink_options.h"
#include "pipeline/value_format.h"

namespace sluice {

class JsonFileSink : public FileSink {
 public:
  explicit JsonFileSink(JsonWriteOptions options);

  // Appends the kKeep rows; a file refuses no row.
  WriteResult Write(const Batch& batch) override;

 protected:
  // Array format: "[", then "\n" before the first row and ",\n" before every other.
  void StartFile(const Schema& schema, std::string& out) override;
  // Array format: "\n]\n", or "]\n" when no row was written (so the file is "[]\n").
  void EndFile(std::string& out) override;

 private:
  void AppendValue(const Column& column, size_t row, std::string& out);

  JsonWriteOptions options_;
  ValueFormatter formatter_;
  // `"name":` of the first column, `,"name":` of the others, escaped once at Open().
  std::vector<std::string> keys_;
  uint64_t rows_ = 0;
};

}  // namespace sluice

// The JSON source: NDJSON or one top-level array of objects, from a file, standard input or a
// .gz file, streamed in bounded memory. Every document is a row of text columns (strings
// unescaped, numbers with their exact digits, booleans, nested values as JSON text where a
// column accepts it); a broken document is a rejected row with its reason, line and raw text.
#pragma once

#include <memory>
#include <vector>

#include "connectors/file/byte_reader.h"
#include "connectors/file/read_window.h"
#include "connectors/json/json_options.h"
#include "pipeline/source.h"

namespace sluice {

class JsonRowBuilder;
class NdjsonReader;
class JsonArrayReader;
struct JsonColumnSpec;

class JsonSource : public Source {
 public:
  // Opens the file, settles the format (auto: by the first byte that is not whitespace) and the
  // columns (listed, or the first document's top-level keys). Throws ConfigError for bad
  // options and RunError naming the file (and line) when it cannot be read or the columns
  // cannot be taken from it.
  explicit JsonSource(JsonOptions options);
  ~JsonSource() override;

  const Schema& schema() const override { return schema_; }
  bool ReadNext(Batch& out, size_t max_rows) override;
  // The byte offset of the next unread document and the lines before it.
  SourcePosition Position() const override;
  // Continues at a position Position() returned earlier. Throws RunError for standard input.
  void SeekTo(const SourcePosition& at) override;

  // The format read (never kAuto).
  JsonFormat format() const { return format_; }

 private:
  std::vector<JsonColumnSpec> ListedColumns() const;
  std::vector<JsonColumnSpec> ColumnsOfFirstDocument();

  JsonOptions options_;
  ByteReader reader_;
  ReadWindow window_;
  JsonFormat format_ = JsonFormat::kNdjson;
  Schema schema_;
  std::unique_ptr<JsonRowBuilder> rows_;
  std::unique_ptr<NdjsonReader> ndjson_;
  std::unique_ptr<JsonArrayReader> array_;
};

}  // namespace sluice

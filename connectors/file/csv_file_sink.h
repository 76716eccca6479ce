// The CSV file target: RFC 4180 records formatted straight into the output buffer, written
// atomically (see FileSink). NULL versus empty string: see CsvWriteOptions.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "connectors/file/file_sink.h"
#include "connectors/file/file_sink_options.h"
#include "pipeline/value_format.h"

namespace sluice {

class CsvFileSink : public FileSink {
 public:
  // Throws ConfigError when the options do not Validate().
  explicit CsvFileSink(CsvWriteOptions options);

  // Appends the kKeep rows; a file refuses no row.
  WriteResult Write(const Batch& batch) override;

 protected:
  void StartFile(const Schema& schema, std::string& out) override;

 private:
  // Appends one non-NULL value, quoted when a reader would otherwise misread it.
  void AppendField(std::string_view value, std::string& out) const;
  bool NeedsQuotes(std::string_view value) const;
  // Whether a formatted (non-text) value of `type` could ever need quotes with these options.
  bool MayNeedQuotes(const DataType& type) const;

  CsvWriteOptions options_;
  ValueFormatter formatter_;
  std::array<bool, 256> special_{};  // delimiter, quote, CR, LF
  // Per TypeId: whether a formatted value of that type can ever need quotes.
  std::array<bool, 8> check_quotes_{};
  std::string scratch_;
};

}  // namespace sluice

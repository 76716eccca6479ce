// The CSV source: reads records, splits them into text columns and keeps every record a row,
// a malformed one rejected with its reason, so the accounting of rows read stays exact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "connectors/csv/csv_options.h"
#include "connectors/csv/csv_record_reader.h"
#include "connectors/csv/csv_splitter.h"
#include "pipeline/source.h"

namespace sluice {

class CsvSource : public Source {
 public:
  // Opens the file and reads the header (or the first record, to count columns when neither
  // header nor column_names give them). Throws RunError naming file:line on a bad header.
  explicit CsvSource(CsvOptions options);

  const Schema& schema() const override { return schema_; }
  bool ReadNext(Batch& out, size_t max_rows) override;
  SourcePosition Position() const override;
  // Continues at a position Position() returned earlier (a record boundary after the header).
  void SeekTo(const SourcePosition& at) override;

 private:
  void ReadHeader();
  // Reads the next non-blank record into `record`; false at the end.
  bool NextRecord(CsvRecord& record);
  void AppendRecord(Batch& out, const CsvRecord& record);
  std::string Where(uint64_t line) const;

  CsvOptions options_;
  CsvRecordReader reader_;
  Schema schema_;
  std::vector<CsvField> fields_;
  StringArena header_arena_{4096};
  uint64_t data_start_offset_ = 0;
  // The first data record when it had to be read to count the columns; copied because the
  // reader's view dies on the next read.
  bool has_pending_ = false;
  std::string pending_bytes_;
  CsvRecord pending_;
};

}  // namespace sluice

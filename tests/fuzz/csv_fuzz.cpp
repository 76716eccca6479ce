// libFuzzer target: arbitrary bytes (the first three choose options) through CsvSource. Besides
// not crashing, it checks the accounting: every byte of the file is a row's record, a line
// ending or a blank line, and reading resumed from Position() gives the same rows.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/csv/csv_source.h"
#include "pipeline/errors.h"

namespace {

using sluice::Batch;
using sluice::CsvOptions;
using sluice::CsvSource;
using sluice::RowState;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "csv_fuzz: broken invariant: %s\n", what);
    std::abort();
  }
}

struct SeenRow {
  uint64_t line;
  uint64_t offset;
  std::string raw;
  bool rejected;
  std::vector<std::string> values;  // "\x01NULL" for NULL

  bool operator==(const SeenRow&) const = default;
};

// Reads everything left, checking every batch.
std::vector<SeenRow> Drain(CsvSource& source, size_t max_rows) {
  std::vector<SeenRow> rows;
  // Reused like the pipeline's batch buffers, so its arena block is not allocated per input.
  static Batch batch;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, max_rows)) break;
    const size_t n = batch.num_rows();
    Check(n > 0 && n <= max_rows, "batch size");
    Check(batch.origins.size() == n && batch.raw_records.size() == n, "per-row vectors");
    Check(batch.columns.size() == source.schema().size(), "one column per field");
    for (const auto& c : batch.columns) Check(c.size() == n && c.text.size() == n, "column size");
    Check(batch.rejections.size() == batch.CountState(RowState::kRejected),
          "one reason per reject");
    for (const auto& r : batch.rejections) Check(!r.reason.empty(), "reason given");
    for (size_t r = 0; r < n; ++r) {
      SeenRow row{batch.origins[r].line,
                  batch.origins[r].byte_offset,
                  std::string(batch.raw_records[r]),
                  batch.states[r] == RowState::kRejected,
                  {}};
      Check(batch.states[r] != RowState::kFiltered, "no filtering in a source");
      for (const auto& c : batch.columns) {
        if (row.rejected) Check(c.IsNull(r), "rejected rows are all NULL");
        row.values.push_back(c.IsNull(r) ? std::string("\x01NULL") : std::string(c.text[r]));
      }
      rows.push_back(std::move(row));
    }
    const SeenRow& last = rows.back();
    Check(source.Position().byte_offset >= last.offset + last.raw.size(),
          "batch ends after its rows");
    Check(source.Position().line >= last.line, "batch end line");
  }
  return rows;
}

bool OnlyLineEndings(std::string_view s) {
  return s.find_first_not_of("\r\n") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size < 3) return 0;
  const uint8_t a = bytes[0];
  const uint8_t b = bytes[1];
  const uint8_t c = bytes[2];
  const std::string_view data(reinterpret_cast<const char*>(bytes) + 3, size - 3);

  const int fd = memfd_create("csv_fuzz", 0);
  Check(fd >= 0, "memfd_create");
  Check(write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()), "write");

  CsvOptions options;
  options.path = "/proc/self/fd/" + std::to_string(fd);
  options.header = (a & 1) != 0;
  options.delimiter = ",;\t|"[(a >> 1) & 3];
  options.quote = (a & 8) != 0 ? '\'' : '"';
  if ((a & 16) != 0) options.null_token = (a & 32) != 0 ? "" : "N";
  options.strict_quotes = (a & 64) == 0;
  options.validate_utf8 = (a & 128) == 0;
  options.read_block_bytes = (b & 128) != 0 ? 4096 : 1 + (b & 15);
  options.max_record_bytes = (b & 64) != 0 ? 32 : 1 << 20;
  if ((c & 128) != 0) options.column_names = {"x", "y", "z"};
  const size_t max_rows = 1 + (c & 7);

  try {
    CsvSource source(options);
    const uint64_t data_start = source.Position().byte_offset;
    const std::vector<SeenRow> rows = Drain(source, max_rows);

    // Every byte after the header is accounted for, in order.
    uint64_t expected_start = data_start;
    if (expected_start == 0 && data.substr(0, 3) == "\xEF\xBB\xBF") expected_start = 3;
    uint64_t previous_line = 0;
    for (const SeenRow& row : rows) {
      Check(row.offset >= expected_start && row.offset + row.raw.size() <= data.size(), "order");
      Check(OnlyLineEndings(data.substr(expected_start, row.offset - expected_start)),
            "only line endings between records");
      Check(data.substr(row.offset, row.raw.size()) == row.raw, "raw record is the file's bytes");
      Check(row.line > previous_line, "lines increase");
      previous_line = row.line;
      expected_start = row.offset + row.raw.size();
    }
    if (!rows.empty()) {
      Check(OnlyLineEndings(data.substr(expected_start)), "only line endings after the last");
      Check(source.Position().byte_offset == data.size(), "end offset is the file size");
      const uint64_t lines = static_cast<uint64_t>(std::count(data.begin(), data.end(), '\n')) +
                             (data.back() != '\n' ? 1 : 0);
      Check(source.Position().line == lines, "end line is the number of lines");
    }

    // Resuming after the first batch gives the same rows as reading on.
    if ((c & 8) != 0 && rows.size() > max_rows) {
      CsvSource first(options);
      static Batch batch;
      batch.Clear();
      first.ReadNext(batch, max_rows);
      CsvSource resumed(options);
      resumed.SeekTo(first.Position());
      const std::vector<SeenRow> rest = Drain(resumed, max_rows);
      Check(rest == std::vector<SeenRow>(rows.begin() + static_cast<long>(max_rows), rows.end()),
            "resumed rows equal the rest");
    }
  } catch (const sluice::RunError&) {
    // A bad header or an over-long record ends the run with a message: allowed.
  }
  close(fd);
  return 0;
}

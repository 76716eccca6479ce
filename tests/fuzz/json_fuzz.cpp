// libFuzzer target: arbitrary bytes (the first three choose options) through JsonSource. Besides
// not crashing, it checks the accounting (every row's raw text is the file's bytes at its offset,
// on the line its origin says), that a kept row is valid JSON by simdjson's DOM parser (which
// validates everything), that another chunk size reads the same rows, and that reading resumed
// from Position() gives the same rows.
#include <simdjson.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/json/json_source.h"
#include "pipeline/errors.h"

namespace {

using sluice::Batch;
using sluice::JsonColumn;
using sluice::JsonFormat;
using sluice::JsonOptions;
using sluice::JsonSource;
using sluice::RowState;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "json_fuzz: broken invariant: %s\n", what);
    std::abort();
  }
}

struct SeenRow {
  uint64_t line;
  uint64_t offset;
  std::string raw;
  std::string reason;               // empty when kept; "column: reason" for a mismatch
  std::vector<std::string> values;  // "\x01NULL" for NULL

  bool operator==(const SeenRow&) const = default;
};

// Reads everything left, checking every batch.
std::vector<SeenRow> Drain(JsonSource& source, size_t max_rows) {
  std::vector<SeenRow> rows;
  static Batch batch;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, max_rows)) {
      Check(batch.num_rows() == 0, "false means no rows");
      break;
    }
    const size_t n = batch.num_rows();
    Check(n > 0 && n <= max_rows, "batch size");
    Check(batch.origins.size() == n && batch.raw_records.size() == n, "per-row vectors");
    Check(batch.columns.size() == source.schema().size(), "one column per field");
    for (const auto& c : batch.columns) Check(c.size() == n && c.text.size() == n, "column size");
    Check(batch.rejections.size() == batch.CountState(RowState::kRejected),
          "one reason per reject");
    for (size_t r = 0; r < n; ++r) {
      SeenRow row{batch.origins[r].line,
                  batch.origins[r].byte_offset,
                  std::string(batch.raw_records[r]),
                  "",
                  {}};
      Check(batch.states[r] != RowState::kFiltered, "no filtering in a source");
      for (const auto& c : batch.columns) {
        if (batch.states[r] == RowState::kRejected) Check(c.IsNull(r), "rejected rows are NULL");
        row.values.push_back(c.IsNull(r) ? std::string("\x01NULL") : std::string(c.text[r]));
      }
      rows.push_back(std::move(row));
    }
    const size_t first = rows.size() - n;
    for (const auto& rejection : batch.rejections) {
      Check(!rejection.reason.empty(), "reason given");
      rows[first + rejection.row].reason =
          rejection.column.empty() ? rejection.reason : rejection.column + ": " + rejection.reason;
    }
  }
  return rows;
}

bool IsValidObject(std::string_view raw) {
  static simdjson::dom::parser parser;
  simdjson::dom::element element;
  const simdjson::padded_string copy(raw);
  const auto error = parser.parse(copy).get(element);
  // The DOM parser refuses numbers it cannot hold in 64 bits or a double; sluice keeps their
  // digits.
  if (error == simdjson::NUMBER_ERROR) return true;
  return !error && element.is_object();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size < 3) return 0;
  const uint8_t a = bytes[0];
  const uint8_t b = bytes[1];
  const uint8_t c = bytes[2];
  const std::string_view data(reinterpret_cast<const char*>(bytes) + 3, size - 3);

  const int fd = memfd_create("json_fuzz", 0);
  Check(fd >= 0, "memfd_create");
  Check(write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()), "write");

  JsonOptions options;
  options.path = "/proc/self/fd/" + std::to_string(fd);
  options.format = (a & 3) == 0   ? JsonFormat::kAuto
                   : (a & 3) == 1 ? JsonFormat::kNdjson
                                  : JsonFormat::kArray;
  switch ((a >> 2) & 3) {
    case 0:
      break;  // the first document's keys
    case 1:
      options.columns = {{"a", "", false}, {"bc", "b.c", false}, {"d0", "d[0]", false}};
      break;
    case 2:
      options.columns = {{"a", "", true}, {"b", "b", true}, {"bc", "b.c", false}};
      break;
    default:
      options.columns = {{"x", "x[1].y", true}, {"ab", "\"a.b\"", false}, {"a", "a", false}};
      break;
  }
  options.read_chunk_bytes = (b & 128) != 0 ? 4096 : 1 + (b & 15);
  options.max_document_bytes = (b & 64) != 0 ? 16 : 1 << 20;
  const size_t max_rows = 1 + (c & 7);

  std::vector<SeenRow> rows;
  bool opened = false;
  try {
    JsonSource source(options);
    opened = true;
    rows = Drain(source, max_rows);
    Check(source.Position().byte_offset == data.size(), "the end offset is the file size");
  } catch (const sluice::RunError&) {
    // Only opening may fail (a first document the columns cannot come from, not an array).
    Check(!opened, "a RunError while reading");
  }
  if (opened) {
    uint64_t previous_offset = 0;
    for (const SeenRow& row : rows) {
      Check(row.offset >= previous_offset, "rows in file order");
      previous_offset = row.offset;
      Check(row.offset + row.raw.size() <= data.size(), "raw text inside the file");
      Check(data.substr(row.offset, row.raw.size()) == row.raw, "raw text is the file's bytes");
      const auto newlines = static_cast<uint64_t>(
          std::count(data.begin(), data.begin() + static_cast<long>(row.offset), '\n'));
      Check(row.line == newlines + 1, "origin line");
      if (row.reason.empty()) Check(IsValidObject(row.raw), "a kept row is a valid object");
    }

    // Another chunk size and batch size read the same rows.
    JsonOptions other = options;
    other.read_chunk_bytes = options.read_chunk_bytes == 4096 ? 3 : 4096;
    JsonSource again(other);
    Check(Drain(again, 8 - (c & 7)) == rows, "the same rows at another chunk size");

    // Resuming after the first batch gives the same rows as reading on.
    if ((c & 8) != 0 && rows.size() > max_rows) {
      JsonSource first(options);
      static Batch batch;
      batch.Clear();
      first.ReadNext(batch, max_rows);
      // A batch may stop short (the array reader keeps an element with the report after it).
      const auto taken = static_cast<long>(batch.num_rows());
      JsonSource resumed(options);
      resumed.SeekTo(first.Position());
      std::vector<SeenRow> rest = Drain(resumed, max_rows);
      const std::vector<SeenRow> expected(rows.begin() + taken, rows.end());
      // Documented: with batches of one row, resuming between an array's last element (ending
      // the file) and the report of its missing ']' cannot tell that the report is still due.
      if (max_rows == 1 && rest.size() + 1 == expected.size() &&
          expected.back().reason == "the file ends before the array's closing ']'") {
        rest.push_back(expected.back());
      }
      Check(rest == expected, "resumed rows equal the rest");
    }
  }
  close(fd);
  return 0;
}

// What the JSON source tests share: rows as they are compared (values, origin, rejection) and
// reading a whole source while checking every batch's invariants.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "connectors/json/json_source.h"
#include "pipeline/batch.h"

namespace sluice::testing {

struct JsonRow {
  JsonRow() = default;
  JsonRow(std::vector<std::optional<std::string>> v, uint64_t l, uint64_t o, std::string rej,
          std::string r = "")
      : values(std::move(v)),
        line(l),
        byte_offset(o),
        rejection(std::move(rej)),
        raw(std::move(r)) {}

  std::vector<std::optional<std::string>> values;  // nullopt: NULL
  uint64_t line = 0;
  uint64_t byte_offset = 0;
  std::string rejection;  // empty when kept
  std::string raw;        // compared only when the expectation sets it

  bool operator==(const JsonRow& o) const {
    return values == o.values && line == o.line && byte_offset == o.byte_offset &&
           rejection == o.rejection && (raw.empty() || o.raw.empty() || raw == o.raw);
  }
};

inline std::ostream& operator<<(std::ostream& os, const JsonRow& r) {
  os << "{[";
  for (const auto& v : r.values) os << (v ? "\"" + *v + "\"" : "<null>") << " ";
  return os << "] line " << r.line << " offset " << r.byte_offset << " '" << r.rejection << "'}";
}

inline std::vector<JsonRow> JsonRows(const Batch& batch) {
  std::vector<JsonRow> rows(batch.num_rows());
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    for (const Column& c : batch.columns) {
      rows[r].values.push_back(c.IsNull(r) ? std::nullopt : std::optional<std::string>(c.text[r]));
    }
    rows[r].line = batch.origins[r].line;
    rows[r].byte_offset = batch.origins[r].byte_offset;
    rows[r].raw = std::string(batch.raw_records[r]);
  }
  for (const Rejection& rej : batch.rejections) {
    EXPECT_EQ(batch.states[rej.row], RowState::kRejected);
    EXPECT_EQ(rej.rule, "json");
    rows[rej.row].rejection = rej.column.empty() ? rej.reason : rej.column + ": " + rej.reason;
  }
  return rows;
}

// Reads the whole source in batches of max_rows, checking each batch.
inline std::vector<JsonRow> ReadAllJson(Source& source, size_t max_rows = 1000) {
  std::vector<JsonRow> rows;
  Batch batch;
  for (;;) {
    batch.Clear();
    if (!source.ReadNext(batch, max_rows)) {
      EXPECT_EQ(batch.num_rows(), 0u);
      break;
    }
    EXPECT_GT(batch.num_rows(), 0u);
    EXPECT_LE(batch.num_rows(), max_rows);
    EXPECT_EQ(batch.raw_records.size(), batch.num_rows());
    EXPECT_EQ(batch.origins.size(), batch.num_rows());
    EXPECT_EQ(batch.columns.size(), source.schema().size());
    EXPECT_EQ(batch.rejections.size(), batch.CountState(RowState::kRejected));
    for (const Column& c : batch.columns) EXPECT_EQ(c.size(), batch.num_rows());
    for (JsonRow& r : JsonRows(batch)) rows.push_back(std::move(r));
  }
  return rows;
}

// Row by row, so a difference deep in a long file shows in the message.
inline void ExpectRows(const std::vector<JsonRow>& got, const std::vector<JsonRow>& want) {
  EXPECT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size() && i < want.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << "row " << i;
  }
}

inline JsonOptions JsonOptionsFor(const std::string& path, std::vector<JsonColumn> columns = {}) {
  JsonOptions options;
  options.path = path;
  options.columns = std::move(columns);
  return options;
}

inline std::vector<JsonRow> ReadJsonFile(const JsonOptions& options, size_t max_rows = 1000) {
  JsonSource source(options);
  return ReadAllJson(source, max_rows);
}

inline std::vector<std::optional<std::string>> Nulls(size_t n) {
  return std::vector<std::optional<std::string>>(n);
}

}  // namespace sluice::testing

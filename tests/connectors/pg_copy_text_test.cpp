// COPY text decoding and psqlODBC's text and types, without a server: every escape COPY may
// send, each text form, and the typmods that make a numeric decimal or text.
#include "connectors/postgres/pg_copy_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/postgres/pg_type_map.h"

namespace sluice {
namespace {

std::string Decoded(std::string field) {
  // In place, as the reader decodes libpq's row buffer.
  const size_t n = DecodeCopyText(field.data(), field.data() + field.size(), field.data());
  return field.substr(0, n);
}

TEST(CopyText, DecodesEveryEscapeCopyMaySend) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "plain"},
      {"", ""},
      {"tab\\there", "tab\there"},
      {"a\\nb\\rc", "a\nb\rc"},
      {"\\b\\f\\v", "\b\f\v"},
      {"back\\\\slash", "back\\slash"},
      {"\\\\N", "\\N"},  // the text \N, not NULL
      {"\\101\\60x", "A0x"},
      {"\\0011", std::string("\001") + "1"},  // three octal digits at most
      {"\\x41\\x4a\\x4", "AJ\x04"},
      {"\\xg", "xg"},  // no hex digit: the letter itself
      {"\\q", "q"},
      {"Zoë \\t 東京", "Zoë \t 東京"},
      {"end\\", "end\\"},
  };
  for (const auto& [field, text] : cases) EXPECT_EQ(Decoded(field), text) << field;
}

TEST(CopyText, OnlyTheBareMarkerIsNull) {
  EXPECT_TRUE(IsCopyNull("\\N"));
  EXPECT_FALSE(IsCopyNull("\\\\N"));
  EXPECT_FALSE(IsCopyNull("N"));
  EXPECT_FALSE(IsCopyNull(""));
}

std::string AsOdbc(PgTextForm form, std::string value) {
  return std::string(ToOdbcText(form, value.data(), value.size()));
}

TEST(PgTypeMap, ValuesBecomePsqlOdbcText) {
  struct Case {
    PgTextForm form;
    std::string copy, odbc;
  };
  const std::vector<Case> cases = {
      {PgTextForm::kBoolean, "t", "1"},
      {PgTextForm::kBoolean, "f", "0"},
      {PgTextForm::kBytea, "\\x00ff41", "00ff41"},
      {PgTextForm::kBytea, "\\x", ""},
      {PgTextForm::kZonedTimestamp, "2024-07-01 10:30:00.654321+00", "2024-07-01 10:30:00.654321"},
      {PgTextForm::kZonedTimestamp, "0044-03-15 12:00:00+00 BC", "0044-03-15 12:00:00 BC"},
      {PgTextForm::kZonedTimestamp, "infinity", "infinity"},
      {PgTextForm::kUuid, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
       "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"},
      {PgTextForm::kAsIs, "t", "t"},
  };
  for (const Case& c : cases) EXPECT_EQ(AsOdbc(c.form, c.copy), c.odbc) << c.copy;
}

// numeric(p,s) as PostgreSQL stores its typmod: ((p << 16) | (s & 0x7ff)) + 4.
int NumericTypmod(int precision, int scale) { return ((precision << 16) | (scale & 0x7ff)) + 4; }

TEST(PgTypeMap, ColumnsTakeTheTypesPsqlOdbcGivesThem) {
  struct Case {
    uint32_t oid;
    int typmod;
    std::string type;
  };
  const std::vector<Case> cases = {
      {20, -1, "integer"},
      {21, -1, "integer"},
      {23, -1, "integer"},
      {26, -1, "integer"},
      {700, -1, "double"},
      {701, -1, "double"},
      {790, -1, "double"},
      {16, -1, "boolean"},
      {1082, -1, "date"},
      {1114, 6, "timestamp"},
      {1184, -1, "timestamp"},
      {17, -1, "text"},
      {25, -1, "text"},
      {2950, -1, "text"},
      {1083, -1, "text"},
      {1700, -1, "text"},  // numeric without precision: 28 digits wide
      {1700, NumericTypmod(16, 2), "decimal(16,2)"},
      {1700, NumericTypmod(18, 0), "decimal(18,0)"},
      {1700, NumericTypmod(19, 2), "text"},
      {1700, NumericTypmod(5, -2), "text"},
      {1700, NumericTypmod(3, 5), "text"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PgColumnType(c.oid, c.typmod).ToString(), c.type) << c.oid << " " << c.typmod;
  }
}

}  // namespace
}  // namespace sluice

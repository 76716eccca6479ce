// PgCopyEncoder: the binary and text COPY encodings of sluice's column types.
#include "connectors/postgres/pg_copy_encoder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "pipeline/value_cast.h"

namespace sluice {
namespace {

// PostgreSQL's epoch for dates and timestamps is 2000-01-01, ours 1970-01-01.
constexpr int64_t kEpochShiftDays = 10957;
constexpr int64_t kEpochShiftMicros = kEpochShiftDays * 86400LL * 1000000LL;

// A decimal's magnitude with its fraction padded to whole base-10000 digits needs 75 bits.
__extension__ using Uint128 = unsigned __int128;

void PutBe16(char* p, uint16_t v) {
  p[0] = static_cast<char>(v >> 8);
  p[1] = static_cast<char>(v);
}

void PutBe32(char* p, uint32_t v) {
  for (int i = 3; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v);
}

void PutBe64(char* p, uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v);
}

// Escapes of the text format: the delimiter (tab), the row end and the escape itself.
char TextEscape(char c) {
  switch (c) {
    case '\\':
      return '\\';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    default:
      return 0;
  }
}

}  // namespace

char* PgCopyEncoder::Grow(size_t n) {
  if (size_ + n > buffer_.size()) {
    buffer_.resize(std::max({buffer_.size() * 2, size_ + n, size_t{1} << 16}));
  }
  char* at = buffer_.data() + size_;
  size_ += n;
  return at;
}

void PgCopyEncoder::Start(PgCopyFormat format) {
  format_ = format;
  size_ = 0;
  if (format_ == PgCopyFormat::kBinary) {
    static const char kSignature[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', 0};
    char* p = Grow(sizeof kSignature + 8);
    std::memcpy(p, kSignature, sizeof kSignature);
    PutBe32(p + 11, 0);  // flags: no OIDs
    PutBe32(p + 15, 0);  // no header extension
  }
}

void PgCopyEncoder::Finish() {
  if (format_ == PgCopyFormat::kBinary) PutBe16(Grow(2), 0xffff);  // -1 fields: the end
}

void PgCopyEncoder::AddRow(const std::vector<Column>& columns, uint32_t row) {
  if (format_ == PgCopyFormat::kBinary) {
    PutBe16(Grow(2), static_cast<uint16_t>(columns.size()));
    for (const Column& column : columns) AppendBinaryValue(column, row);
    return;
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) *Grow(1) = '\t';
    AppendTextValue(columns[c], row);
  }
  *Grow(1) = '\n';
}

void PgCopyEncoder::AppendNumeric(int64_t scaled, int scale) {
  // Base-10000 digits aligned on the decimal point: pad the fraction to a multiple of four
  // digits, then cut the magnitude into groups of four from the right.
  const uint64_t magnitude =
      scaled < 0 ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  const int pad = (4 - scale % 4) % 4;
  Uint128 rest = magnitude;
  for (int i = 0; i < pad; ++i) rest *= 10;
  uint16_t groups[8];  // least significant first; 2^64 * 10^3 has at most 6 groups
  int count = 0;
  while (rest != 0) {
    groups[count++] = static_cast<uint16_t>(rest % 10000);
    rest /= 10000;
  }
  const int fraction_groups = (scale + pad) / 4;
  const int weight = count == 0 ? 0 : count - 1 - fraction_groups;
  int low = 0;  // trailing zero groups carry nothing: the server strips them too
  while (low < count && groups[low] == 0) ++low;
  const int digits = count - low;
  char* p = Grow(4 + 8 + 2 * static_cast<size_t>(digits));
  PutBe32(p, static_cast<uint32_t>(8 + 2 * digits));
  PutBe16(p + 4, static_cast<uint16_t>(digits));
  PutBe16(p + 6, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  PutBe16(p + 8, scaled < 0 ? 0x4000 : 0x0000);
  PutBe16(p + 10, static_cast<uint16_t>(scale));
  for (int i = 0; i < digits; ++i) PutBe16(p + 12 + 2 * i, groups[count - 1 - i]);
}

void PgCopyEncoder::AppendBinaryValue(const Column& column, uint32_t row) {
  if (column.IsNull(row)) {
    PutBe32(Grow(4), 0xffffffff);
    return;
  }
  switch (column.type.id) {
    case TypeId::kText: {
      const std::string_view v = column.text[row];
      char* p = Grow(4 + v.size());
      PutBe32(p, static_cast<uint32_t>(v.size()));
      if (!v.empty()) std::memcpy(p + 4, v.data(), v.size());
      return;
    }
    case TypeId::kInteger: {
      char* p = Grow(12);
      PutBe32(p, 8);
      PutBe64(p + 4, static_cast<uint64_t>(column.ints[row]));
      return;
    }
    case TypeId::kDouble: {
      char* p = Grow(12);
      PutBe32(p, 8);
      uint64_t bits;
      std::memcpy(&bits, &column.doubles[row], 8);
      PutBe64(p + 4, bits);
      return;
    }
    case TypeId::kDecimal:
      AppendNumeric(column.ints[row], column.type.scale);
      return;
    case TypeId::kBoolean: {
      char* p = Grow(5);
      PutBe32(p, 1);
      p[4] = column.ints[row] != 0 ? 1 : 0;
      return;
    }
    case TypeId::kDate: {
      // Out of int32 cannot be a PostgreSQL date: send one the server refuses as out of
      // range (the extremes would mean -infinity and infinity).
      int64_t days = column.ints[row] - kEpochShiftDays;
      if (days <= std::numeric_limits<int32_t>::min() ||
          days >= std::numeric_limits<int32_t>::max()) {
        days = std::numeric_limits<int32_t>::max() - 1;
      }
      char* p = Grow(8);
      PutBe32(p, 4);
      PutBe32(p + 4, static_cast<uint32_t>(static_cast<int32_t>(days)));
      return;
    }
    case TypeId::kTimestamp: {
      int64_t micros;
      if (__builtin_sub_overflow(column.ints[row], kEpochShiftMicros, &micros) ||
          micros == std::numeric_limits<int64_t>::min()) {
        micros = std::numeric_limits<int64_t>::max() - 1;  // refused as out of range
      }
      char* p = Grow(12);
      PutBe32(p, 8);
      PutBe64(p + 4, static_cast<uint64_t>(micros));
      return;
    }
  }
}

void PgCopyEncoder::AppendTextValue(const Column& column, uint32_t row) {
  if (column.IsNull(row)) {
    std::memcpy(Grow(2), "\\N", 2);
    return;
  }
  switch (column.type.id) {
    case TypeId::kText: {
      const std::string_view v = column.text[row];
      // Worst case every byte is escaped; give back what was not used.
      char* p = Grow(2 * v.size());
      char* out = p;
      for (char c : v) {
        if (char e = TextEscape(c)) {
          *out++ = '\\';
          *out++ = e;
        } else {
          *out++ = c;
        }
      }
      size_ -= 2 * v.size() - static_cast<size_t>(out - p);
      return;
    }
    case TypeId::kInteger: {
      char* p = Grow(20);
      char* end = std::to_chars(p, p + 20, column.ints[row]).ptr;
      size_ -= 20 - static_cast<size_t>(end - p);
      return;
    }
    case TypeId::kBoolean:
      // "1"/"0" also load into integer and text columns, as the ODBC path writes them.
      *Grow(1) = column.ints[row] != 0 ? '1' : '0';
      return;
    case TypeId::kDouble: {
      const double v = column.doubles[row];
      if (std::isnan(v)) {
        std::memcpy(Grow(3), "NaN", 3);
        return;
      }
      char* p = Grow(32);
      char* end = std::to_chars(p, p + 32, v).ptr;  // shortest text that reads back the same
      size_ -= 32 - static_cast<size_t>(end - p);
      return;
    }
    default:
      // Exact decimals, ISO dates and timestamps as their canonical text.
      FormatInt(column.ints[row], column.type, scratch_);
      std::memcpy(Grow(scratch_.size()), scratch_.data(), scratch_.size());
  }
}

}  // namespace sluice

// pg_type OIDs to DataTypes and text forms, as psqlODBC (with sluice's driver settings) and
// MapOdbcType see them; tests/connectors/pg_copy_source_test.cpp holds both readers to it.
#include "connectors/postgres/pg_type_map.h"

#include <algorithm>
#include <cstring>

namespace sluice {
namespace {

// pg_type OIDs (PostgreSQL's pg_type.dat).
constexpr uint32_t kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
                   kOidOid = 26, kXidOid = 28, kFloat4Oid = 700, kFloat8Oid = 701, kMoneyOid = 790,
                   kDateOid = 1082, kTimestampOid = 1114, kTimestampTzOid = 1184,
                   kNumericOid = 1700, kUuidOid = 2950;
// Scaled decimals live in an int64 (MapOdbcType's limit).
constexpr int kMaxDecimalPrecision = 18;
// A typmod is the declared modifier plus the varlena header size.
constexpr int kVarHeaderSize = 4;

// "...+00" -> "...", "...+00 BC" -> "... BC".
size_t StripUtcOffset(char* v, size_t n) {
  constexpr std::string_view kBc = " BC", kUtc = "+00";
  const bool bc = n >= kBc.size() && std::string_view(v + n - kBc.size(), kBc.size()) == kBc;
  const size_t core = bc ? n - kBc.size() : n;
  if (core < kUtc.size() || std::string_view(v + core - kUtc.size(), kUtc.size()) != kUtc) {
    return n;
  }
  if (bc) std::memmove(v + core - kUtc.size(), kBc.data(), kBc.size());
  return n - kUtc.size();
}

}  // namespace

DataType PgColumnType(uint32_t type_oid, int typmod) {
  switch (type_oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
    case kXidOid:
      return DataType{TypeId::kInteger};
    case kFloat4Oid:
    case kFloat8Oid:
    case kMoneyOid:
      return DataType{TypeId::kDouble};
    case kBoolOid:
      return DataType{TypeId::kBoolean};
    case kDateOid:
      return DataType{TypeId::kDate};
    case kTimestampOid:
    case kTimestampTzOid:
      return DataType{TypeId::kTimestamp};
    case kNumericOid: {
      if (typmod < kVarHeaderSize) return DataType{TypeId::kText};
      // psqlODBC's reading of the typmod: a negative scale (PostgreSQL 15) becomes 2046.
      const int precision = ((typmod - kVarHeaderSize) >> 16) & 0xffff;
      const int scale = (typmod - kVarHeaderSize) & 0xffff;
      if (precision < 1 || precision > kMaxDecimalPrecision || scale > precision) {
        return DataType{TypeId::kText};
      }
      return DataType{TypeId::kDecimal, precision, scale};
    }
    default:
      return DataType{TypeId::kText};
  }
}

PgTextForm PgTextFormOf(uint32_t type_oid) {
  switch (type_oid) {
    case kBoolOid:
      return PgTextForm::kBoolean;
    case kByteaOid:
      return PgTextForm::kBytea;
    case kTimestampTzOid:
      return PgTextForm::kZonedTimestamp;
    case kUuidOid:
      return PgTextForm::kUuid;
    default:
      return PgTextForm::kAsIs;
  }
}

std::string_view ToOdbcText(PgTextForm form, char* v, size_t n) {
  switch (form) {
    case PgTextForm::kAsIs:
      break;
    case PgTextForm::kBoolean:
      if (n == 1 && (v[0] == 't' || v[0] == 'f')) v[0] = v[0] == 't' ? '1' : '0';
      break;
    case PgTextForm::kBytea:
      if (n >= 2 && v[0] == '\\' && v[1] == 'x') return {v + 2, n - 2};
      break;
    case PgTextForm::kZonedTimestamp:
      return {v, StripUtcOffset(v, n)};
    case PgTextForm::kUuid:
      std::transform(v, v + n, v, [](char c) {
        return c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c;
      });
      break;
  }
  return {v, n};
}

}  // namespace sluice

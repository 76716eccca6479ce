// PostgreSQL types as psqlODBC presents them, so the COPY reader matches OdbcSource: the
// DataType a column becomes (MapOdbcType of the driver's description) and how a value's COPY
// text becomes the driver's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/types.h"

namespace sluice {

// int2/int4/int8/oid/xid -> integer; float4/float8/money -> double; bool -> boolean;
// date -> date; timestamp/timestamptz -> timestamp; numeric(p,s) -> decimal(p,s) when
// 1 <= p <= 18 and 0 <= s <= p, else text (psqlODBC gives numeric without a typmod 28 digits
// and a negative scale as 2046); everything else -> text. `typmod` as pg_attribute holds it.
DataType PgColumnType(uint32_t type_oid, int typmod);

// How a value's COPY text (decoded) differs from psqlODBC's text.
enum class PgTextForm : uint8_t {
  kAsIs,
  kBoolean,         // t/f -> 1/0
  kBytea,           // \x00ff -> 00ff (the session prints bytea as hex)
  kZonedTimestamp,  // 2024-07-01 10:30:00+00 -> 2024-07-01 10:30:00 (the session runs in UTC)
  kUuid,            // lower case -> upper case
};

PgTextForm PgTextFormOf(uint32_t type_oid);

// Rewrites the value in [v, v + n) in place into psqlODBC's text; returns where that text is
// now (inside [v, v + n)).
std::string_view ToOdbcText(PgTextForm form, char* v, size_t n);

}  // namespace sluice

// JsonFileSink: keys escaped once, values appended to one reused buffer; text that needs no
// escaping (the common case) is copied whole after one fast scan.
#include "connectors/file/json_file_sink.h"

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "pipeline/json_text.h"

namespace sluice {
namespace {

// True when every byte is printable ASCII other than '"' and '\\' (so the text is its own JSON
// string body). Anything else goes through AppendJsonString, which escapes and validates UTF-8.
bool PlainAscii(std::string_view v) {
  const char* p = v.data();
  const char* end = p + v.size();
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; end - p >= 16; p += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes >= 0x80 are negative, so one test catches them and controls.
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, backslash), _mm_cmpeq_epi8(x, del)));
    if (_mm_movemask_epi8(hit) != 0) return false;
  }
#endif
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

JsonFileSink::JsonFileSink(JsonWriteOptions options)
    : FileSink(options), options_(std::move(options)) {
  options_.Validate("");
  ValueTextStyle style;
  style.timestamp_separator = 'T';
  style.timestamp_suffix = options_.timestamps_utc ? "Z" : "";
  formatter_ = ValueFormatter(style);
}

void JsonFileSink::StartFile(const Schema& schema, std::string& out) {
  keys_.clear();
  for (size_t c = 0; c < schema.size(); ++c) {
    std::string key = c == 0 ? "" : ",";
    AppendJsonString(key, schema.fields[c].name);
    key += ':';
    keys_.push_back(std::move(key));
  }
  rows_ = 0;
  if (options_.format == JsonFileFormat::kArray) out += '[';
}

void JsonFileSink::EndFile(std::string& out) {
  if (options_.format == JsonFileFormat::kArray) out += rows_ == 0 ? "]\n" : "\n]\n";
}

void JsonFileSink::AppendValue(const Column& column, size_t row, std::string& out) {
  if (column.IsNull(row)) {
    out += "null";
    return;
  }
  switch (column.type.id) {
    case TypeId::kText: {
      std::string_view v = column.text[row];
      if (PlainAscii(v)) {
        out += '"';
        out += v;
        out += '"';
      } else {
        AppendJsonString(out, v);
      }
      return;
    }
    case TypeId::kDouble:
      // JSON has no NaN or infinity.
      if (std::isfinite(column.doubles[row])) {
        AppendDouble(column.doubles[row], out);
      } else {
        out += "null";
      }
      return;
    case TypeId::kInteger:
    case TypeId::kDecimal:
    case TypeId::kBoolean:
      formatter_.Append(column, row, out);
      return;
    case TypeId::kDate:
    case TypeId::kTimestamp:
      // Digits, '-', ':', '.', 'T' and 'Z' only: nothing to escape.
      out += '"';
      formatter_.Append(column, row, out);
      out += '"';
      return;
  }
}

WriteResult JsonFileSink::Write(const Batch& batch) {
  AtomicOutputFile& file = FileFor(batch);
  std::string& out = file.buffer();
  const bool array = options_.format == JsonFileFormat::kArray;
  WriteResult result;
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    if (batch.states[r] != RowState::kKeep) continue;
    if (array) out += rows_ == 0 ? "\n" : ",\n";
    out += '{';
    for (size_t c = 0; c < keys_.size(); ++c) {
      out += keys_[c];
      AppendValue(batch.columns[c], r, out);
    }
    out += array ? "}" : "}\n";
    ++rows_;
    ++result.rows_written;
    file.WriteIfFull();
  }
  return result;
}

}  // namespace sluice

// CsvFileSink: quoting decided by one fast scan per value (skipped for numbers and dates that
// cannot contain a special character), values appended to one reused buffer, so writing a row
// allocates nothing.
#include "connectors/file/csv_file_sink.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The characters a formatted value of each non-text type can contain (value_format.h).
std::string_view Alphabet(TypeId type) {
  switch (type) {
    case TypeId::kInteger:
    case TypeId::kDate:
      return "-0123456789";
    case TypeId::kDecimal:
      return "-.0123456789";
    case TypeId::kTimestamp:
      return "-.: 0123456789";
    case TypeId::kDouble:
      return "-+.0123456789eNaInfity";
    default:
      return {};
  }
}

}  // namespace

CsvFileSink::CsvFileSink(CsvWriteOptions options)
    : FileSink(options), options_(std::move(options)) {
  options_.Validate("");
  ValueTextStyle style;
  style.true_text = options_.true_text;
  style.false_text = options_.false_text;
  formatter_ = ValueFormatter(style);
  for (char c : {options_.delimiter, options_.quote, '\n', '\r'}) {
    special_[static_cast<unsigned char>(c)] = true;
  }
  for (TypeId id : {TypeId::kText, TypeId::kInteger, TypeId::kDouble, TypeId::kDecimal,
                    TypeId::kBoolean, TypeId::kDate, TypeId::kTimestamp}) {
    check_quotes_[static_cast<size_t>(id)] = MayNeedQuotes(DataType{id});
  }
}

bool CsvFileSink::NeedsQuotes(std::string_view v) const {
  if (options_.quote_all) return true;
  if (v.empty()) return options_.quote_empty_strings;
  // Many readers trim unquoted fields; quoting keeps the blanks part of the value.
  if (IsBlank(v.front()) || IsBlank(v.back())) return true;
  if (!options_.null_text.empty() && v == options_.null_text) return true;
  const char* p = v.data();
  const char* end = p + v.size();
#if defined(__SSE2__)
  // Every text byte of the output passes through here: 16 at a time where SSE2 exists.
  const __m128i delimiter = _mm_set1_epi8(options_.delimiter);
  const __m128i quote = _mm_set1_epi8(options_.quote);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  for (; end - p >= 16; p += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, delimiter), _mm_cmpeq_epi8(x, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
    if (_mm_movemask_epi8(hit) != 0) return true;
  }
#endif
  for (; p < end; ++p) {
    if (special_[static_cast<unsigned char>(*p)]) return true;
  }
  return false;
}

bool CsvFileSink::MayNeedQuotes(const DataType& type) const {
  if (options_.quote_all || type.id == TypeId::kText) return true;
  if (type.id == TypeId::kBoolean) {
    return NeedsQuotes(options_.true_text) || NeedsQuotes(options_.false_text);
  }
  const std::string_view alphabet = Alphabet(type.id);
  if (alphabet.find(options_.delimiter) != std::string_view::npos ||
      alphabet.find(options_.quote) != std::string_view::npos) {
    return true;
  }
  // A null text made only of such characters might equal a value, which must then be quoted.
  return !options_.null_text.empty() &&
         options_.null_text.find_first_not_of(alphabet) == std::string::npos;
}

void CsvFileSink::AppendField(std::string_view v, std::string& out) const {
  if (!NeedsQuotes(v)) {
    out += v;
    return;
  }
  const char q = options_.quote;
  out += q;
  const char* p = v.data();
  const char* end = p + v.size();
  while (const void* hit = p == end ? nullptr : std::memchr(p, q, static_cast<size_t>(end - p))) {
    const char* at = static_cast<const char*>(hit);
    out.append(p, static_cast<size_t>(at - p + 1));
    out += q;
    p = at + 1;
  }
  out.append(p, static_cast<size_t>(end - p));
  out += q;
}

void CsvFileSink::StartFile(const Schema& schema, std::string& out) {
  if (!options_.header) return;
  for (size_t c = 0; c < schema.size(); ++c) {
    if (c > 0) out += options_.delimiter;
    AppendField(schema.fields[c].name, out);
  }
  out += options_.line_end;
}

WriteResult CsvFileSink::Write(const Batch& batch) {
  AtomicOutputFile& file = FileFor(batch);
  std::string& out = file.buffer();
  const size_t columns = schema().size();
  WriteResult result;
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    if (batch.states[r] != RowState::kKeep) continue;
    for (size_t c = 0; c < columns; ++c) {
      if (c > 0) out += options_.delimiter;
      const Column& column = batch.columns[c];
      if (column.IsNull(r)) {
        out += options_.null_text;
      } else if (column.type.id == TypeId::kText) {
        AppendField(column.text[r], out);
      } else if (!check_quotes_[static_cast<size_t>(column.type.id)]) {
        formatter_.Append(column, r, out);
      } else {
        scratch_.clear();
        formatter_.Append(column, r, scratch_);
        AppendField(scratch_, out);
      }
    }
    out += options_.line_end;
    ++result.rows_written;
    file.WriteIfFull();
  }
  return result;
}

}  // namespace sluice

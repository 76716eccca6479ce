// Column metrics: one tight loop per storage class (text, int-backed, double), each value
// hashed once for both the distinct sketch and the top values.
#include "pipeline/metrics/column_metrics.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "pipeline/errors.h"
#include "pipeline/metrics/value_hash.h"
#include "pipeline/value_cast.h"

namespace sluice {
namespace {

// Values go to the mean/variance state in blocks (Welford::AddBlock): no division per value.
constexpr size_t kMomentBlock = 256;

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && (c < '\t' || c > '\r')) return false;
  }
  return true;
}

// Code points of UTF-8 text: bytes that are not continuation bytes (10xxxxxx), eight at a time.
uint64_t CodePoints(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, p + i, 8);
    continuation += std::popcount(x & ~(x << 1) & 0x8080808080808080ULL);
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

// Integers as top-value keys: 8 big-endian bytes with the sign bit flipped, so that byte order
// is numeric order and ties among equal counts rank by value.
void EncodeIntKey(int64_t v, char* out) {
  uint64_t u = static_cast<uint64_t>(v) ^ (uint64_t{1} << 63);
  if constexpr (std::endian::native == std::endian::little) u = __builtin_bswap64(u);
  std::memcpy(out, &u, 8);
}

int64_t DecodeIntKey(std::string_view key) {
  uint64_t u;
  std::memcpy(&u, key.data(), 8);
  if constexpr (std::endian::native == std::endian::little) u = __builtin_bswap64(u);
  return static_cast<int64_t>(u ^ (uint64_t{1} << 63));
}

std::string FormatDouble(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

double PowerOfTen(int exponent) {
  double p = 1;
  for (int i = 0; i < exponent; ++i) p *= 10;  // exact up to 10^22
  return p;
}

template <typename T, typename Observer>
void ScanRows(const std::vector<T>& values, const std::vector<uint8_t>& is_null,
              const RowState* states, size_t begin, size_t end, Observer& observer, uint64_t& rows,
              uint64_t& nulls) {
  for (size_t r = begin; r < end; ++r) {
    if (states != nullptr && states[r] != RowState::kKeep) continue;
    ++rows;
    if (is_null[r] != 0) {
      ++nulls;
      continue;
    }
    observer.Value(values[r]);
  }
}

}  // namespace

// Each observer keeps the running extremes in locals for the length of one scan and writes them
// back once; text extremes stay views into the column until then.
class ColumnMetrics::TextObserver {
 public:
  explicit TextObserver(ColumnMetrics& m)
      : m_(m),
        have_range_(m.values() > 0),
        lo_(m.min_text_),
        hi_(m.max_text_),
        min_length_(m.min_length_),
        max_length_(m.max_length_) {}

  void Value(std::string_view v) {
    const uint64_t hash = HashBytes(v);
    m_.distinct_.Add(hash);
    m_.top_.Add(v, hash);
    empties_ += IsBlank(v);
    if (!have_range_) {
      lo_ = hi_ = v;
      have_range_ = true;
    } else if (v < lo_) {
      lo_ = v;
    } else if (hi_ < v) {
      hi_ = v;
    }
    const uint64_t length = CodePoints(v);
    min_length_ = std::min(min_length_, length);
    max_length_ = std::max(max_length_, length);
  }

  void Finish() {
    m_.empties_ += empties_;
    if (lo_.data() != m_.min_text_.data()) m_.min_text_.assign(lo_);
    if (hi_.data() != m_.max_text_.data()) m_.max_text_.assign(hi_);
    m_.min_length_ = min_length_;
    m_.max_length_ = max_length_;
  }

 private:
  ColumnMetrics& m_;
  bool have_range_;
  std::string_view lo_;
  std::string_view hi_;
  uint64_t min_length_;
  uint64_t max_length_;
  uint64_t empties_ = 0;
};

class ColumnMetrics::IntObserver {
 public:
  explicit IntObserver(ColumnMetrics& m)
      : m_(m), lo_(m.min_int_), hi_(m.max_int_), moments_(m.HasMoments()) {}

  void Value(int64_t v) {
    const uint64_t hash = HashInt(static_cast<uint64_t>(v));
    m_.distinct_.Add(hash);
    char key[8];
    EncodeIntKey(v, key);
    m_.top_.Add(std::string_view(key, 8), hash);
    lo_ = std::min(lo_, v);
    hi_ = std::max(hi_, v);
    if (moments_) {
      block_[block_size_++] = static_cast<double>(v);
      if (block_size_ == kMomentBlock) Flush();
    }
  }

  void Finish() {
    Flush();
    m_.min_int_ = lo_;
    m_.max_int_ = hi_;
  }

 private:
  void Flush() {
    m_.moments_.AddBlock(block_, block_size_);
    block_size_ = 0;
  }

  ColumnMetrics& m_;
  int64_t lo_;
  int64_t hi_;
  bool moments_;
  size_t block_size_ = 0;
  double block_[kMomentBlock];
};

class ColumnMetrics::DoubleObserver {
 public:
  explicit DoubleObserver(ColumnMetrics& m) : m_(m), lo_(m.min_double_), hi_(m.max_double_) {}

  void Value(double v) {
    m_.distinct_.Add(HashDouble(v));
    if (std::isnan(v)) return;
    lo_ = std::min(lo_, v);
    hi_ = std::max(hi_, v);
    block_[block_size_++] = v;
    if (block_size_ == kMomentBlock) Flush();
  }

  void Finish() {
    Flush();
    m_.min_double_ = lo_;
    m_.max_double_ = hi_;
  }

 private:
  void Flush() {
    m_.moments_.AddBlock(block_, block_size_);
    block_size_ = 0;
  }

  ColumnMetrics& m_;
  double lo_;
  double hi_;
  size_t block_size_ = 0;
  double block_[kMomentBlock];
};

ColumnMetrics::ColumnMetrics(DataType type, size_t top_capacity)
    : type_(type), top_(top_capacity) {}

void ColumnMetrics::Observe(const Column& column, size_t row) {
  ObserveRows(column, nullptr, row, row + 1);
}

void ColumnMetrics::ObserveColumn(const Column& column, const std::vector<RowState>& states) {
  if (column.size() != states.size()) {
    throw RunError("internal: a column of " + std::to_string(column.size()) +
                   " rows observed with " + std::to_string(states.size()) + " row states");
  }
  ObserveRows(column, states.data(), 0, states.size());
}

void ColumnMetrics::ObserveRows(const Column& column, const RowState* states, size_t begin,
                                size_t end) {
  if (column.type.id != type_.id) {
    throw RunError("internal: metrics of a " + type_.ToString() + " column given a " +
                   column.type.ToString() + " column");
  }
  switch (type_.id) {
    case TypeId::kText: {
      TextObserver observer(*this);
      ScanRows(column.text, column.is_null, states, begin, end, observer, rows_, nulls_);
      observer.Finish();
      return;
    }
    case TypeId::kDouble: {
      DoubleObserver observer(*this);
      ScanRows(column.doubles, column.is_null, states, begin, end, observer, rows_, nulls_);
      observer.Finish();
      return;
    }
    default: {
      IntObserver observer(*this);
      ScanRows(column.ints, column.is_null, states, begin, end, observer, rows_, nulls_);
      observer.Finish();
      return;
    }
  }
}

void ColumnMetrics::Merge(const ColumnMetrics& other) {
  if (other.type_ != type_) {
    throw RunError("internal: merging metrics of a " + other.type_.ToString() +
                   " column into those of a " + type_.ToString() + " column");
  }
  if (type_.id == TypeId::kText && other.values() > 0) {
    const bool have_range = values() > 0;
    if (!have_range || other.min_text_ < min_text_) min_text_ = other.min_text_;
    if (!have_range || max_text_ < other.max_text_) max_text_ = other.max_text_;
  }
  rows_ += other.rows_;
  nulls_ += other.nulls_;
  empties_ += other.empties_;
  distinct_.Merge(other.distinct_);
  top_.Merge(other.top_);
  moments_.Merge(other.moments_);
  min_int_ = std::min(min_int_, other.min_int_);
  max_int_ = std::max(max_int_, other.max_int_);
  min_double_ = std::min(min_double_, other.min_double_);
  max_double_ = std::max(max_double_, other.max_double_);
  min_length_ = std::min(min_length_, other.min_length_);
  max_length_ = std::max(max_length_, other.max_length_);
}

void ColumnMetrics::Clear() {
  rows_ = nulls_ = empties_ = 0;
  distinct_.Clear();
  top_.Clear();
  moments_ = Welford();
  min_int_ = std::numeric_limits<int64_t>::max();
  max_int_ = std::numeric_limits<int64_t>::min();
  min_double_ = std::numeric_limits<double>::infinity();
  max_double_ = -std::numeric_limits<double>::infinity();
  min_text_.clear();
  max_text_.clear();
  min_length_ = std::numeric_limits<uint64_t>::max();
  max_length_ = 0;
}

bool ColumnMetrics::HasMoments() const {
  return type_.id == TypeId::kInteger || type_.id == TypeId::kDecimal ||
         type_.id == TypeId::kDouble;
}

bool ColumnMetrics::HasTop() const { return type_.id != TypeId::kDouble; }

std::string ColumnMetrics::FormatValue(int64_t v) const {
  std::string out;
  FormatInt(v, type_, out);
  return out;
}

uint64_t ColumnMetrics::Distinct() const {
  return HasTop() && top_.exact() ? top_.size() : distinct_.Estimate();
}

bool ColumnMetrics::DistinctIsExact() const { return values() == 0 || (HasTop() && top_.exact()); }

std::optional<std::string> ColumnMetrics::Min() const {
  switch (type_.id) {
    case TypeId::kText:
      if (values() == 0) return std::nullopt;
      return min_text_;
    case TypeId::kDouble:
      if (min_double_ > max_double_) return std::nullopt;
      return FormatDouble(min_double_);
    default:
      if (values() == 0) return std::nullopt;
      return FormatValue(min_int_);
  }
}

std::optional<std::string> ColumnMetrics::Max() const {
  switch (type_.id) {
    case TypeId::kText:
      if (values() == 0) return std::nullopt;
      return max_text_;
    case TypeId::kDouble:
      if (min_double_ > max_double_) return std::nullopt;
      return FormatDouble(max_double_);
    default:
      if (values() == 0) return std::nullopt;
      return FormatValue(max_int_);
  }
}

std::optional<double> ColumnMetrics::Mean() const {
  if (!HasMoments() || moments_.count() == 0) return std::nullopt;
  const double scale = type_.id == TypeId::kDecimal ? PowerOfTen(type_.scale) : 1.0;
  return moments_.Mean() / scale;
}

std::optional<double> ColumnMetrics::StdDev() const {
  if (!HasMoments() || moments_.count() < 2) return std::nullopt;
  const double scale = type_.id == TypeId::kDecimal ? PowerOfTen(type_.scale) : 1.0;
  return moments_.SampleStdDev() / scale;
}

std::optional<uint64_t> ColumnMetrics::MinLength() const {
  if (type_.id != TypeId::kText || values() == 0) return std::nullopt;
  return min_length_;
}

std::optional<uint64_t> ColumnMetrics::MaxLength() const {
  if (type_.id != TypeId::kText || values() == 0) return std::nullopt;
  return max_length_;
}

std::vector<ValueCount> ColumnMetrics::Top(size_t k) const {
  std::vector<ValueCount> top;
  if (!HasTop()) return top;
  for (TopValues::Entry& e : top_.Top(k)) {
    if (type_.id == TypeId::kText) {
      if (e.truncated) e.key += "\u2026";
      top.push_back({std::move(e.key), e.count});
    } else {
      top.push_back({FormatValue(DecodeIntKey(e.key)), e.count});
    }
  }
  return top;
}

}  // namespace sluice

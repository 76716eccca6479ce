// OdbcSource: schema from the catalog (or the query's result), segments of rows (one cursor,
// keyset pages, or a row-by-row stretch after a value overflowed its buffer), rows into batches.
#include "connectors/odbc/odbc_source.h"

#include <algorithm>
#include <charconv>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_type_map.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

// Learnt buffer widths stop here; longer values always take the SQLGetData path.
constexpr size_t kMaxLearntWidth = 64 << 10;
// What the rejects output shows of a row.
constexpr size_t kRawValueBytes = 64;
constexpr size_t kRawRecordBytes = 512;

// Appends at most `limit` bytes of `v`, never cutting a UTF-8 sequence.
void AppendClipped(std::string& out, std::string_view v, size_t limit) {
  if (v.size() <= limit) {
    out.append(v);
    return;
  }
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) --n;
  out.append(v.substr(0, n));
  out += "...";
}

}  // namespace

void OdbcSourceOptions::Validate() const {
  if (connection.empty()) throw ConfigError("source.connection", "is required");
  if (table.empty() == query.empty()) {
    throw ConfigError("source", "set exactly one of table and query");
  }
  if (fetch_rows == 0) throw ConfigError("source.fetch_rows", "must be at least 1");
  if (!where.empty() && table.empty()) {
    throw ConfigError("source.where", "filters a table; with a query, filter in the query");
  }
}

OdbcSource::OdbcSource(OdbcSourceOptions options)
    : options_(std::move(options)),
      dialect_(DetectDialect(options_.connection)),
      masked_(MaskConnectionString(options_.connection)) {
  options_.Validate();
  source_name_ = options_.table.empty() ? "query" : options_.table;
  page_rows_ = options_.page_rows.value_or(dialect_.DefaultPageRows());
  connection_ = std::make_unique<OdbcConnection>(
      dialect_.TuneReadConnectionString(options_.connection), masked_);
  // Session settings first: in PostgreSQL a SET inside a transaction is undone with it.
  for (const std::string& sql : dialect_.SessionSetup()) {
    connection_->Execute(sql, "setting up the session (" + sql + ")");
  }
  // Autocommit stays on: with it off sqliteodbc keeps every row it has stepped over in memory.
  SQLUINTEGER extensions = 0;
  SQLGetInfo(connection_->get(), SQL_GETDATA_EXTENSIONS, &extensions, sizeof extensions, nullptr);
  get_data_any_column_ = (extensions & SQL_GD_ANY_COLUMN) && (extensions & SQL_GD_ANY_ORDER) &&
                         (extensions & SQL_GD_BOUND);
  Describe();
  const std::string database = ConnectionValue(options_.connection, "Database");
  if (options_.sqlite_native && dialect_.kind() == DialectKind::kSqlite && !database.empty()) {
    native_ = std::make_unique<SqliteResultReader>(database, masked_);
  }
  OpenSegment(false);
}

OdbcSource::~OdbcSource() { CloseSegment(); }

void OdbcSource::Describe() {
  std::vector<std::string> primary_key;
  if (!options_.table.empty()) {
    const TableDescription d = DescribeTable(*connection_, FindTable(*connection_, options_.table));
    if (d.columns.empty()) throw RunError("table " + options_.table + " has no columns");
    for (const CatalogColumn& c : d.columns) {
      schema_.fields.push_back({c.name, c.type, c.nullable});
      sql_types_.push_back(c.odbc.sql_type);
      const bool tagged = dialect_.MayHoldInexactReals(c.odbc.type_name);
      select_list_.push_back(tagged ? dialect_.ExactReal(c.name)
                                    : dialect_.QuoteIdentifier(c.name));
      formats_.push_back(!tagged                         ? ValueFormat::kText
                         : c.type.id == TypeId::kDecimal ? ValueFormat::kTaggedFixed
                                                         : ValueFormat::kTaggedReal);
    }
    primary_key = d.primary_key;
    ResolveKey(primary_key);
    if (!key_.empty()) {
      // The select list may turn the key into a tagged text expression: bind it by the
      // column's own type.
      key_sql_type_ = d.columns[key_column_].odbc.sql_type;
      key_digits_ = d.columns[key_column_].odbc.decimal_digits;
    }
  } else {
    OdbcStatement stmt(*connection_);
    OdbcCheck(SQLPrepare(stmt.get(), reinterpret_cast<SQLCHAR*>(options_.query.data()), SQL_NTS),
              SQL_HANDLE_STMT, stmt.get(), "preparing the source query");
    for (const ResultColumn& c : DescribeResult(stmt.get())) {
      schema_.fields.push_back({c.name, MapOdbcType(c.type), c.nullable});
      sql_types_.push_back(c.type.sql_type);
      formats_.push_back(ValueFormat::kText);
    }
    if (schema_.fields.empty()) throw RunError("the source query returns no columns");
    ResolveKey(primary_key);
  }
  learnt_widths_.assign(schema_.size(), 0);
}

void OdbcSource::ResolveKey(const std::vector<std::string>& primary_key) {
  key_ = options_.key;
  if (key_.empty() && primary_key.size() == 1) key_ = primary_key.front();
  if (key_.empty()) return;
  std::optional<size_t> index = schema_.IndexOf(key_);
  if (!index) {
    std::string names;
    for (const Field& f : schema_.fields) names += (names.empty() ? "" : ", ") + f.name;
    throw ConfigError("source.key", "\"" + key_ + "\" is not a column of " + source_name_ +
                                        " (columns: " + names + ")");
  }
  key_column_ = *index;
}

void OdbcSource::CloseSegment() {
  if (native_) native_->End();
  native_open_ = false;
  reader_.reset();
  statement_.reset();
  block_pos_ = 0;
}

void OdbcSource::OpenSegment(bool row_by_row) {
  CloseSegment();
  SelectRowsSpec spec;
  spec.table = options_.table;
  spec.query = options_.query;
  spec.select_list = select_list_;
  spec.where = options_.where;
  spec.key = key_;
  spec.after_key = !key_.empty() && has_last_key_;
  spec.limit = row_by_row ? options_.fetch_rows : (key_.empty() ? 0 : page_rows_);
  const std::string sql = dialect_.SelectRows(spec);
  if (native_) {
    OpenNativeSegment(sql, spec);
    return;
  }

  statement_ = std::make_unique<OdbcStatement>(*connection_);
  SQLHSTMT stmt = statement_->get();
  if (spec.after_key) {
    SQLRETURN rc;
    if (IsIntegerSqlType(key_sql_type_)) {
      auto [end, ec] =
          std::from_chars(last_key_.data(), last_key_.data() + last_key_.size(), key_param_int_);
      if (ec != std::errc() || end != last_key_.data() + last_key_.size()) {
        throw RunError(source_name_ + ": cannot continue after key " + key_ + " = '" + last_key_ +
                       "': not an integer");
      }
      rc = SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0,
                            &key_param_int_, 0, nullptr);
    } else {
      // Dates, timestamps and decimals go as their text with their own SQL type; anything
      // else compares as text.
      const int t = key_sql_type_;
      const bool own_type =
          t == SQL_TYPE_DATE || t == SQL_TYPE_TIMESTAMP || t == SQL_DECIMAL || t == SQL_NUMERIC;
      key_param_ = last_key_;
      key_param_len_ = static_cast<SQLLEN>(key_param_.size());
      rc = SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR,
                            static_cast<SQLSMALLINT>(own_type ? t : SQL_VARCHAR),
                            std::max<SQLULEN>(key_param_.size(), 1),
                            static_cast<SQLSMALLINT>(own_type ? key_digits_ : 0), key_param_.data(),
                            key_param_len_, &key_param_len_);
    }
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt, "binding the key of " + source_name_);
  }
  OdbcCheck(
      SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())), SQL_NTS),
      SQL_HANDLE_STMT, stmt, "reading " + source_name_ + " (" + sql + ")");
  std::vector<ResultColumn> columns = DescribeResult(stmt);
  if (columns.size() != schema_.size()) {
    throw RunError(source_name_ + ": the result has " + std::to_string(columns.size()) +
                   " columns, expected " + std::to_string(schema_.size()) +
                   " (did the table change?)");
  }
  if (!key_.empty() && key_sql_type_ == 0) {
    key_sql_type_ = columns[key_column_].type.sql_type;
    key_digits_ = columns[key_column_].type.decimal_digits;
    if (IsBinarySqlType(key_sql_type_)) {
      throw ConfigError("source.key", "\"" + key_ +
                                          "\" is a binary column; a key must compare as "
                                          "a number, a date or text");
    }
  }
  ResultReaderOptions reader;
  const bool has_long = std::any_of(columns.begin(), columns.end(), IsLongColumn);
  // Without a key a block that overflows cannot be read again: such results go row by row
  // unless the driver can complete a block in place.
  const bool keyless_long = key_.empty() && has_long && !dialect_.GetsDataInRowBlocks();
  reader.block_rows = row_by_row || keyless_long ? 1 : options_.fetch_rows;
  reader.get_data_in_blocks = dialect_.GetsDataInRowBlocks();
  reader.get_data_any_column = get_data_any_column_;
  reader.min_widths = learnt_widths_;
  for (size_t i = 0; i < columns.size(); ++i) {
    const int t = columns[i].type.sql_type;
    reader.formats.push_back(formats_[i] != ValueFormat::kText ? formats_[i]
                             : IsBinarySqlType(t)              ? ValueFormat::kHex
                             : t == SQL_BIT                    ? ValueFormat::kBit
                                                               : ValueFormat::kText);
  }
  reader_ = std::make_unique<OdbcResultReader>(stmt, std::move(columns), std::move(reader));
  segment_limit_ = spec.limit;
  segment_rows_ = 0;
  block_pos_ = 0;
}

void OdbcSource::OpenNativeSegment(const std::string& sql, const SelectRowsSpec& spec) {
  std::vector<ValueFormat> formats;
  for (size_t i = 0; i < formats_.size(); ++i) {
    formats.push_back(formats_[i] != ValueFormat::kText ? formats_[i]
                      : IsBinarySqlType(sql_types_[i])  ? ValueFormat::kHex
                                                        : ValueFormat::kText);
  }
  if (!key_.empty() && key_sql_type_ == 0) {
    // A query's key: its type from the description, as the ODBC path takes it from the result.
    key_sql_type_ = sql_types_[key_column_];
    if (IsBinarySqlType(key_sql_type_)) {
      throw ConfigError("source.key", "\"" + key_ +
                                          "\" is a binary column; a key must compare as "
                                          "a number, a date or text");
    }
  }
  native_->Start(sql, std::move(formats), "reading " + source_name_);
  if (spec.after_key) {
    if (IsIntegerSqlType(key_sql_type_)) {
      int64_t key = 0;
      auto [end, ec] = std::from_chars(last_key_.data(), last_key_.data() + last_key_.size(), key);
      if (ec != std::errc() || end != last_key_.data() + last_key_.size()) {
        throw RunError(source_name_ + ": cannot continue after key " + key_ + " = '" + last_key_ +
                       "': not an integer");
      }
      native_->BindInt(key);
    } else {
      native_->BindText(last_key_);  // the key column's affinity makes it a number if need be
    }
  }
  native_open_ = true;
  segment_limit_ = spec.limit;
  segment_rows_ = 0;
  block_pos_ = 0;
}

bool OdbcSource::NextBlock() {
  for (;;) {
    if (!SegmentOpen()) {
      if (exhausted_) return false;
      OpenSegment(false);
    }
    if (native_) {
      if (native_->Fetch(options_.fetch_rows)) {
        segment_rows_ += native_->rows();
        block_pos_ = 0;
        return true;
      }
      const bool more = segment_limit_ > 0 && segment_rows_ >= segment_limit_;
      CloseSegment();
      if (!more) {
        exhausted_ = true;
        return false;
      }
      continue;
    }
    const OdbcResultReader::Status status = reader_->Fetch();
    if (status == OdbcResultReader::Status::kRows) {
      segment_rows_ += reader_->rows();
      block_pos_ = 0;
      return true;
    }
    if (status == OdbcResultReader::Status::kOverflow) {
      const size_t c = reader_->overflow_column();
      const size_t width = reader_->width(c);
      if (key_.empty()) {
        throw RunError(source_name_ + ": column " + schema_.fields[c].name +
                       " holds a value longer than " + std::to_string(width) +
                       " bytes, which this driver cannot fetch inside a block of rows; set key: "
                       "(a unique column) or fetch_rows: 1");
      }
      // Later blocks get room for values like this one; this stretch goes row by row.
      learnt_widths_[c] =
          std::min(kMaxLearntWidth, std::max(width * 2, reader_->overflow_bytes() + 1));
      OpenSegment(true);
      continue;
    }
    const bool more = segment_limit_ > 0 && segment_rows_ >= segment_limit_;
    CloseSegment();
    if (!more) {
      exhausted_ = true;
      return false;
    }
  }
}

std::string_view OdbcSource::RawRecord(Batch& out, size_t row) {
  raw_scratch_.clear();
  for (size_t c = 0; c < schema_.size() && raw_scratch_.size() < kRawRecordBytes; ++c) {
    if (c) raw_scratch_ += ", ";
    raw_scratch_ += schema_.fields[c].name;
    raw_scratch_ += '=';
    if (IsNullAt(c, row)) {
      raw_scratch_ += "NULL";
    } else {
      AppendClipped(raw_scratch_, ValueAt(c, row), kRawValueBytes);
    }
  }
  return out.arena.Store(raw_scratch_);
}

void OdbcSource::AppendRows(Batch& out, size_t count) {
  std::string_view previous = has_last_key_ ? std::string_view(last_key_) : std::string_view();
  bool has_previous = has_last_key_;
  for (size_t i = 0; i < count; ++i) {
    const size_t r = block_pos_ + i;
    if (!key_.empty()) {
      if (IsNullAt(key_column_, r)) {
        throw RunError(source_name_ + ": key column " + key_ + " is NULL at row " +
                       std::to_string(rows_read_ + 1) + "; a key must never be NULL");
      }
      const std::string_view k = ValueAt(key_column_, r);
      if (has_previous && k == previous) {
        throw RunError(source_name_ + ": key column " + key_ + " repeats the value '" +
                       std::string(k.substr(0, kRawValueBytes)) + "' at row " +
                       std::to_string(rows_read_ + 1) +
                       "; a key must be unique, or rows would be lost between pages");
      }
      previous = k;
      has_previous = true;
    }
    for (size_t c = 0; c < out.columns.size(); ++c) {
      Column& column = out.columns[c];
      if (IsNullAt(c, r)) {
        column.AppendNull();
      } else {
        column.AppendText(out.arena.Store(ValueAt(c, r)));
      }
    }
    out.origins.push_back({rows_read_ + 1, 0});
    out.states.push_back(RowState::kKeep);
    out.raw_records.push_back(RawRecord(out, r));
    ++rows_read_;
  }
  if (!key_.empty() && count > 0) {
    last_key_.assign(previous);
    has_last_key_ = true;
  }
  block_pos_ += count;
}

bool OdbcSource::ReadNext(Batch& out, size_t max_rows) {
  out.source_name = source_name_;
  out.schema = schema_;
  out.columns.resize(schema_.size());
  for (Column& column : out.columns) {
    if (!column.type.IsText()) column.Retype(DataType{});
    column.Reserve(max_rows);
  }
  size_t appended = 0;
  while (appended < max_rows) {
    if (!SegmentOpen() || block_pos_ >= BlockRows()) {
      if (!NextBlock()) break;
    }
    const size_t take = std::min(max_rows - appended, BlockRows() - block_pos_);
    AppendRows(out, take);
    appended += take;
  }
  return appended > 0;
}

SourcePosition OdbcSource::Position() const {
  SourcePosition at;
  at.line = rows_read_;
  if (has_last_key_) at.key = last_key_;
  return at;
}

void OdbcSource::SeekTo(const SourcePosition& at) {
  if (at.line == 0 && at.key.empty()) {
    rows_read_ = 0;
    has_last_key_ = false;
    last_key_.clear();
  } else {
    RequireResumableByKey(at, source_name_, !key_.empty(), options_.table.empty());
    rows_read_ = at.line;
    last_key_ = at.key;
    has_last_key_ = true;
  }
  exhausted_ = false;
  OpenSegment(false);
}

}  // namespace sluice

// PgCopySource: one COPY per read (after the last key when resuming), each row decoded in
// place and laid out in the batch's arena inside OdbcSource's record of it.
#include "connectors/postgres/pg_copy_source.h"

#include <cctype>
#include <cstring>
#include <optional>
#include <utility>

#include "connectors/odbc/connection_string.h"
#include "connectors/postgres/pg_copy_text.h"
#include "connectors/postgres/pg_describe.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

// What the rejects output shows of a row (as OdbcSource).
constexpr size_t kRawValueBytes = 64;
constexpr size_t kRawRecordBytes = 512;

// How many of the first `limit` bytes of `v` (longer than `limit`) a clipped copy keeps: no
// UTF-8 sequence is cut (as OdbcSource's records).
size_t ClippedSize(std::string_view v, size_t limit) {
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string ResultField(const PGresult* result, int code) {
  const char* v = result ? PQresultErrorField(result, code) : nullptr;
  return v ? v : "";
}

std::string TrimmedQuery(std::string query) {
  while (!query.empty() &&
         (query.back() == ';' || std::isspace(static_cast<unsigned char>(query.back())))) {
    query.pop_back();
  }
  return query;
}

struct PgFree {
  void operator()(void* p) const { PQfreemem(p); }
};

// Runs `step`; a PgError it throws (PgConnection's) gains the masked connection string.
template <typename Step>
auto WithConnectionNamed(const std::string& masked, Step step) -> decltype(step()) {
  try {
    return step();
  } catch (const PgError& e) {
    throw PgError(std::string(e.what()) + " (" + masked + ")", e.sqlstate(), e.column(),
                  e.context());
  }
}

}  // namespace

void PgCopySourceOptions::Validate() const {
  if (connection.empty()) throw ConfigError("source.connection", "is required");
  if (table.empty() == query.empty()) {
    throw ConfigError("source", "set exactly one of table and query");
  }
  if (!where.empty() && table.empty()) {
    throw ConfigError("source.where", "filters a table; with a query, filter in the query");
  }
}

PgCopySource::PgCopySource(PgCopySourceOptions options)
    : options_(std::move(options)), masked_(MaskConnectionString(options_.connection)) {
  options_.Validate();
  source_name_ = options_.table.empty() ? "query" : options_.table;
  Connect();
  Describe();
  fields_.resize(schema_.size());
  nulls_.resize(schema_.size());
  for (size_t c = 0; c < schema_.size(); ++c) {
    record_prefixes_.push_back((c ? ", " : "") + schema_.fields[c].name + "=");
  }
}

PgCopySource::~PgCopySource() = default;

void PgCopySource::Fail(const std::string& doing, const std::string& message,
                        const std::string& sqlstate) const {
  throw PgError(
      doing + " (" + masked_ + "): " + (sqlstate.empty() ? "" : "[" + sqlstate + "] ") + message,
      sqlstate, "", "");
}

void PgCopySource::Connect() {
  copying_ = false;
  connection_.reset();
  connection_ = WithConnectionNamed(masked_, [&] {
    auto connection = std::make_unique<PgConnection>(options_.connection);
    // psqlODBC's own settings (it sends the first two on connecting), so numbers and dates
    // print alike; bytea in hex whatever the server's default.
    connection->Execute(
        "SET DateStyle = 'ISO'; SET extra_float_digits = 2; SET bytea_output = 'hex'",
        "setting up the session");
    return connection;
  });
}

void PgCopySource::Describe() {
  PgDescription d = WithConnectionNamed(masked_, [&] {
    return options_.table.empty()
               ? DescribePgSelect(*connection_, "SELECT * FROM (" + TrimmedQuery(options_.query) +
                                                    ") AS sluice_query")
               : DescribePgTable(*connection_, options_.table);
  });
  schema_ = std::move(d.schema);
  forms_ = std::move(d.forms);
  ResolveKey(d.primary_key.size() == 1 ? d.primary_key.front() : "");
  if (!options_.table.empty()) {
    // Parsing the statement now reports a bad filter before the first read, as OdbcSource does.
    WithConnectionNamed(masked_, [&] {
      CheckPgStatement(*connection_, SelectStatement(), "reading " + options_.table);
    });
  }
}

void PgCopySource::ResolveKey(const std::string& primary_key) {
  key_ = options_.key.empty() ? primary_key : options_.key;
  if (key_.empty()) return;
  std::optional<size_t> index = schema_.IndexOf(key_);
  if (!index) {
    std::string names;
    for (const Field& f : schema_.fields) names += (names.empty() ? "" : ", ") + f.name;
    throw ConfigError("source.key", "\"" + key_ + "\" is not a column of " + source_name_ +
                                        " (columns: " + names + ")");
  }
  key_column_ = *index;
  if (forms_[key_column_] == PgTextForm::kBytea) {
    throw ConfigError("source.key", "\"" + key_ +
                                        "\" is a binary column; a key must compare as "
                                        "a number, a date or text");
  }
}

std::string PgCopySource::SelectStatement() const {
  std::string sql = "SELECT ";
  std::string conditions;
  if (!options_.table.empty()) {
    for (size_t i = 0; i < schema_.size(); ++i) {
      if (i) sql += ", ";
      sql += dialect_.QuoteIdentifier(schema_.fields[i].name);
    }
    sql += " FROM " + dialect_.QuoteIdentifier(options_.table);
    if (!options_.where.empty()) conditions = "(" + options_.where + ")";
  } else {
    sql += "* FROM (" + TrimmedQuery(options_.query) + ") AS sluice_query";
  }
  if (!key_.empty() && has_last_key_) {
    std::unique_ptr<char, PgFree> literal(
        PQescapeLiteral(connection_->get(), last_key_.data(), last_key_.size()));
    if (!literal) {
      Fail("continuing " + source_name_ + " after key " + key_, PQerrorMessage(connection_->get()),
           "");
    }
    conditions += (conditions.empty() ? "" : " AND ") + dialect_.QuoteIdentifier(key_) + " > " +
                  literal.get();
  }
  if (!conditions.empty()) sql += " WHERE " + conditions;
  if (!key_.empty()) sql += " ORDER BY " + dialect_.QuoteIdentifier(key_);
  return sql;
}

void PgCopySource::StartCopy() {
  const std::string sql = "COPY (" + SelectStatement() + ") TO STDOUT";
  PgResult result(PQexec(connection_->get(), sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COPY_OUT) {
    std::string message = ResultField(result.get(), PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = PQerrorMessage(connection_->get());
    Fail("reading " + source_name_ + " (" + sql + ")", message,
         ResultField(result.get(), PG_DIAG_SQLSTATE));
  }
  copying_ = true;
}

void PgCopySource::DecodeRow(char* row, size_t size) {
  char* p = row;
  char* const end = row + size;
  // Most rows hold no escape (nor NULL): one scan spares a search in every field.
  const bool escaped = std::memchr(row, '\\', size) != nullptr;
  const size_t n = schema_.size();
  for (size_t c = 0; c < n; ++c) {
    char* tab = static_cast<char*>(std::memchr(p, '\t', end - p));
    if ((tab == nullptr) != (c + 1 == n)) {
      throw RunError(source_name_ + ": row " + std::to_string(rows_read_ + 1) +
                     " of the COPY has " + (tab ? "more" : "fewer") + " than " + std::to_string(n) +
                     " columns");
    }
    char* stop = tab ? tab : end;
    nulls_[c] = escaped && IsCopyNull(std::string_view(p, stop - p));
    if (nulls_[c]) {
      fields_[c] = {};
    } else {
      const size_t len = escaped ? DecodeCopyText(p, stop, p) : static_cast<size_t>(stop - p);
      fields_[c] = ToOdbcText(forms_[c], p, len);
    }
    p = stop + 1;
  }
}

void PgCopySource::PlaceRow(Batch& out) {
  // OdbcSource's record ("id=1, name=x", each value clipped to kRawValueBytes, columns until
  // kRawRecordBytes) holds most values whole: those values are views into it, so a row takes
  // one allocation and its bytes are in the arena once.
  const size_t n = schema_.size();
  size_t record = 0;
  size_t apart = 0;  // values the record does not hold whole
  size_t shown = n;
  for (size_t c = 0; c < n; ++c) {
    if (shown == n && record >= kRawRecordBytes) shown = c;
    const size_t len = fields_[c].size();
    if (c < shown) {
      record += record_prefixes_[c].size();
      if (nulls_[c]) {
        record += 4;
      } else if (len <= kRawValueBytes) {
        record += len;
      } else {
        record += ClippedSize(fields_[c], kRawValueBytes) + 3;
        apart += len;
      }
    } else {
      apart += len;
    }
  }
  char* const start = out.arena.Allocate(record + apart);
  char* r = start;
  char* value = start + record;
  auto put = [&r](std::string_view bytes) {
    std::memcpy(r, bytes.data(), bytes.size());
    r += bytes.size();
  };
  for (size_t c = 0; c < n; ++c) {
    Column& column = out.columns[c];
    const std::string_view v = fields_[c];
    if (c < shown) put(record_prefixes_[c]);
    if (nulls_[c]) {
      if (c < shown) put("NULL");
      column.AppendNull();
    } else if (c < shown && v.size() <= kRawValueBytes) {
      column.AppendText(std::string_view(r, v.size()));
      put(v);
    } else {
      if (c < shown) {
        put(v.substr(0, ClippedSize(v, kRawValueBytes)));
        put("...");
      }
      std::memcpy(value, v.data(), v.size());
      column.AppendText(std::string_view(value, v.size()));
      value += v.size();
    }
  }
  out.raw_records.push_back(std::string_view(start, record));
}

void PgCopySource::AppendRow(Batch& out, char* row, size_t size) {
  DecodeRow(row, size);
  if (!key_.empty()) {
    if (nulls_[key_column_]) {
      throw RunError(source_name_ + ": key column " + key_ + " is NULL at row " +
                     std::to_string(rows_read_ + 1) + "; a key must never be NULL");
    }
    const std::string_view k = fields_[key_column_];
    if (has_previous_key_ && k == previous_key_) {
      throw RunError(source_name_ + ": key column " + key_ + " repeats the value '" +
                     std::string(k.substr(0, kRawValueBytes)) + "' at row " +
                     std::to_string(rows_read_ + 1) +
                     "; a key must be unique, or rows would be lost between pages");
    }
  }
  PlaceRow(out);
  if (!key_.empty()) {
    previous_key_ = out.columns[key_column_].text.back();
    has_previous_key_ = true;
  }
  out.origins.push_back({rows_read_ + 1, 0});
  out.states.push_back(RowState::kKeep);
  ++rows_read_;
}

void PgCopySource::FinishCopy() {
  PGconn* conn = connection_->get();
  copying_ = false;
  PgResult result(PQgetResult(conn));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  while (PgResult rest{PQgetResult(conn)}) {
  }
  if (status != PGRES_COMMAND_OK) {
    std::string message = ResultField(result.get(), PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = PQerrorMessage(conn);
    Fail("reading " + source_name_, message, ResultField(result.get(), PG_DIAG_SQLSTATE));
  }
  exhausted_ = true;
}

bool PgCopySource::ReadNext(Batch& out, size_t max_rows) {
  out.source_name = source_name_;
  out.schema = schema_;
  out.columns.resize(schema_.size());
  for (Column& column : out.columns) {
    if (!column.type.IsText()) column.Retype(DataType{});
    column.Reserve(max_rows);
  }
  if (!copying_ && !exhausted_) StartCopy();
  previous_key_ = last_key_;
  has_previous_key_ = has_last_key_;
  PGconn* conn = connection_->get();
  size_t appended = 0;
  while (appended < max_rows && copying_) {
    char* buffer = nullptr;
    const int n = PQgetCopyData(conn, &buffer, 0);
    if (n > 0) {
      std::unique_ptr<char, PgFree> row(buffer);
      // Every text-format row ends with a newline.
      AppendRow(out, buffer, static_cast<size_t>(n) - (buffer[n - 1] == '\n' ? 1 : 0));
      ++appended;
    } else if (n == -1) {
      FinishCopy();
    } else {
      copying_ = false;
      Fail("reading " + source_name_, PQerrorMessage(conn), "");
    }
  }
  if (!key_.empty() && appended > 0) {
    last_key_.assign(previous_key_);
    has_last_key_ = true;
  }
  return appended > 0;
}

SourcePosition PgCopySource::Position() const {
  SourcePosition at;
  at.line = rows_read_;
  if (has_last_key_) at.key = last_key_;
  return at;
}

void PgCopySource::SeekTo(const SourcePosition& at) {
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
  // A COPY under way cannot be stopped without a cancel request that might hit the next
  // statement: a new connection is cleaner.
  if (copying_) Connect();
  exhausted_ = false;
}

}  // namespace sluice

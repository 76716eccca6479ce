// SqliteResultReader: one prepared statement stepped into blocks of text values.
#include "connectors/sqlite/sqlite_result_reader.h"

#include <sqlite3.h>

#include "pipeline/errors.h"

namespace sluice {

SqliteResultReader::SqliteResultReader(const std::string& database, std::string masked)
    : masked_(std::move(masked)) {
  const int rc =
      sqlite3_open_v2(database.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);  // SQLite allocates the handle even when the open fails
    db_ = nullptr;
    throw RunError("opening the SQLite database to read in " + masked_ + ": " + message +
                   " (SQLite error " + std::to_string(rc) + ")");
  }
  // A writer holding the file locked is waited for (up to 100 s), not an error at once.
  sqlite3_busy_timeout(db_, 100000);
}

SqliteResultReader::~SqliteResultReader() {
  Finish();
  sqlite3_close(db_);
}

void SqliteResultReader::Finish() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  rows_ = 0;
}

void SqliteResultReader::Fail(const std::string& doing, int rc) const {
  const char* message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  throw RunError(doing + " in " + masked_ + ": " + message + " (SQLite error " +
                 std::to_string(rc) + ")");
}

void SqliteResultReader::Start(const std::string& sql, std::vector<ValueFormat> formats,
                               const std::string& doing) {
  Finish();
  doing_ = doing;
  done_ = false;
  const int rc =
      sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) Fail(doing_ + " (" + sql + ")", rc);
  if (static_cast<size_t>(sqlite3_column_count(stmt_)) != formats.size()) {
    throw RunError(doing_ + ": the result has " + std::to_string(sqlite3_column_count(stmt_)) +
                   " columns, expected " + std::to_string(formats.size()) +
                   " (did the table change?)");
  }
  formats_ = std::move(formats);
  values_.resize(formats_.size());
  nulls_.resize(formats_.size());
}

void SqliteResultReader::BindInt(int64_t v) {
  const int rc = sqlite3_bind_int64(stmt_, 1, v);
  if (rc != SQLITE_OK) Fail(doing_ + ": binding the key", rc);
}

void SqliteResultReader::BindText(std::string_view v) {
  const int rc =
      sqlite3_bind_text(stmt_, 1, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) Fail(doing_ + ": binding the key", rc);
}

std::string_view SqliteResultReader::BlobLiteral(const unsigned char* bytes, size_t size) {
  // sqliteodbc's text for a blob in a column not declared binary: an SQL blob literal.
  static const char kDigits[] = "0123456789ABCDEF";
  char* out = block_.Allocate(size * 2 + 3);
  out[0] = 'X';
  out[1] = '\'';
  for (size_t k = 0; k < size; ++k) {
    out[2 + 2 * k] = kDigits[bytes[k] >> 4];
    out[3 + 2 * k] = kDigits[bytes[k] & 15];
  }
  out[size * 2 + 2] = '\'';
  return {out, size * 2 + 3};
}

bool SqliteResultReader::Fetch(size_t max_rows) {
  rows_ = 0;
  block_.Reset();
  for (size_t c = 0; c < formats_.size(); ++c) {
    values_[c].resize(max_rows);
    nulls_[c].resize(max_rows);
  }
  while (!done_ && rows_ < max_rows) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_DONE) {
      done_ = true;
      break;
    }
    if (rc != SQLITE_ROW) Fail(doing_, rc);
    for (size_t c = 0; c < formats_.size(); ++c) {
      const int i = static_cast<int>(c);
      // The storage class first: asking for the text converts the value.
      const int type = sqlite3_column_type(stmt_, i);
      if (type == SQLITE_NULL) {
        nulls_[c][rows_] = 1;
        values_[c][rows_] = {};
        continue;
      }
      nulls_[c][rows_] = 0;
      std::string_view raw;
      if (formats_[c] == ValueFormat::kHex || type == SQLITE_BLOB) {
        const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, i));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, i));
        raw = formats_[c] == ValueFormat::kHex
                  ? std::string_view(reinterpret_cast<const char*>(bytes), size)  // hex below
                  : BlobLiteral(bytes, size);
      } else {
        // SQLite's until the next step: the block keeps a copy.
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        raw = block_.Store({text, static_cast<size_t>(sqlite3_column_bytes(stmt_, i))});
      }
      values_[c][rows_] = DecodeFetchedValue(formats_[c], raw, block_);
    }
    ++rows_;
  }
  return rows_ > 0;
}

}  // namespace sluice

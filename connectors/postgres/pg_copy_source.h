// The native PostgreSQL reader: a table (or a query) streamed with libpq's COPY ... TO STDOUT,
// giving the schema, rows and text OdbcSource gives through psqlODBC, several times faster.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/postgres/pg_type_map.h"
#include "pipeline/source.h"

namespace sluice {

// OdbcSourceOptions without the block and page sizes: COPY streams one result.
struct PgCopySourceOptions {
  // ODBC-style, as every PostgreSQL endpoint takes it; secrets inside: print only
  // MaskConnectionString(connection).
  std::string connection;
  std::string table;  // exactly one of table and query
  std::string query;
  // The unique, never NULL column rows are ordered and resumed by; default for a table: its
  // primary key when that is one column. A query without a key cannot resume.
  std::string key;
  std::string where;  // an extra filter for a table, in PostgreSQL's SQL

  // Throws ConfigError naming the offending key (source.table, source.where, ...).
  void Validate() const;
};

// Every value arrives as OdbcSource's text: numbers, dates and other types as the server
// prints them (DateStyle ISO, extra_float_digits 2, like psqlODBC), booleans "1"/"0",
// timestamptz in UTC without the offset, bytea as lowercase hex, uuid in upper case. Types
// follow psqlODBC's catalog (MapOdbcType): numeric(p,s) is decimal only for 1 <= p <= 18 and
// 0 <= s <= p, money is double, a table's domain counts as its base type one level deep.
// Unlike psqlODBC, infinite and BC dates and timestamps keep the server's text ("infinity",
// "0044-03-15 BC") instead of turning into other dates.
class PgCopySource : public Source {
 public:
  // Connects, finds the table (or checks the query) and its key. Throws PgError (SQLSTATE,
  // masked connection string) when the database refuses, ConfigError for bad options.
  explicit PgCopySource(PgCopySourceOptions options);
  ~PgCopySource() override;

  const Schema& schema() const override { return schema_; }
  bool ReadNext(Batch& out, size_t max_rows) override;
  // line: rows read so far; key: the key of the last row read ("" before the first).
  SourcePosition Position() const override;
  // Continues after `at.key` (a new COPY with `key > 'literal'`); a position at the start
  // rewinds. Throws RunError when the source has no key and `at` is not the start.
  void SeekTo(const SourcePosition& at) override;

  const std::string& key() const { return key_; }
  const std::string& source_name() const { return source_name_; }

 private:
  void Connect();
  // The schema, text forms and key; for a table, also checks the statement (its filter).
  void Describe();
  void ResolveKey(const std::string& primary_key);
  // The SELECT the COPY runs: after the last key when there is one.
  std::string SelectStatement() const;
  void StartCopy();
  // After the last row: the COPY's own result, which carries an error the server hit late.
  void FinishCopy();
  // One COPY row (without its newline, decoded in place) into the batch; throws on a
  // malformed row or a key that repeats or is NULL.
  void AppendRow(Batch& out, char* row, size_t size);
  // Decodes the row's fields in place into OdbcSource's text (fields_, nulls_).
  void DecodeRow(char* row, size_t size);
  // Appends the decoded row's values and its record to the batch.
  void PlaceRow(Batch& out);
  // Throws PgError with what sluice was doing and the masked connection string.
  [[noreturn]] void Fail(const std::string& doing, const std::string& message,
                         const std::string& sqlstate) const;

  PgCopySourceOptions options_;
  Dialect dialect_{DialectKind::kPostgres};
  std::string masked_;
  std::string source_name_;
  std::unique_ptr<PgConnection> connection_;
  Schema schema_;
  std::vector<PgTextForm> forms_;  // per column: how its COPY text becomes psqlODBC's
  std::string key_;
  size_t key_column_ = 0;

  bool copying_ = false;  // a COPY is streaming on the connection
  bool exhausted_ = false;
  uint64_t rows_read_ = 0;
  std::string last_key_;
  bool has_last_key_ = false;
  // The key of the row before, for the uniqueness check (a view into a batch or last_key_).
  std::string_view previous_key_;
  bool has_previous_key_ = false;
  // Per row: the decoded fields (views into libpq's row buffer) and null flags.
  std::vector<std::string_view> fields_;
  std::vector<uint8_t> nulls_;
  std::vector<std::string> record_prefixes_;  // per column: ", name=" (the first without ", ")
};

}  // namespace sluice

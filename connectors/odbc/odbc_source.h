// The ODBC source: reads a table (or a query) through block cursors as text columns typed by
// the catalog, in key order when there is a key so a run can resume after the last key read,
// and in key ranges (keyset pages) where the driver cannot stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "connectors/odbc/odbc_result_reader.h"
#include "connectors/sqlite/sqlite_result_reader.h"
#include "pipeline/source.h"

namespace sluice {

struct OdbcSourceOptions {
  std::string connection;  // secrets inside: print only MaskConnectionString(connection)
  std::string table;       // exactly one of table and query
  std::string query;
  // The column rows are ordered and resumed by; it must be unique and never NULL (a repeated
  // or NULL key stops the read; text keys compare by the database's collation, so on a
  // case-insensitive one "a" and "A" are one key). Default for a table: its primary key when
  // that is one column. A query without a key cannot resume.
  std::string key;
  size_t fetch_rows = 10000;  // rows per block fetch
  // Rows per keyset page (`WHERE key > ? ORDER BY key LIMIT n`); 0 streams one cursor. Unset:
  // Dialect::DefaultPageRows() (MariaDB 50000: its driver holds a whole result in memory).
  std::optional<size_t> page_rows;
  std::string where;  // an extra filter for a table, in the database's SQL
  // SQLite: read the rows through SQLite's own library (same statements, same text; the
  // catalog is still read through ODBC), when the connection names a database file.
  bool sqlite_native = false;

  // Throws ConfigError naming the offending key (source.table, source.fetch_rows, ...).
  void Validate() const;
};

// Values arrive as text: numbers and dates as the driver prints them (booleans "1"/"0"),
// timestamps in UTC without an offset, binary values as lowercase hex. schema() carries the
// type each column maps to (MapOdbcType) so the pipeline can cast and create targets.
// On SQLite, table mode keeps every digit of REAL values; a query's reals keep 15 significant
// digits (sqliteodbc's and SQLite's own text alike).
class OdbcSource : public Source {
 public:
  // Connects, finds the table and its key, and starts reading. Throws OdbcError (SQLSTATE,
  // masked connection string) when the database refuses, ConfigError for bad options.
  explicit OdbcSource(OdbcSourceOptions options);
  ~OdbcSource() override;

  const Schema& schema() const override { return schema_; }
  bool ReadNext(Batch& out, size_t max_rows) override;
  // line: rows read so far; key: the key of the last row read ("" before the first).
  SourcePosition Position() const override;
  // Continues after `at.key`; a position at the start rewinds. Throws RunError when the source
  // has no key and `at` is not the start.
  void SeekTo(const SourcePosition& at) override;

  const std::string& key() const { return key_; }
  const std::string& source_name() const { return source_name_; }

 private:
  void Describe();
  void ResolveKey(const std::vector<std::string>& primary_key);
  // Executes the next statement: after the last key when there is one, in row-by-row mode
  // for one block's worth of rows when `row_by_row` (after an overflow).
  void OpenSegment(bool row_by_row);
  void OpenNativeSegment(const std::string& sql, const SelectRowsSpec& spec);
  void CloseSegment();
  // Makes a block of rows available; false at the end of the data.
  bool NextBlock();
  void AppendRows(Batch& out, size_t count);
  // The current block, from whichever reader is open.
  bool SegmentOpen() const { return native_ ? native_open_ : reader_ != nullptr; }
  size_t BlockRows() const { return native_ ? native_->rows() : reader_->rows(); }
  bool IsNullAt(size_t c, size_t r) const {
    return native_ ? native_->IsNull(c, r) : reader_->IsNull(c, r);
  }
  std::string_view ValueAt(size_t c, size_t r) const {
    return native_ ? native_->Value(c, r) : reader_->Value(c, r);
  }
  std::string_view RawRecord(Batch& out, size_t row);

  OdbcSourceOptions options_;
  Dialect dialect_;
  std::string masked_;
  std::string source_name_;
  std::unique_ptr<OdbcConnection> connection_;
  bool get_data_any_column_ = false;
  Schema schema_;
  std::vector<std::string> select_list_;
  std::vector<ValueFormat> formats_;
  std::vector<int> sql_types_;  // each column's ODBC SQL type, from the catalog or the query
  std::vector<size_t> learnt_widths_;
  std::string key_;
  size_t key_column_ = 0;
  int key_sql_type_ = 0;  // from the first result: how a resume binds the key
  int key_digits_ = 0;
  size_t page_rows_ = 0;

  // The statement being read and where it stands.
  std::unique_ptr<OdbcStatement> statement_;
  std::unique_ptr<OdbcResultReader> reader_;
  std::unique_ptr<SqliteResultReader> native_;  // instead of statement_ and reader_
  bool native_open_ = false;
  std::string key_param_;
  int64_t key_param_int_ = 0;
  SQLLEN key_param_len_ = 0;
  size_t segment_limit_ = 0;
  size_t segment_rows_ = 0;
  bool exhausted_ = false;
  size_t block_pos_ = 0;

  uint64_t rows_read_ = 0;
  std::string last_key_;
  bool has_last_key_ = false;
  std::string raw_scratch_;
};

}  // namespace sluice

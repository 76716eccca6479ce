// What differs between databases: identifier quoting, column types in DDL, the driver
// settings that make bulk I/O fast, and savepoint syntax. No SQL text is assembled
// anywhere else, and every identifier passes through QuoteIdentifier.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/schema.h"

namespace sluice {

enum class DialectKind { kSqlite, kPostgres, kMariaDb, kGeneric };

// The rows a reader asks for: a table's columns, or a user's query wrapped as a derived
// table; optionally ordered by a key, after a key value (one bound parameter), and limited.
struct SelectRowsSpec {
  std::string table;                     // table mode
  std::string query;                     // query mode (when table is empty)
  std::vector<std::string> select_list;  // expressions from QuoteIdentifier/ExactReal; empty: *
  std::string where;                     // the user's extra filter for a table, as written
  std::string key;                       // orders by this column when set
  bool after_key = false;                // adds `key > ?`
  size_t limit = 0;                      // 0: every row
};

class Dialect {
 public:
  explicit Dialect(DialectKind kind) : kind_(kind) {}
  DialectKind kind() const { return kind_; }
  const char* Name() const;

  std::string QuoteIdentifier(const std::string& name) const;
  std::string ColumnType(const DataType& type) const;
  // The connection string with the settings DESIGN.md prescribes for the driver added (the
  // user's own settings win).
  std::string TuneConnectionString(const std::string& connection) const;

  // With a primary key (upsert targets need one): its columns are NOT NULL, and on MariaDB
  // its text columns VARCHAR(255), as MariaDB cannot index TEXT without a prefix length.
  std::string CreateTable(const std::string& table, const Schema& schema,
                          const std::vector<std::string>& primary_key = {}) const;
  std::string Insert(const std::string& table, const Schema& schema) const;
  // An insert that updates the row with the same `key` instead (ON CONFLICT on SQLite and
  // PostgreSQL, ON DUPLICATE KEY on MariaDB); the key must be a primary key or unique index.
  std::string Upsert(const std::string& table, const Schema& schema,
                     const std::vector<std::string>& key) const;
  // The `SET` part of an upsert: every non-key column from the incoming row (`excluded`, or
  // MariaDB's VALUES()); with only key columns, a no-op that keeps the existing row.
  std::string UpsertAction(const Schema& schema, const std::vector<std::string>& key) const;
  // A comma-separated list of quoted identifiers.
  std::string ColumnList(const std::vector<std::string>& columns) const;
  std::string DeleteAll(const std::string& table) const;
  std::string Savepoint(const std::string& name) const;
  std::string RollbackToSavepoint(const std::string& name) const;
  std::string ReleaseSavepoint(const std::string& name) const;

  // Reading. TuneConnectionString plus what streaming reads need (sqliteodbc: StepAPI=1).
  std::string TuneReadConnectionString(const std::string& connection) const;
  // Statements run once after connecting: every session reads and writes in UTC.
  std::vector<std::string> SessionSetup() const;
  std::string SelectRows(const SelectRowsSpec& spec) const;
  // A select-list expression that keeps every digit of a REAL value. sqliteodbc prints reals
  // with 15 significant digits; on SQLite this yields 'r' + 21 digits for a real and 'v' +
  // the value otherwise (NULL stays NULL), for the reader to decode. Elsewhere: the column.
  std::string ExactReal(const std::string& column) const;
  // Whether a column of this declared type may hold REALs that need ExactReal: on SQLite every
  // column but those of TEXT and BLOB affinity; elsewhere none.
  bool MayHoldInexactReals(const std::string& declared_type) const;
  // Whether SQLSetPos + SQLGetData can fetch a value that overflowed its buffer inside a
  // block of rows (psqlODBC can; MariaDB's 3.1 driver returns another row's value).
  bool GetsDataInRowBlocks() const { return kind_ == DialectKind::kPostgres; }
  // Rows per keyset page when the job does not say: MariaDB's driver holds a whole result in
  // memory, so its big tables are read in key ranges; the others stream one cursor.
  size_t DefaultPageRows() const { return kind_ == DialectKind::kMariaDb ? 50000 : 0; }
  // Whether date and timestamp parameters are bound typed as such. MariaDB's driver parses
  // each typed value with sscanf (8% of a load's CPU) and leaks 40 bytes for each one bound
  // as ODBC's date structs, so there they go as text for the server to convert.
  bool TypesDateParameters() const { return kind_ != DialectKind::kMariaDb; }

 private:
  DialectKind kind_;
};

// The dialect from the connection string's Driver (or DSN) name.
Dialect DetectDialect(const std::string& connection);

}  // namespace sluice

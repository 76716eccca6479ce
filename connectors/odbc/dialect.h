// What differs between databases: identifier quoting, column types in DDL, the driver
// settings that make bulk I/O fast, and savepoint syntax. No SQL text is assembled
// anywhere else, and every identifier passes through QuoteIdentifier.
#pragma once

#include <memory>
#include <string>

#include "pipeline/schema.h"

namespace sluice {

enum class DialectKind { kSqlite, kPostgres, kMariaDb, kGeneric };

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

  std::string CreateTable(const std::string& table, const Schema& schema) const;
  std::string Insert(const std::string& table, const Schema& schema) const;
  std::string DeleteAll(const std::string& table) const;
  std::string Savepoint(const std::string& name) const;
  std::string RollbackToSavepoint(const std::string& name) const;
  std::string ReleaseSavepoint(const std::string& name) const;

 private:
  DialectKind kind_;
};

// The dialect from the connection string's Driver (or DSN) name.
Dialect DetectDialect(const std::string& connection);

}  // namespace sluice

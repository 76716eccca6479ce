// A thin RAII layer over libpq for the native PostgreSQL writer: one connection, statements,
// COPY FROM STDIN, and errors that carry SQLSTATE, the server's message and what sluice was
// doing. Connections are named by the same ODBC-style string every target uses.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/errors.h"

namespace sluice {

class PgError : public RunError {
 public:
  PgError(const std::string& message, std::string sqlstate, std::string column, std::string context)
      : RunError(message),
        sqlstate_(std::move(sqlstate)),
        column_(std::move(column)),
        context_(std::move(context)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // The column the server named (PG_DIAG_COLUMN_NAME), or "".
  const std::string& column() const { return column_; }
  // The server's CONTEXT field; for COPY, "COPY t, line N[, column c: ...]".
  const std::string& context() const { return context_; }
  // A data exception (class 22) or an integrity violation (class 23): the rows sent are at
  // fault, not the connection, so bisecting them finds the culprits.
  bool IsRowError() const;

 private:
  std::string sqlstate_;
  std::string column_;
  std::string context_;
};

// libpq's conninfo for an ODBC-style connection string: Server or Host, Port, Database,
// UID/User, PWD/Password and SSLMode, each value quoted as libpq wants. It holds the password:
// never print it (print MaskConnectionString(connection) instead).
std::string PgConninfo(const std::string& connection);

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

class PgConnection {
 public:
  using Row = std::vector<std::optional<std::string>>;  // nullopt: NULL

  // Connects with client_encoding UTF8 and the session time zone UTC.
  explicit PgConnection(const std::string& connection);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PGconn* get() const { return conn_; }
  // Runs statements that return no rows (several, separated by ';', in one round trip).
  void Execute(const std::string& sql, const std::string& doing);
  // Runs one statement with text parameters ($1, $2, ...) and returns its rows as text.
  std::vector<Row> Query(const std::string& sql, const Row& params, const std::string& doing);

  // COPY ... FROM STDIN: start it, send its data in pieces, finish it. A server error (a bad
  // row among them) surfaces from EndCopy, or from PutCopyData when the server gave up early;
  // either way the COPY is over when the PgError is thrown.
  void BeginCopy(const std::string& sql, const std::string& doing);
  void PutCopyData(const char* data, size_t size);
  void EndCopy();

 private:
  // The error of a failed result, or of the connection when there is no result.
  [[noreturn]] void Fail(const PGresult* result, const std::string& doing) const;
  // Reads results until libpq has none left; throws the first error among them.
  void DrainResults(const std::string& doing);

  PGconn* conn_ = nullptr;
  std::string where_;  // host:port/database, for messages
  std::string copy_doing_;
};

}  // namespace sluice

// A thin RAII layer over unixODBC: environment, connection and statement handles, and
// errors that carry SQLSTATE, the native code, the driver's message and what sluice was doing.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <stdexcept>
#include <string>

namespace sluice {

class OdbcError : public std::runtime_error {
 public:
  OdbcError(const std::string& message, std::string sqlstate, long native)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), native_(native) {}
  const std::string& sqlstate() const { return sqlstate_; }
  long native() const { return native_; }
  // Worth retrying from the last commit (see IsTransientSqlState).
  bool transient() const;

 private:
  std::string sqlstate_;
  long native_;
};

// Lost connections (class 08, PostgreSQL's 57P01-57P03 when a session is terminated, MariaDB's
// 2006/2013 "server has gone away"), deadlocks and serialization failures (40001, 40P01),
// timeouts (HYT00, HYT01).
bool IsTransientSqlState(const std::string& sqlstate, long native);

// The diagnostic records of a handle, joined ("[SQLSTATE] message (native N)").
std::string OdbcDiagnostics(SQLSMALLINT type, SQLHANDLE handle, std::string* first_state = nullptr,
                            long* first_native = nullptr);

// Throws OdbcError for a failed return code; `doing` says what sluice was doing.
void OdbcCheck(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE handle, const std::string& doing);

class OdbcEnvironment {
 public:
  OdbcEnvironment();
  ~OdbcEnvironment();
  OdbcEnvironment(const OdbcEnvironment&) = delete;
  OdbcEnvironment& operator=(const OdbcEnvironment&) = delete;
  SQLHENV get() const { return env_; }

 private:
  SQLHENV env_ = SQL_NULL_HENV;
};

class OdbcConnection {
 public:
  // `masked` is the connection string as it may be printed (see MaskConnectionString).
  OdbcConnection(const std::string& connection_string, const std::string& masked);
  ~OdbcConnection();
  OdbcConnection(const OdbcConnection&) = delete;
  OdbcConnection& operator=(const OdbcConnection&) = delete;

  SQLHDBC get() const { return dbc_; }
  void SetAutocommit(bool on);
  void Commit();
  void Rollback();
  // Runs a statement that returns no rows.
  void Execute(const std::string& sql, const std::string& doing);
  std::string DriverName() const;

 private:
  std::string On(const std::string& doing) const;

  OdbcEnvironment env_;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  bool connected_ = false;
  std::string masked_;
};

class OdbcStatement {
 public:
  explicit OdbcStatement(OdbcConnection& connection);
  ~OdbcStatement();
  OdbcStatement(const OdbcStatement&) = delete;
  OdbcStatement& operator=(const OdbcStatement&) = delete;
  SQLHSTMT get() const { return stmt_; }

 private:
  SQLHSTMT stmt_ = SQL_NULL_HSTMT;
};

}  // namespace sluice

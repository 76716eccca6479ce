// RAII ODBC handles and diagnostics.
#include "connectors/odbc/odbc_handles.h"

namespace sluice {

std::string OdbcDiagnostics(SQLSMALLINT type, SQLHANDLE handle, std::string* first_state,
                            long* first_native) {
  std::string out;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR text[1024] = {0};
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLGetDiagRec(type, handle, i, state, &native, text, sizeof text, &len);
    if (!SQL_SUCCEEDED(rc)) break;
    if (i == 1) {
      if (first_state) *first_state = reinterpret_cast<char*>(state);
      if (first_native) *first_native = native;
    }
    if (!out.empty()) out += "; ";
    out += "[" + std::string(reinterpret_cast<char*>(state)) + "] " +
           std::string(reinterpret_cast<char*>(text)) + " (native " + std::to_string(native) + ")";
  }
  return out.empty() ? "no diagnostic from the driver" : out;
}

bool IsTransientSqlState(const std::string& s, long native) {
  if (s.rfind("08", 0) == 0 || s.rfind("57P0", 0) == 0) return true;
  if (s == "40001" || s == "40P01" || s == "HYT00" || s == "HYT01") return true;
  return native == 2006 || native == 2013 || native == 1213 || native == 1205;
}

bool OdbcError::transient() const { return IsTransientSqlState(sqlstate_, native_); }

void OdbcCheck(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE handle, const std::string& doing) {
  if (SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA) return;
  std::string state;
  long native = 0;
  std::string diag = OdbcDiagnostics(type, handle, &state, &native);
  throw OdbcError(doing + ": " + diag, state, native);
}

OdbcEnvironment::OdbcEnvironment() {
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_))) {
    throw OdbcError("cannot allocate an ODBC environment (is unixODBC installed?)", "", 0);
  }
  OdbcCheck(
      SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
      SQL_HANDLE_ENV, env_, "setting ODBC version 3");
}

OdbcEnvironment::~OdbcEnvironment() { SQLFreeHandle(SQL_HANDLE_ENV, env_); }

OdbcConnection::OdbcConnection(const std::string& connection_string, const std::string& masked)
    : masked_(masked) {
  OdbcCheck(SQLAllocHandle(SQL_HANDLE_DBC, env_.get(), &dbc_), SQL_HANDLE_ENV, env_.get(),
            "allocating a connection");
  SQLRETURN rc = SQLDriverConnect(
      dbc_, nullptr, reinterpret_cast<SQLCHAR*>(const_cast<char*>(connection_string.c_str())),
      SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    std::string state;
    long native = 0;
    std::string diag = OdbcDiagnostics(SQL_HANDLE_DBC, dbc_, &state, &native);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    dbc_ = SQL_NULL_HDBC;
    throw OdbcError("cannot connect to " + masked + ": " + diag, state, native);
  }
  connected_ = true;
}

OdbcConnection::~OdbcConnection() {
  if (dbc_ == SQL_NULL_HDBC) return;
  if (connected_) {
    SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
    SQLDisconnect(dbc_);
  }
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
}

void OdbcConnection::SetAutocommit(bool on) {
  OdbcCheck(SQLSetConnectAttr(
                dbc_, SQL_ATTR_AUTOCOMMIT,
                reinterpret_cast<SQLPOINTER>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF), 0),
            SQL_HANDLE_DBC, dbc_, On("setting autocommit"));
}

void OdbcConnection::Commit() {
  OdbcCheck(SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_COMMIT), SQL_HANDLE_DBC, dbc_, On("committing"));
}

void OdbcConnection::Rollback() {
  OdbcCheck(SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK), SQL_HANDLE_DBC, dbc_,
            On("rolling back"));
}

void OdbcConnection::Execute(const std::string& sql, const std::string& doing) {
  OdbcStatement stmt(*this);
  OdbcCheck(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                          SQL_NTS),
            SQL_HANDLE_STMT, stmt.get(), On(doing));
}

// A failure names the database: a disk, a permission or a file that is not the one meant shows
// only there (sqliteodbc's messages never name the file).
std::string OdbcConnection::On(const std::string& doing) const {
  return doing + " (" + masked_ + ")";
}

std::string OdbcConnection::DriverName() const {
  SQLCHAR name[256] = {0};
  SQLSMALLINT len = 0;
  SQLGetInfo(dbc_, SQL_DBMS_NAME, name, sizeof name, &len);
  return reinterpret_cast<char*>(name);
}

OdbcStatement::OdbcStatement(OdbcConnection& connection) {
  OdbcCheck(SQLAllocHandle(SQL_HANDLE_STMT, connection.get(), &stmt_), SQL_HANDLE_DBC,
            connection.get(), "allocating a statement");
}

OdbcStatement::~OdbcStatement() { SQLFreeHandle(SQL_HANDLE_STMT, stmt_); }

}  // namespace sluice

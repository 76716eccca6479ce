// MonitorDatabase over ODBC: one connection in autocommit, sessions in UTC, every value read
// as text.
#include <string>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_handles.h"
#include "monitor/monitor_database.h"

namespace sluice {
namespace {

class OdbcMonitorDatabase : public MonitorDatabase {
 public:
  explicit OdbcMonitorDatabase(const std::string& connection)
      : dialect_(DetectDialect(connection)),
        connection_(dialect_.TuneConnectionString(connection), MaskConnectionString(connection)) {
    for (const std::string& sql : dialect_.SessionSetup()) {
      connection_.Execute(sql, "setting up the session");
    }
  }

  const Dialect& dialect() const override { return dialect_; }

  std::vector<Row> Query(const std::string& sql, const std::string& doing) override {
    OdbcStatement stmt(connection_);
    OdbcCheck(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                            SQL_NTS),
              SQL_HANDLE_STMT, stmt.get(), doing);
    SQLSMALLINT columns = 0;
    OdbcCheck(SQLNumResultCols(stmt.get(), &columns), SQL_HANDLE_STMT, stmt.get(), doing);
    std::vector<Row> rows;
    for (;;) {
      SQLRETURN rc = SQLFetch(stmt.get());
      if (rc == SQL_NO_DATA) break;
      OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), doing);
      Row row;
      for (SQLUSMALLINT c = 1; c <= columns; ++c) row.push_back(Text(stmt.get(), c, doing));
      rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  // A value of any length, in pieces when it does not fit the buffer.
  static Cell Text(SQLHSTMT stmt, SQLUSMALLINT column, const std::string& doing) {
    std::string out;
    char buf[4096];
    for (;;) {
      SQLLEN len = 0;
      SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, buf, sizeof buf, &len);
      if (rc == SQL_NO_DATA) break;
      OdbcCheck(rc, SQL_HANDLE_STMT, stmt, doing);
      if (len == SQL_NULL_DATA) return std::nullopt;
      const bool partial = len == SQL_NO_TOTAL || len >= static_cast<SQLLEN>(sizeof buf);
      out.append(buf, partial ? sizeof buf - 1 : static_cast<size_t>(len));
      if (!partial) break;
    }
    return out;
  }

  Dialect dialect_;
  OdbcConnection connection_;
};

}  // namespace

std::unique_ptr<MonitorDatabase> OpenOdbcMonitorDatabase(const std::string& connection) {
  return std::make_unique<OdbcMonitorDatabase>(connection);
}

}  // namespace sluice

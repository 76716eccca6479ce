// SQLTables-based look-ups.
#include "connectors/odbc/odbc_catalog.h"

namespace sluice {

bool OdbcTableExists(OdbcConnection& connection, const std::string& table) {
  OdbcStatement stmt(connection);
  OdbcCheck(
      SQLTables(stmt.get(), nullptr, 0, nullptr, 0,
                reinterpret_cast<SQLCHAR*>(const_cast<char*>(table.c_str())), SQL_NTS, nullptr, 0),
      SQL_HANDLE_STMT, stmt.get(), "looking up table " + table);
  bool found = false;
  while (SQL_SUCCEEDED(SQLFetch(stmt.get()))) {
    SQLCHAR name[512] = {0};
    SQLLEN len = 0;
    SQLGetData(stmt.get(), 3, SQL_C_CHAR, name, sizeof name, &len);
    if (table == reinterpret_cast<char*>(name)) found = true;
  }
  return found;
}

}  // namespace sluice

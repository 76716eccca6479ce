// OdbcRowInserter.
#include "connectors/odbc/odbc_row_inserter.h"

#include <algorithm>

#include "connectors/odbc/odbc_catalog.h"

namespace sluice {

OdbcRowInserter::OdbcRowInserter(OdbcConnection& connection, const Dialect& dialect,
                                 const std::string& table, const Schema& schema)
    : stmt_(connection), schema_(schema), table_(table) {
  if (!OdbcTableExists(connection, table)) {
    connection.Execute(dialect.CreateTable(table, schema), "creating table " + table);
  }
  std::string sql = dialect.Insert(table, schema);
  OdbcCheck(SQLPrepare(stmt_.get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS),
            SQL_HANDLE_STMT, stmt_.get(), "preparing the insert into " + table);
}

void OdbcRowInserter::Insert(const std::vector<Cell>& cells) {
  std::vector<SQLLEN> ind(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    SQLSMALLINT sql_type = SQL_VARCHAR;
    switch (schema_.fields[i].type.id) {
      case TypeId::kInteger:
        sql_type = SQL_BIGINT;
        break;
      case TypeId::kDouble:
        sql_type = SQL_DOUBLE;
        break;
      case TypeId::kTimestamp:
        sql_type = SQL_TYPE_TIMESTAMP;
        break;
      default:
        break;
    }
    const Cell& cell = cells[i];
    ind[i] = cell ? static_cast<SQLLEN>(cell->size()) : SQL_NULL_DATA;
    SQLULEN size = cell ? std::max<size_t>(cell->size(), 1) : 1;
    if (sql_type == SQL_TYPE_TIMESTAMP) size = 19;
    OdbcCheck(
        SQLBindParameter(stmt_.get(), static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR,
                         sql_type, size, 0, cell ? const_cast<char*>(cell->data()) : nullptr,
                         static_cast<SQLLEN>(cell ? cell->size() + 1 : 0), &ind[i]),
        SQL_HANDLE_STMT, stmt_.get(), "binding a value for " + table_);
  }
  OdbcCheck(SQLExecute(stmt_.get()), SQL_HANDLE_STMT, stmt_.get(), "inserting into " + table_);
  SQLFreeStmt(stmt_.get(), SQL_CLOSE);
}

}  // namespace sluice

// Reads a monitored table's TableInfo through ODBC's catalog functions
// (connectors/odbc/odbc_catalog.h), for every database including SQLite.
#pragma once

#include <string>

#include "connectors/odbc/odbc_handles.h"
#include "monitor/table_info.h"

namespace sluice {

// exists is false when the connection sees no such table.
TableInfo DescribeMonitoredTable(OdbcConnection& connection, const std::string& table);

}  // namespace sluice

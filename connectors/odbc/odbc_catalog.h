// Catalog look-ups through ODBC's catalog functions.
#pragma once

#include <string>

#include "connectors/odbc/odbc_handles.h"

namespace sluice {

// Whether `table` exists (exact name) as the connection sees it.
bool OdbcTableExists(OdbcConnection& connection, const std::string& table);

}  // namespace sluice

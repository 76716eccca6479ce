// DDL that recreates a described table (connectors/odbc/odbc_catalog.h) in another database:
// its columns with the types they map to, NOT NULL, the primary key, and its indexes. Foreign
// keys set the load order but are not created, so `mode: replace` can empty tables in any
// order and orphans in the source still land.
#pragma once

#include <string>
#include <vector>

#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_catalog.h"

namespace sluice {

std::string CreateTableLike(const Dialect& dialect, const std::string& table,
                            const TableDescription& source);

// CREATE INDEX statements for the source's indexes other than the primary key's, named
// "<table>_<index>" so names stay unique in databases where indexes share one namespace.
std::vector<std::string> CreateIndexesLike(const Dialect& dialect, const std::string& table,
                                           const TableDescription& source);

}  // namespace sluice

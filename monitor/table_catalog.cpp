// TableInfo from DescribeTable.
#include "monitor/table_catalog.h"

#include "connectors/odbc/odbc_catalog.h"

namespace sluice {
namespace {

ColumnKind KindOf(const CatalogColumn& c) {
  ColumnKind kind = KindFromTypeName(c.odbc.type_name);
  if (kind != ColumnKind::kOther) return kind;
  switch (c.type.id) {
    case TypeId::kText:
      return ColumnKind::kText;
    case TypeId::kInteger:
      return ColumnKind::kInteger;
    case TypeId::kDouble:
      return ColumnKind::kDouble;
    case TypeId::kDecimal:
      return ColumnKind::kDecimal;
    case TypeId::kBoolean:
      return ColumnKind::kBoolean;
    case TypeId::kDate:
      return ColumnKind::kDate;
    case TypeId::kTimestamp:
      return ColumnKind::kTimestamp;
  }
  return ColumnKind::kOther;
}

}  // namespace

TableInfo DescribeMonitoredTable(OdbcConnection& connection, const std::string& table) {
  TableInfo info;
  info.name = table;
  TableRef ref;
  try {
    ref = FindTable(connection, table);
  } catch (const OdbcError& e) {
    if (e.sqlstate() == "42S02") return info;
    throw;
  }
  TableDescription d = DescribeTable(connection, ref);
  info.exists = true;
  for (const CatalogColumn& c : d.columns) {
    info.columns.push_back({c.name, c.odbc.type_name, KindOf(c)});
  }
  info.primary_key = d.primary_key;
  if (!d.primary_key.empty()) info.unique_keys.push_back(d.primary_key);
  for (const IndexInfo& index : d.indexes) {
    if (index.unique && !index.columns.empty()) info.unique_keys.push_back(index.columns);
  }
  for (const ForeignKey& fk : d.foreign_keys) {
    info.foreign_keys.push_back({fk.name, fk.columns, fk.referenced_table, fk.referenced_columns});
  }
  return info;
}

}  // namespace sluice

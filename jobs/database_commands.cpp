// `sluice test-connection` and `sluice inspect`: look at a database through ODBC. Connection
// strings may hold ${VAR} references; only their masked form is ever printed.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_handles.h"
#include "jobs/cli.h"
#include "jobs/env_substitution.h"
#include "jobs/exit_codes.h"
#include "pipeline/json_text.h"

namespace sluice {
namespace {

struct InspectArgs {
  std::string connection;
  std::string table;
  std::string schema;
  bool json = false;
};

std::string Info(OdbcConnection& c, SQLUSMALLINT what) {
  char buf[512] = {0};
  SQLSMALLINT len = 0;
  SQLGetInfo(c.get(), what, buf, sizeof buf, &len);
  return buf;
}

// A driver may echo parts of the connection string: whatever it says passes through here.
std::string Scrub(std::string message, const std::string& connection) {
  for (const auto& [key, value] : ParseConnectionString(connection)) {
    if (value.size() < 3 || MaskConnectionString(key + "=" + value) == key + "=" + value) {
      continue;
    }
    for (size_t at; (at = message.find(value)) != std::string::npos;) {
      message.replace(at, value.size(), "***");
    }
  }
  return message;
}

// Runs `body` on a connection; a failure prints its SQLSTATE and the scrubbed message.
template <typename Body>
int WithConnection(const std::string& raw, Body body) {
  const std::string connection = SubstituteEnv(raw, "connection", LookupProcessEnv);
  try {
    OdbcConnection c(connection, MaskConnectionString(connection));
    return body(c, connection);
  } catch (const OdbcError& e) {
    std::cerr << "sluice: " << Scrub(e.what(), connection) << " (SQLSTATE "
              << (e.sqlstate().empty() ? "none" : e.sqlstate()) << ")\n";
    return kExitRuntimeFailure;
  }
}

int TestConnection(const std::string& raw) {
  return WithConnection(raw, [](OdbcConnection& c, const std::string& connection) {
    std::cout << "connected: " << MaskConnectionString(connection) << "\n"
              << "driver:    " << Info(c, SQL_DRIVER_NAME) << " " << Info(c, SQL_DRIVER_VER) << "\n"
              << "database:  " << Info(c, SQL_DBMS_NAME) << " " << Info(c, SQL_DBMS_VER) << "\n";
    return kExitSuccess;
  });
}

std::string JsonText(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + JsonText(items[i]);
  return out + "]";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Qualified(const TableRef& t) {
  return (t.schema.empty() ? "" : t.schema + ".") + t.name;
}

void PrintTables(OdbcConnection& c, const InspectArgs& args) {
  std::vector<TableRef> tables = ListTables(c, args.schema);
  std::vector<TableDescription> described;
  for (const TableRef& t : tables) described.push_back(DescribeTable(c, t));
  const DependencyOrder order = OrderByDependencies(described);
  if (args.json) {
    std::string out = "{\"tables\":[";
    for (size_t i = 0; i < tables.size(); ++i) {
      out += std::string(i ? "," : "") + "{\"schema\":" + JsonText(tables[i].schema) +
             ",\"name\":" + JsonText(tables[i].name) + ",\"type\":" + JsonText(tables[i].type) +
             ",\"columns\":" + std::to_string(described[i].columns.size()) + "}";
    }
    out += "],\"load_order\":" + JsonList(order.tables) + ",\"cycles\":" + JsonList(order.cyclic);
    std::cout << out << "}\n";
    return;
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    std::cout << Qualified(tables[i]) << "  (" << tables[i].type << ", "
              << described[i].columns.size() << " columns)\n";
  }
  std::cout << tables.size() << " tables\n";
  if (!tables.empty())
    std::cout << "load order (referenced tables first): " << Joined(order.tables) << "\n";
  if (!order.cyclic.empty()) {
    std::cout << "foreign keys form a cycle through: " << Joined(order.cyclic)
              << " (kept in name order)\n";
  }
}

void PrintTableJson(const TableDescription& d) {
  std::string out = "{\"schema\":" + JsonText(d.table.schema) +
                    ",\"name\":" + JsonText(d.table.name) + ",\"columns\":[";
  for (size_t i = 0; i < d.columns.size(); ++i) {
    const CatalogColumn& c = d.columns[i];
    out += std::string(i ? "," : "") + "{\"name\":" + JsonText(c.name) +
           ",\"ordinal\":" + std::to_string(c.ordinal) +
           ",\"type\":" + JsonText(c.type.ToString()) +
           ",\"database_type\":" + JsonText(c.odbc.type_name) +
           ",\"sql_type\":" + std::to_string(c.odbc.sql_type) +
           ",\"size\":" + std::to_string(c.odbc.column_size) +
           ",\"decimal_digits\":" + std::to_string(c.odbc.decimal_digits) +
           ",\"nullable\":" + (c.nullable ? "true" : "false") + "}";
  }
  out += "],\"primary_key\":" + JsonList(d.primary_key) + ",\"foreign_keys\":[";
  for (size_t i = 0; i < d.foreign_keys.size(); ++i) {
    const ForeignKey& fk = d.foreign_keys[i];
    out += std::string(i ? "," : "") + "{\"name\":" + JsonText(fk.name) +
           ",\"columns\":" + JsonList(fk.columns) +
           ",\"references\":{\"table\":" + JsonText(fk.referenced_table) +
           ",\"columns\":" + JsonList(fk.referenced_columns) + "}}";
  }
  out += "],\"indexes\":[";
  for (size_t i = 0; i < d.indexes.size(); ++i) {
    const IndexInfo& ix = d.indexes[i];
    out += std::string(i ? "," : "") + "{\"name\":" + JsonText(ix.name) +
           ",\"unique\":" + (ix.unique ? "true" : "false") +
           ",\"columns\":" + JsonList(ix.columns) + "}";
  }
  std::cout << out << "]}\n";
}

void PrintTableText(const TableDescription& d) {
  std::cout << "table " << Qualified(d.table) << "\n";
  size_t name_width = 4, type_width = 4;
  for (const CatalogColumn& c : d.columns) {
    name_width = std::max(name_width, c.name.size());
    type_width = std::max(type_width, c.type.ToString().size());
  }
  std::cout << "columns:\n";
  for (const CatalogColumn& c : d.columns) {
    std::cout << "  " << std::left << std::setw(static_cast<int>(name_width)) << c.name << "  "
              << std::setw(static_cast<int>(type_width)) << c.type.ToString() << "  "
              << (c.nullable ? "null    " : "not null") << "  (" << c.odbc.type_name << ")\n";
  }
  std::cout << "primary key: " << (d.primary_key.empty() ? "none" : Joined(d.primary_key)) << "\n";
  std::cout << "foreign keys:" << (d.foreign_keys.empty() ? " none" : "") << "\n";
  for (const ForeignKey& fk : d.foreign_keys) {
    std::cout << "  (" << Joined(fk.columns) << ") -> " << fk.referenced_table << " ("
              << Joined(fk.referenced_columns) << ")" << (fk.name.empty() ? "" : "  " + fk.name)
              << "\n";
  }
  std::cout << "indexes:" << (d.indexes.empty() ? " none" : "") << "\n";
  for (const IndexInfo& ix : d.indexes) {
    std::cout << "  " << ix.name << (ix.unique ? " unique" : "") << " (" << Joined(ix.columns)
              << ")\n";
  }
}

int Inspect(const InspectArgs& args) {
  return WithConnection(args.connection, [&](OdbcConnection& c, const std::string&) {
    if (args.table.empty()) {
      PrintTables(c, args);
      return kExitSuccess;
    }
    const TableDescription d = DescribeTable(c, FindTable(c, args.table, args.schema));
    args.json ? PrintTableJson(d) : PrintTableText(d);
    return kExitSuccess;
  });
}

}  // namespace

void AddDatabaseCommands(CLI::App& app, CommandAction& action) {
  auto connection = std::make_shared<std::string>();
  CLI::App* test = app.add_subcommand(
      "test-connection", "connect through ODBC and print the driver and database versions");
  test->add_option("connection", *connection,
                   "ODBC connection string; ${VAR} references are expanded")
      ->required();
  test->final_callback(
      [&action, connection] { action = [connection] { return TestConnection(*connection); }; });

  auto args = std::make_shared<InspectArgs>();
  CLI::App* inspect = app.add_subcommand(
      "inspect", "list a database's tables, or show one table's columns, keys and indexes");
  inspect
      ->add_option("connection", args->connection,
                   "ODBC connection string; ${VAR} references are expanded")
      ->required();
  inspect->add_option("table", args->table, "the table to describe (default: list all tables)");
  inspect->add_option("--schema", args->schema, "the schema to look in (PostgreSQL)");
  inspect->add_flag("--json", args->json, "print JSON instead of text");
  inspect->final_callback([&action, args] { action = [args] { return Inspect(*args); }; });
}

}  // namespace sluice

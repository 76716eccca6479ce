// `sluice test-connection` and `sluice inspect`: look at a database through ODBC.
#include "jobs/cli.h"

namespace sluice {

void AddDatabaseCommands(CLI::App&, CommandAction&) {}

}  // namespace sluice

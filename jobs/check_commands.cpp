// `sluice check` and `sluice report`: the data-quality monitor of existing tables.
#include "jobs/cli.h"

namespace sluice {

void AddCheckCommands(CLI::App&, CommandAction&) {}

}  // namespace sluice

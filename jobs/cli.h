// The sluice command line is assembled from command families, each registered by its own
// file; a command's action runs after parsing, inside main's one error handler.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace sluice {

// What the chosen subcommand does; returns the exit code (jobs/exit_codes.h).
using CommandAction = std::function<int()>;

// run, validate (jobs/job_commands.cpp)
void AddJobCommands(CLI::App& app, CommandAction& action);
// test-connection, inspect (jobs/database_commands.cpp)
void AddDatabaseCommands(CLI::App& app, CommandAction& action);
// check, report (jobs/check_commands.cpp)
void AddCheckCommands(CLI::App& app, CommandAction& action);

}  // namespace sluice

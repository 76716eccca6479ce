// The sluice command line: parses arguments, runs the command, and is the one place that
// turns errors into a message and an exit code.
#include <cstdio>
#include <iostream>
#include <string>

#include "connectors/odbc/odbc_handles.h"
#include "jobs/cli.h"
#include "jobs/exit_codes.h"
#include "jobs/run_command.h"
#include "pipeline/errors.h"

using namespace sluice;

int main(int argc, char** argv) {
  CLI::App app{"sluice: move data between files and databases, validated and transactional"};
  app.require_subcommand(1);
  CommandAction action;
  AddJobCommands(app, action);
  AddDatabaseCommands(app, action);
  AddCheckCommands(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitSuccess : kExitConfigError;
  }

  // Only `run` writes rows, so only its failures speak of rolling them back.
  const bool running = app.got_subcommand("run");
  const std::string failed = running ? "run failed, uncommitted rows rolled back: " : "failed: ";
  try {
    if (action) return action();
  } catch (const ConfigError& e) {
    std::cerr << "sluice: configuration error: " << e.what() << "\n";
    return kExitConfigError;
  } catch (const UnfinishedRunError& e) {
    std::cerr << "sluice: refusing to start: " << e.what() << "\n";
    return kExitUnfinishedRun;
  } catch (const DataRejectedError& e) {
    std::cerr << "sluice: run failed and was rolled back: " << e.what() << "\n";
    return kExitDataRejected;
  } catch (const OdbcError& e) {
    std::cerr << "sluice: database error (SQLSTATE " << e.sqlstate() << ")"
              << (running ? ", uncommitted rows rolled back" : "") << ": " << e.what() << "\n";
    return kExitRuntimeFailure;
  } catch (const std::exception& e) {
    std::cerr << "sluice: " << failed << e.what() << "\n";
    return kExitRuntimeFailure;
  }
  return kExitConfigError;
}

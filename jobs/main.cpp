// The sluice command line: parses arguments, runs the command, and is the one place that
// turns errors into a message and an exit code.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "connectors/odbc/odbc_handles.h"
#include "jobs/exit_codes.h"
#include "jobs/job_loader.h"
#include "jobs/plan_builder.h"
#include "jobs/run_command.h"
#include "pipeline/errors.h"

namespace {

using namespace sluice;

int Run(const std::string& job_file, int threads, bool quiet) {
  PlanOverrides overrides;
  overrides.threads = threads;
  return RunJobCommand(job_file, overrides, quiet);
}

int Validate(const std::string& job_file) {
  JobSpec job = LoadJobFile(job_file);
  CheckJobWithoutData(job);
  std::cout << job_file << ": ok (job " << job.name << ", " << job.columns.size() << " columns, "
            << job.rules.size() << " rules)\n";
  return kExitSuccess;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sluice: move data between files and databases, validated and transactional"};
  app.require_subcommand(1);
  std::string job_file;
  int threads = -1;
  bool quiet = false;

  CLI::App* run = app.add_subcommand("run", "run a job file");
  run->add_option("job", job_file, "the job file (YAML)")->required();
  run->add_option("--threads", threads, "worker threads (default: the job's pipeline.threads)");
  run->add_flag("-q,--quiet", quiet, "print nothing on success");

  CLI::App* validate = app.add_subcommand("validate", "check a job file without touching any data");
  validate->add_option("job", job_file, "the job file (YAML)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitSuccess : kExitConfigError;
  }

  try {
    if (*run) return Run(job_file, threads, quiet);
    if (*validate) return Validate(job_file);
  } catch (const ConfigError& e) {
    std::cerr << "sluice: configuration error: " << e.what() << "\n";
    return kExitConfigError;
  } catch (const DataRejectedError& e) {
    std::cerr << "sluice: run failed and was rolled back: " << e.what() << "\n";
    return kExitDataRejected;
  } catch (const OdbcError& e) {
    std::cerr << "sluice: database error (SQLSTATE " << e.sqlstate()
              << "), uncommitted rows rolled back: " << e.what() << "\n";
    return kExitRuntimeFailure;
  } catch (const std::exception& e) {
    std::cerr << "sluice: run failed, uncommitted rows rolled back: " << e.what() << "\n";
    return kExitRuntimeFailure;
  }
  return kExitConfigError;
}

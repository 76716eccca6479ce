// `sluice run` and `sluice validate`: the commands that work from a job file.
#include <iostream>
#include <memory>

#include "jobs/cli.h"
#include "jobs/exit_codes.h"
#include "jobs/job_loader.h"
#include "jobs/plan_builder.h"
#include "jobs/run_command.h"

namespace sluice {
namespace {

struct RunArgs {
  std::string job_file;
  int threads = -1;
  bool quiet = false;
  bool resume = false;
  bool restart = false;
};

int Validate(const std::string& job_file) {
  JobSpec job = LoadJobFile(job_file);
  CheckJobWithoutData(job);
  std::cout << job_file << ": ok (job " << job.name << ", " << job.columns.size() << " columns, "
            << job.rules.size() << " rules)\n";
  return kExitSuccess;
}

}  // namespace

void AddJobCommands(CLI::App& app, CommandAction& action) {
  auto run_args = std::make_shared<RunArgs>();
  CLI::App* run = app.add_subcommand("run", "run a job file");
  run->add_option("job", run_args->job_file, "the job file (YAML)")->required();
  run->add_option("--threads", run_args->threads,
                  "worker threads (default: the job's pipeline.threads)");
  run->add_flag("-q,--quiet", run_args->quiet, "print nothing on success");
  auto* resume = run->add_flag("--resume", run_args->resume,
                               "continue an interrupted run after its last commit");
  run->add_flag("--restart", run_args->restart,
                "start over, discarding an interrupted run's checkpoint")
      ->excludes(resume);
  run->final_callback([&action, run_args] {
    action = [run_args] {
      PlanOverrides overrides;
      overrides.threads = run_args->threads;
      ResumePolicy policy = run_args->resume    ? ResumePolicy::kResume
                            : run_args->restart ? ResumePolicy::kRestart
                                                : ResumePolicy::kRefuse;
      return RunJobCommand(run_args->job_file, overrides, run_args->quiet, policy);
    };
  });

  auto validate_file = std::make_shared<std::string>();
  CLI::App* validate = app.add_subcommand("validate", "check a job file without touching any data");
  validate->add_option("job", *validate_file, "the job file (YAML)")->required();
  validate->final_callback(
      [&action, validate_file] { action = [validate_file] { return Validate(*validate_file); }; });
}

}  // namespace sluice

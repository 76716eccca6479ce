// `sluice run`: builds the plan, runs it, judges quality, records the run and its metrics,
// writes the report, and prints the summary. Returns the exit code; errors are rethrown for
// the CLI to print after the run has been recorded.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "jobs/job_spec.h"
#include "jobs/plan_builder.h"

namespace sluice {

// What a run does when the target holds the checkpoint of an interrupted earlier run.
enum class ResumePolicy {
  kRefuse,   // plain `run`: stop, so a scheduler's re-run cannot load rows twice
  kResume,   // --resume: continue after the last commit (or start afresh if none is pending)
  kRestart,  // --restart: start from the beginning (the checkpoint is overwritten)
};

// The refusal of a plain run while an interrupted one waits (exit code 5).
class UnfinishedRunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Database targets keep checkpoints; file targets are all-or-nothing and need none.
bool KeepsCheckpoints(const TargetSpec& target);

// Where a run (of `partition`, for a multi-table job) starts: after the last commit of an
// interrupted run when resuming, else at the beginning; a plain run refuses to start while an
// interrupted one waits.
std::optional<Checkpoint> StartingPoint(const JobSpec& job, ResumePolicy policy, bool quiet,
                                        const std::string& partition);

// Runs one plan (one table of a multi-table job), retrying transient failures from the last
// commit, up to target.retries times with growing pauses.
int RunWithRetries(const JobSpec& job, PlanOverrides overrides, bool quiet);

int RunJobCommand(const std::string& job_file, PlanOverrides overrides, bool quiet,
                  ResumePolicy resume = ResumePolicy::kRefuse);

}  // namespace sluice

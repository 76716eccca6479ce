// `sluice run`: builds the plan, runs it, judges quality, records the run and its metrics,
// writes the report, and prints the summary. Returns the exit code; errors are rethrown for
// the CLI to print after the run has been recorded.
#pragma once

#include <stdexcept>
#include <string>

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

int RunJobCommand(const std::string& job_file, PlanOverrides overrides, bool quiet,
                  ResumePolicy resume = ResumePolicy::kRefuse);

}  // namespace sluice

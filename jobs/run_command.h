// `sluice run`: builds the plan, runs it, judges quality, records the run and its metrics,
// writes the report, and prints the summary. Returns the exit code; errors are rethrown for
// the CLI to print after the run has been recorded.
#pragma once

#include <string>

#include "jobs/plan_builder.h"

namespace sluice {

int RunJobCommand(const std::string& job_file, const PlanOverrides& overrides, bool quiet);

}  // namespace sluice

// A job that moves several tables between databases (`source.tables`): each table is created
// in the target like its source (columns, NOT NULL, primary key, then its indexes) and loaded
// in foreign-key order as a partition with its own checkpoint, so a resumed transfer skips the
// tables it finished and continues the one it was in.
#pragma once

#include "jobs/job_spec.h"
#include "jobs/plan_builder.h"
#include "jobs/run_command.h"

namespace sluice {

int RunTableTransfer(const JobSpec& job, const PlanOverrides& overrides, bool quiet,
                     ResumePolicy resume);

}  // namespace sluice

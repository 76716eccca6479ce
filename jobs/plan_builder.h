// Turns a checked JobSpec into a RunPlan: opens the source (to learn its columns), resolves
// column names, builds transforms and rules from the registries, and creates the sink.
#pragma once

#include <optional>
#include <string>

#include "jobs/job_spec.h"
#include "pipeline/run_plan.h"

namespace sluice {

struct PlanOverrides {
  int threads = -1;                       // -1: as the job says
  std::optional<Checkpoint> resume_from;  // continue an interrupted run from its checkpoint
  std::string table;   // a multi-table job: the table this plan moves (source and target)
  std::string run_id;  // empty: a new one
};

RunPlan BuildRunPlan(const JobSpec& job, const PlanOverrides& overrides = {});

// Builds everything that does not touch data (transforms, rules, target schema) to prove the
// job is sound: what `sluice validate` runs.
void CheckJobWithoutData(const JobSpec& job);

// A new run id: UTC time plus random bits ("20261124T101500Z-3f9a1c").
std::string NewRunId();

}  // namespace sluice

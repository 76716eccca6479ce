// Reads a job file into a checked JobSpec; every error names file:line:col.
#pragma once

#include <string>

#include "jobs/env_substitution.h"
#include "jobs/job_spec.h"

namespace sluice {

// Parses and validates; throws ConfigError. `lookup` resolves ${VAR} (the process environment
// by default).
JobSpec LoadJobFile(const std::string& path, const EnvLookup& lookup = LookupProcessEnv);
JobSpec LoadJobText(const std::string& text, const std::string& file_name,
                    const EnvLookup& lookup = LookupProcessEnv);

}  // namespace sluice

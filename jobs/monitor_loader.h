// Reads a monitor file (`sluice check monitor.yaml`) into a checked MonitorSpec; every error
// names file:line:col. ${VAR} and ${VAR:-default} are expanded per scalar.
#pragma once

#include <string>

#include "jobs/env_substitution.h"
#include "monitor/monitor_spec.h"

namespace sluice {

MonitorSpec LoadMonitorFile(const std::string& path, const EnvLookup& lookup = LookupProcessEnv);
MonitorSpec LoadMonitorText(const std::string& text, const std::string& file_name,
                            const EnvLookup& lookup = LookupProcessEnv);

}  // namespace sluice

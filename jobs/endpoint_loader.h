// The `source:` and `target:` sections of a job file: one loader per connector type, each
// refusing keys its connector does not know.
#pragma once

#include <yaml-cpp/yaml.h>

#include "jobs/job_spec.h"
#include "jobs/yaml_reader.h"

namespace sluice {

SourceSpec LoadSource(const YamlReader& yaml, const YAML::Node& node);
TargetSpec LoadTarget(const YamlReader& yaml, const YAML::Node& node);

}  // namespace sluice

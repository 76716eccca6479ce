// ${VAR} and ${VAR:-default} in job-file values, from the environment.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace sluice {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Expands every ${VAR} and ${VAR:-default}; `$$` is a literal `$`. A variable that is unset
// and has no default, or a malformed reference, throws ConfigError at `where`.
std::string SubstituteEnv(const std::string& text, const std::string& where,
                          const EnvLookup& lookup);

// The process environment.
std::optional<std::string> LookupProcessEnv(const std::string& name);

}  // namespace sluice

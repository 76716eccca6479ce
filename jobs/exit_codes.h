// Exit codes a scheduler can act on (documented in the README).
#pragma once

namespace sluice {

constexpr int kExitSuccess = 0;         // every row accounted for, committed; every check passed
constexpr int kExitChecksWarned = 1;    // sluice check: a check warned, none failed
constexpr int kExitConfigError = 2;     // the job file or the command line is wrong
constexpr int kExitDataRejected = 3;    // max_rejects exceeded or a rule with on_fail: fail;
                                        // sluice check: a check failed
constexpr int kExitRuntimeFailure = 4;  // database, file or internal failure
constexpr int kExitUnfinishedRun = 5;   // an earlier run was interrupted: --resume or --restart

}  // namespace sluice

// Child processes a test can interrupt: started through the shell's exec, so the pid is the
// program's own and kill -9 hits it, not a shell around it.
#pragma once

#include <sys/types.h>

#include <string>

namespace sluice::testing {

class ChildProcess {
 public:
  // Runs `command` (shell syntax; its output goes to `log_path`).
  ChildProcess(const std::string& command, const std::string& log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sends SIGKILL; true when the process was still running (it had not exited yet).
  bool Kill();
  // Waits for the end; the exit code, or 128 + the signal that ended it.
  int Wait();
  // For other signals (SIGSTOP, SIGCONT).
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

}  // namespace sluice::testing

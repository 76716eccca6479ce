// libFuzzer target: arbitrary bytes as the text of a job file through LoadJobText. A ConfigError
// naming the file is the loader's answer to a bad job; any other exception, a crash or a hang is
// a finding. The target touches nothing outside its process: the loader gets text (not a path,
// so it opens no file), ${VAR} is answered from a fixed table (never the real environment, which
// may hold secrets), and loading only builds a JobSpec: sources and sinks are never opened.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "jobs/job_loader.h"
#include "pipeline/errors.h"

namespace {

constexpr std::string_view kFile = "job.yaml";

void Finding(const char* what, const char* detail) {
  std::fprintf(stderr, "job_loader_fuzz: %s: %s\n", what, detail);
  std::abort();
}

// Set, set but empty, and unset variables: the three branches of ${VAR} and ${VAR:-default}.
std::optional<std::string> FakeEnv(const std::string& name) {
  if (name == "EMPTY") return std::string();
  if (name == "INPUT") return std::string("in.csv");
  if (name == "DB") return std::string("Driver=SQLite3;Database=out.db");
  if (name == "N") return std::string("100");
  if (name == "FLAG") return std::string("true");
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  try {
    sluice::LoadJobText(text, std::string(kFile), FakeEnv);
  } catch (const sluice::ConfigError& e) {
    // Every error names the job file, so a user with a big job file can find the spot.
    if (std::string_view(e.what()).substr(0, kFile.size()) != kFile) {
      Finding("a ConfigError that does not name the file", e.what());
    }
  } catch (const std::exception& e) {
    Finding("an exception other than ConfigError", e.what());
  } catch (...) {
    Finding("a non-standard exception", "(unknown type)");
  }
  return 0;
}

// The run command: the data run, then its history and quality outputs, success or not.
#include "jobs/run_command.h"

#include <ctime>
#include <iostream>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_checkpoint.h"
#include "connectors/odbc/odbc_quality_store.h"
#include "jobs/exit_codes.h"
#include "jobs/job_loader.h"
#include "pipeline/errors.h"
#include "pipeline/quality_checks.h"
#include "pipeline/runner.h"

namespace sluice {
namespace {

std::string UtcTimestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// Database targets keep checkpoints; file targets are all-or-nothing and need none.
bool KeepsCheckpoints(const TargetSpec& target) { return target.type == "odbc"; }

// Where this run starts: after the last commit of an interrupted run when resuming, else at
// the beginning; a plain run refuses to start while an interrupted one waits.
std::optional<Checkpoint> StartingPoint(const JobSpec& job, ResumePolicy policy, bool quiet) {
  if (!KeepsCheckpoints(job.target)) return std::nullopt;
  std::optional<Checkpoint> cp = ReadOdbcCheckpoint(job.target.connection, job.name, "");
  if (!cp || cp->finished) {
    if (policy == ResumePolicy::kResume && !quiet) {
      std::cout << "sluice: no interrupted run of " << job.name << " to resume; starting afresh\n";
    }
    return std::nullopt;
  }
  const std::string where = std::to_string(cp->rows_committed) + " rows committed, last at " +
                            cp->updated_at + " UTC, source line " +
                            std::to_string(cp->position.line);
  switch (policy) {
    case ResumePolicy::kRefuse:
      throw UnfinishedRunError(
          "job " + job.name + ": run " + cp->run_id + " was interrupted (" + where + ", in " +
          MaskConnectionString(job.target.connection) +
          "); run again with --resume to continue it, or --restart to start over" +
          (job.target.mode == WriteMode::kReplace ? " (replace mode empties the table again)"
                                                  : " (append mode keeps the rows it committed)"));
    case ResumePolicy::kRestart:
      if (!quiet) std::cout << "sluice: restarting " << job.name << " (" << where << ")\n";
      return std::nullopt;
    case ResumePolicy::kResume:
      if (!quiet) std::cout << "sluice: resuming run " << cp->run_id << " (" << where << ")\n";
      return cp;
  }
  return std::nullopt;
}

}  // namespace

int RunJobCommand(const std::string& job_file, PlanOverrides overrides, bool quiet,
                  ResumePolicy resume) {
  JobSpec job = LoadJobFile(job_file);
  overrides.resume_from = StartingPoint(job, resume, quiet);
  RunPlan plan = BuildRunPlan(job, overrides);
  const QualitySpec& quality = job.quality;

  RunRecord record;
  record.run_id = plan.run_id;
  record.job = job.name;
  record.started_at = UtcTimestamp();
  RunResult result;
  QualityVerdict verdict;
  std::exception_ptr error;
  try {
    RunPipeline(plan, result, [&](const RunResult& r) {
      if (!quality.enabled) return;
      verdict = JudgeQuality(job.target.table, plan.target_schema, r.metrics, r.summary,
                             quality.thresholds);
      if (!verdict.failures.empty()) {
        throw DataRejectedError("quality thresholds failed: " + JoinLines(verdict.failures));
      }
    });
    record.status = "succeeded";
    record.exit_code = kExitSuccess;
  } catch (const DataRejectedError& e) {
    record.status = "rejected";
    record.exit_code = kExitDataRejected;
    record.message = e.what();
    error = std::current_exception();
  } catch (const std::exception& e) {
    record.status = "failed";
    record.exit_code = kExitRuntimeFailure;
    record.message = e.what();
    error = std::current_exception();
  }
  record.ended_at = UtcTimestamp();
  const RunSummary& summary = result.summary;
  record.rows_read = summary.rows_read;
  record.rows_written = record.status == "succeeded" ? summary.rows_written : 0;
  record.rows_filtered = summary.rows_filtered;
  record.rows_rejected = summary.rows_rejected;

  if (quality.enabled) {
    if (verdict.rows.empty() && !result.metrics.columns.empty()) {
      verdict = JudgeQuality(job.target.table, plan.target_schema, result.metrics, summary,
                             quality.thresholds);
    }
    // The outputs of a failed run are best effort: the run's own error is what must surface.
    try {
      if (!quality.report.empty()) {
        WriteFileAtomically(quality.report,
                            QualityReport(job.target.table, plan.target_schema, result.metrics,
                                          summary, verdict, record.status));
      }
      if (quality.store) {
        OdbcQualityStore(quality.connection, quality.table).Save(record, verdict.rows);
      }
    } catch (const std::exception& e) {
      if (!error) throw;
      std::cerr << "sluice: could not record the failed run: " << e.what() << "\n";
    }
  }
  if (error) std::rethrow_exception(error);

  if (!quiet) {
    std::cout << summary.ToText();
    for (const std::string& w : verdict.warnings) std::cout << "  quality WARNING " << w << "\n";
    if (quality.enabled && !quality.report.empty()) {
      std::cout << "  quality report -> " << quality.report << "\n";
    }
    std::cout << std::flush;
  }
  return kExitSuccess;
}

}  // namespace sluice

// The run command: the data run, then its history and quality outputs, success or not.
#include "jobs/run_command.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_checkpoint.h"
#include "connectors/odbc/odbc_quality_store.h"
#include "connectors/postgres/pg_connection.h"
#include "jobs/exit_codes.h"
#include "jobs/job_loader.h"
#include "jobs/table_transfer.h"
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

bool IsTransient(const std::exception& e) {
  if (dynamic_cast<const TransientError*>(&e) != nullptr) return true;
  if (const auto* odbc = dynamic_cast<const OdbcError*>(&e)) return odbc->transient();
  // libpq gives no SQLSTATE when the connection itself broke.
  if (const auto* pg = dynamic_cast<const PgError*>(&e)) {
    return pg->sqlstate().empty() || IsTransientSqlState(pg->sqlstate(), 0);
  }
  return false;
}

// One attempt at the run: the data, then its history and quality outputs.
int RunOnce(const JobSpec& job, const PlanOverrides& overrides, bool quiet) {
  RunPlan plan = BuildRunPlan(job, overrides);
  const QualitySpec& quality = job.quality;
  const std::string& table = overrides.table.empty() ? job.target.table : overrides.table;

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
      verdict = JudgeQuality(table, plan.target_schema, r.metrics, r.summary, quality.thresholds);
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
      verdict =
          JudgeQuality(table, plan.target_schema, result.metrics, summary, quality.thresholds);
    }
    // The outputs of a failed run are best effort: the run's own error is what must surface.
    try {
      if (!quality.report.empty()) {
        WriteFileAtomically(quality.report, QualityReport(table, plan.target_schema, result.metrics,
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

}  // namespace

bool KeepsCheckpoints(const TargetSpec& target) { return target.type == "odbc"; }

std::optional<Checkpoint> StartingPoint(const JobSpec& job, ResumePolicy policy, bool quiet,
                                        const std::string& partition) {
  if (!KeepsCheckpoints(job.target)) return std::nullopt;
  std::optional<Checkpoint> cp = ReadOdbcCheckpoint(job.target.connection, job.name, partition);
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
          "job " + job.name + (partition.empty() ? "" : " (" + partition + ")") + ": run " +
          cp->run_id + " was interrupted (" + where + ", in " +
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

int RunWithRetries(const JobSpec& job, PlanOverrides overrides, bool quiet) {
  if (overrides.run_id.empty()) overrides.run_id = NewRunId();
  for (int attempt = 1;; ++attempt) {
    try {
      if (attempt > 1) {
        // Continue after what the failed attempt (or the run it resumed) committed; a failure
        // after the final commit leaves nothing to do.
        overrides.resume_from =
            ReadOdbcCheckpoint(job.target.connection, job.name, overrides.table);
        if (overrides.resume_from && overrides.resume_from->finished) {
          if (overrides.resume_from->run_id == overrides.run_id) return kExitSuccess;
          overrides.resume_from.reset();
        }
      }
      return RunOnce(job, overrides, quiet);
    } catch (const std::exception& e) {
      if (!IsTransient(e) || !KeepsCheckpoints(job.target) || attempt > job.target.retries) throw;
      const int pause = std::min(30, 1 << (attempt - 1));
      std::cerr << "sluice: " << e.what()
                << "\nsluice: a transient failure; retrying from the last "
                << "commit in " << pause << " s (retry " << attempt << " of " << job.target.retries
                << ")\n";
      std::this_thread::sleep_for(std::chrono::seconds(pause));
    }
  }
}

int RunJobCommand(const std::string& job_file, PlanOverrides overrides, bool quiet,
                  ResumePolicy resume) {
  JobSpec job = LoadJobFile(job_file);
  if (!job.source.tables.empty() || job.source.all_tables) {
    return RunTableTransfer(job, overrides, quiet, resume);
  }
  overrides.resume_from = StartingPoint(job, resume, quiet, "");
  return RunWithRetries(job, overrides, quiet);
}

}  // namespace sluice

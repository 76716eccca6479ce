// `sluice check` and `sluice report`: the data-quality monitor of existing tables.
// Exit codes of check: 0 every check passed, 1 warnings, 3 failures, 2 configuration error,
// 4 runtime error (database, history or alert delivery).
#include <fstream>
#include <iostream>
#include <memory>

#include "jobs/cli.h"
#include "jobs/exit_codes.h"
#include "jobs/monitor_loader.h"
#include "monitor/alerts.h"
#include "monitor/history_store.h"
#include "monitor/html_report.h"
#include "monitor/json_report.h"
#include "monitor/monitor_runner.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

struct CheckArgs {
  std::string file;
  bool json = false;
  bool no_alerts = false;
  bool no_history = false;
  std::string as_of;
};

struct ReportArgs {
  std::string file, html, json;
  int days = 30;
};

int ExitCodeFor(Status status) {
  switch (status) {
    case Status::kWarning:
      return kExitChecksWarned;
    case Status::kFail:
      return kExitDataRejected;
    case Status::kInfo:
    case Status::kPass:
      break;
  }
  return kExitSuccess;
}

void PrintSummary(const MonitorResult& r, std::ostream& out) {
  int counts[4] = {0, 0, 0, 0};
  for (const TableResult& t : r.tables) ++counts[static_cast<int>(t.status)];
  out << "sluice check " << r.monitor << ": " << StatusName(r.status) << " (" << r.tables.size()
      << " tables: " << counts[0] + counts[1] << " pass, " << counts[2] << " warning, " << counts[3]
      << " fail; run " << r.run_id << ")\n";
  for (const TableResult& t : r.tables) {
    int passed = 0;
    out << "  " << t.table << ": " << StatusName(t.status) << ", " << t.rows << " rows\n";
    for (const MetricResult& m : t.metrics) {
      if (m.message.empty()) continue;
      if (m.status == Status::kPass || m.status == Status::kInfo) {
        ++passed;
        continue;
      }
      out << "    " << StatusName(m.status) << "  " << m.check << "  " << m.message << "\n";
    }
    if (passed) out << "    " << passed << " more checks passed\n";
  }
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw RunError("cannot write " + path);
}

int Check(const CheckArgs& args) {
  MonitorSpec spec = LoadMonitorFile(args.file);
  CheckRunOptions options;
  options.read_history = !args.no_history;
  if (!args.as_of.empty()) {
    options.as_of = ParseTimestamp(args.as_of);
    if (!options.as_of) throw ConfigError("--as-of", "not a timestamp: " + args.as_of);
  }
  MonitorResult result = RunMonitor(spec, options);
  int code = ExitCodeFor(result.status);
  std::string json = JsonReport(result);
  if (args.json) {
    std::cout << json;
  } else {
    PrintSummary(result, std::cout);
  }
  bool alert_failed = false;
  if (!args.no_alerts && ShouldAlert(spec.alerts, result.status)) {
    std::vector<MonitorResult> history;
    if (!args.no_history) {
      HistoryStore store(
          spec.history.connection.empty() ? spec.connection : spec.history.connection,
          spec.history.table);
      history = store.LoadRecent(spec.name, spec.history.runs);
    }
    history.push_back(result);
    AlertOutcome outcome = SendAlerts(spec.alerts, result, HtmlReport(result, history), json);
    for (const std::string& s : outcome.sent) std::cerr << "sluice: alert sent: " << s << "\n";
    for (const std::string& e : outcome.errors) std::cerr << "sluice: alert failed: " << e << "\n";
    alert_failed = !outcome.errors.empty();
  }
  if (alert_failed) code = kExitRuntimeFailure;
  // Stored after the alerts, with the exit code they decided.
  if (!args.no_history) StoreRun(spec, result, code);
  return code;
}

int Report(const ReportArgs& args) {
  MonitorSpec spec = LoadMonitorFile(args.file);
  if (args.html.empty() && args.json.empty()) {
    throw ConfigError("sluice report", "name an output: --html FILE and/or --json FILE");
  }
  HistoryStore store(spec.history.connection.empty() ? spec.connection : spec.history.connection,
                     spec.history.table);
  SystemTime since = std::chrono::system_clock::now() - std::chrono::hours(24) * args.days;
  std::vector<MonitorResult> runs = store.LoadSince(spec.name, FormatUtc(since));
  if (runs.empty()) {
    throw RunError("no run of monitor " + spec.name + " in the last " + std::to_string(args.days) +
                   " days: run `sluice check " + args.file + "` first");
  }
  const MonitorResult& latest = runs.back();
  if (!args.html.empty()) WriteText(args.html, HtmlReport(latest, runs));
  if (!args.json.empty()) WriteText(args.json, JsonReport(latest, runs));
  std::cout << "sluice report " << spec.name << ": " << runs.size() << " runs, latest "
            << latest.run_id << " " << StatusName(latest.status) << "\n";
  return kExitSuccess;
}

}  // namespace

void AddCheckCommands(CLI::App& app, CommandAction& action) {
  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check =
      app.add_subcommand("check",
                         "run the data-quality checks of a monitor file (exit 0 pass, 1 warnings, "
                         "3 failures, 2 configuration error, 4 runtime error)");
  check->add_option("monitor", check_args->file, "the monitor file (YAML)")->required();
  check->add_flag("--json", check_args->json, "print the JSON report instead of the summary");
  check->add_flag("--no-alerts", check_args->no_alerts, "send no e-mail or webhook");
  check->add_flag("--no-history", check_args->no_history,
                  "neither read nor store history (no change levels, anomalies or schema diff)");
  check->add_option("--as-of", check_args->as_of,
                    "measure freshness against this UTC time instead of now");
  check->final_callback(
      [&action, check_args] { action = [check_args] { return Check(*check_args); }; });

  auto report_args = std::make_shared<ReportArgs>();
  CLI::App* report = app.add_subcommand("report", "render the stored history of a monitor");
  report->add_option("monitor", report_args->file, "the monitor file (YAML)")->required();
  report->add_option("--html", report_args->html, "write the HTML report here");
  report->add_option("--json", report_args->json, "write the JSON report here");
  report->add_option("--days", report_args->days, "runs of the last N days (default 30)")
      ->check(CLI::PositiveNumber);
  report->final_callback(
      [&action, report_args] { action = [report_args] { return Report(*report_args); }; });
}

}  // namespace sluice

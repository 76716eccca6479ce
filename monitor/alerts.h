// Alerts after a run that warned or failed: an e-mail over SMTP with the HTML report and a
// webhook POST with the JSON report (both through libcurl). Credentials come from the
// environment variables the monitor file names, never from the file.
#pragma once

#include <string>
#include <vector>

#include "monitor/monitor_result.h"
#include "monitor/monitor_spec.h"

namespace sluice {

struct AlertOutcome {
  std::vector<std::string> sent;    // "email to a@b", "webhook http://..."
  std::vector<std::string> errors;  // what could not be delivered, and why
};

// Whether `status` calls for alerts under `spec` (warnings only when alerts.on is warning).
bool ShouldAlert(const AlertSpec& spec, Status status);

AlertOutcome SendAlerts(const AlertSpec& spec, const MonitorResult& run, const std::string& html,
                        const std::string& json);

// The two channels, for tests. Each returns an error message, empty on success.
std::string SendEmailAlert(const EmailAlertSpec& spec, const std::string& subject,
                           const std::string& text, const std::string& html);
std::string SendWebhookAlert(const WebhookAlertSpec& spec, const std::string& json);

}  // namespace sluice

// Alert policy and delivery over libcurl.
#include "monitor/alerts.h"

#include <curl/curl.h>

#include <cstdlib>
#include <cstring>
#include <random>

#include "monitor/timestamps.h"

namespace sluice {
namespace {

std::string Env(const std::string& name) {
  if (name.empty()) return "";
  const char* v = std::getenv(name.c_str());
  return v ? v : "";
}

// libcurl reads the upload (the e-mail) through this callback.
struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t items, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * items, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

size_t Discard(char*, size_t size, size_t items, void*) { return size * items; }

// Lines of base64, 76 characters each (RFC 2045).
std::string Base64Lines(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out, line;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<uint8_t>(in[i + 2]);
    line += kAlphabet[(v >> 18) & 63];
    line += kAlphabet[(v >> 12) & 63];
    line += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    line += i + 2 < in.size() ? kAlphabet[v & 63] : '=';
    if (line.size() >= 76) {
      out += line + "\r\n";
      line.clear();
    }
  }
  if (!line.empty()) out += line + "\r\n";
  return out;
}

// The message: headers and a multipart/alternative body (plain text, then the HTML report).
std::string MimeMessage(const EmailAlertSpec& spec, const std::string& subject,
                        const std::string& text, const std::string& html) {
  std::string boundary = "sluice-" + std::to_string(std::random_device{}());
  std::string to;
  for (const std::string& r : spec.to) to += (to.empty() ? "" : ", ") + r;
  std::string m = "From: " + spec.from + "\r\nTo: " + to + "\r\nSubject: " + subject +
                  "\r\nDate: " + FormatUtc(std::chrono::system_clock::now()) +
                  " +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; "
                  "boundary=\"" +
                  boundary + "\"\r\n\r\n";
  m += "--" + boundary +
       "\r\nContent-Type: text/plain; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" +
       Base64Lines(text);
  m += "--" + boundary +
       "\r\nContent-Type: text/html; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" +
       Base64Lines(html);
  return m + "--" + boundary + "--\r\n";
}

std::string Summary(const MonitorResult& run) {
  std::string s =
      "sluice check " + run.monitor + ": " + StatusName(run.status) + " (run " + run.run_id + ")\n";
  for (const TableResult& t : run.tables) {
    s += "\n" + t.table + ": " + StatusName(t.status) + "\n";
    for (const MetricResult& m : t.metrics) {
      if (m.status == Status::kWarning || m.status == Status::kFail) {
        s += "  " + std::string(StatusName(m.status)) + " " + m.check + ": " + m.message + "\n";
      }
    }
  }
  return s;
}

}  // namespace

bool ShouldAlert(const AlertSpec& spec, Status status) {
  return status == Status::kFail || (status == Status::kWarning && spec.on_warn);
}

std::string SendEmailAlert(const EmailAlertSpec& spec, const std::string& subject,
                           const std::string& text, const std::string& html) {
  CURL* curl = curl_easy_init();
  if (!curl) return "cannot start libcurl";
  std::string message = MimeMessage(spec, subject, text, html);
  Upload upload{&message};
  struct curl_slist* recipients = nullptr;
  for (const std::string& r : spec.to)
    recipients = curl_slist_append(recipients, ("<" + r + ">").c_str());
  std::string from = "<" + spec.from + ">";
  std::string user = Env(spec.username_env), password = Env(spec.password_env);
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, spec.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // smtp:// upgrades to TLS when the server offers it; smtps:// is TLS from the start.
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!user.empty()) curl_easy_setopt(curl, CURLOPT_USERNAME, user.c_str());
  if (!password.empty()) curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return "";
  return "e-mail via " + spec.url + ": " + (error[0] ? error : curl_easy_strerror(rc));
}

std::string SendWebhookAlert(const WebhookAlertSpec& spec, const std::string& json) {
  CURL* curl = curl_easy_init();
  if (!curl) return "cannot start libcurl";
  struct curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  std::string token = Env(spec.bearer_env);
  if (!token.empty())
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, spec.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);  // an HTTP status >= 400 is a failure
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return "";
  return "webhook " + spec.url + ": " + (error[0] ? error : curl_easy_strerror(rc));
}

AlertOutcome SendAlerts(const AlertSpec& spec, const MonitorResult& run, const std::string& html,
                        const std::string& json) {
  AlertOutcome outcome;
  if (spec.email) {
    std::string subject = spec.email->subject.empty()
                              ? "[sluice] " + run.monitor + ": " + StatusName(run.status)
                              : spec.email->subject;
    std::string error = SendEmailAlert(*spec.email, subject, Summary(run), html);
    std::string to;
    for (const std::string& r : spec.email->to) to += (to.empty() ? "" : ", ") + r;
    (error.empty() ? outcome.sent : outcome.errors)
        .push_back(error.empty() ? "e-mail to " + to : error);
  }
  if (spec.webhook) {
    std::string error = SendWebhookAlert(*spec.webhook, json);
    (error.empty() ? outcome.sent : outcome.errors)
        .push_back(error.empty() ? "webhook " + spec.webhook->url : error);
  }
  return outcome;
}

}  // namespace sluice

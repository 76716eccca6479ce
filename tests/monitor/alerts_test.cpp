// Alerts against tiny loopback servers the test starts (a thread with a socket on 127.0.0.1,
// ephemeral port): the SMTP conversation and message, the webhook's request, and the CLI's
// exit code when delivery fails.
#include "monitor/alerts.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "tests/monitor/monitor_test_support.h"
#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

// Accepts one connection on 127.0.0.1 and lets `serve` talk on it; every wait is bounded.
class LoopbackServer {
 public:
  using Serve = std::function<void(LoopbackServer&)>;

  explicit LoopbackServer(Serve serve) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 1) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, serve] {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 20000) != 1) return;
      client_ = ::accept(listener_, nullptr, nullptr);
      if (client_ < 0) return;
      serve(*this);
      ::close(client_);
    });
  }
  ~LoopbackServer() { Finish(); }
  // Waits for the conversation to end and returns everything the client sent.
  const std::string& Finish() {
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
    return received_;
  }
  int port() const { return port_; }
  std::string Url(const std::string& scheme, const std::string& path = "") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }

  void Send(const std::string& text) { ::send(client_, text.data(), text.size(), MSG_NOSIGNAL); }
  // Reads until `text` arrives in what was received (or the peer stops, or 20 s pass).
  bool ReadUntil(const std::string& text) {
    while (received_.find(text, scanned_) == std::string::npos) {
      pollfd p{client_, POLLIN, 0};
      if (::poll(&p, 1, 20000) != 1) return false;
      char buf[4096];
      ssize_t n = ::recv(client_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      received_.append(buf, static_cast<size_t>(n));
    }
    scanned_ = received_.find(text, scanned_) + text.size();
    return true;
  }
  // Reads until at least `total` bytes have arrived.
  bool ReadBytes(size_t total) {
    while (received_.size() < total) {
      pollfd p{client_, POLLIN, 0};
      if (::poll(&p, 1, 20000) != 1) return false;
      char buf[4096];
      ssize_t n = ::recv(client_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      received_.append(buf, static_cast<size_t>(n));
    }
    return true;
  }
  const std::string& received() const { return received_; }

 private:
  int listener_ = -1, client_ = -1, port_ = 0;
  std::string received_;
  size_t scanned_ = 0;
  std::thread thread_;
};

// A minimal SMTP server: greets, says OK to every command and takes one message.
void ServeSmtp(LoopbackServer& s) {
  s.Send("220 localhost ESMTP test\r\n");
  if (!s.ReadUntil("\r\n")) return;  // EHLO
  s.Send("250-localhost\r\n250 SIZE 10000000\r\n");
  if (!s.ReadUntil("\r\n")) return;  // MAIL FROM
  s.Send("250 OK\r\n");
  if (!s.ReadUntil("\r\n")) return;  // RCPT TO
  s.Send("250 OK\r\n");
  if (!s.ReadUntil("\r\n")) return;  // DATA
  s.Send("354 go ahead\r\n");
  if (!s.ReadUntil("\r\n.\r\n")) return;
  s.Send("250 queued\r\n");
  if (s.ReadUntil("\r\n")) s.Send("221 bye\r\n");  // QUIT
}

// A minimal HTTP server: takes one request and answers `status`.
LoopbackServer::Serve ServeHttp(int status) {
  return [status](LoopbackServer& s) {
    if (!s.ReadUntil("\r\n\r\n")) return;
    const std::string& r = s.received();
    size_t body = r.find("\r\n\r\n") + 4;
    size_t at = r.find("Content-Length: ");
    if (at != std::string::npos && at < body) s.ReadBytes(body + std::stoul(r.substr(at + 16)));
    s.Send("HTTP/1.1 " + std::to_string(status) +
           " X\r\nContent-Length: 0\r\n"
           "Connection: close\r\n\r\n");
  };
}

std::string DecodeBase64(const std::string& in) {
  std::string out;
  int bits = 0;
  uint32_t acc = 0;
  for (char c : in) {
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char* p = std::strchr(alphabet, c);
    if (c == '\0' || p == nullptr) continue;
    acc = (acc << 6) | static_cast<uint32_t>(p - alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

TEST(Alerts, SendsTheHtmlReportByEmailOverSmtp) {
  LoopbackServer server(ServeSmtp);
  EmailAlertSpec spec;
  spec.url = server.Url("smtp");
  spec.from = "dq@example.com";
  spec.to = {"team@example.com"};
  const std::string html = "<html><body><h1>Data quality: shop FAIL</h1></body></html>";
  ASSERT_EQ(SendEmailAlert(spec, "[sluice] shop: FAIL", "customers: FAIL", html), "");
  const std::string& got = server.Finish();
  EXPECT_NE(got.find("MAIL FROM:<dq@example.com>"), std::string::npos) << got;
  EXPECT_NE(got.find("RCPT TO:<team@example.com>"), std::string::npos) << got;
  EXPECT_NE(got.find("Subject: [sluice] shop: FAIL\r\n"), std::string::npos) << got;
  EXPECT_NE(got.find("Content-Type: text/plain; charset=utf-8"), std::string::npos) << got;
  size_t part = got.find("Content-Type: text/html; charset=utf-8");
  ASSERT_NE(part, std::string::npos) << got;
  size_t body = got.find("\r\n\r\n", part) + 4;
  EXPECT_EQ(DecodeBase64(got.substr(body, got.find("--sluice-", body) - body)), html);
}

TEST(Alerts, PostsTheJsonReportToTheWebhookWithTheBearerToken) {
  ::setenv("SLUICE_TEST_WEBHOOK_TOKEN", "s3cret", 1);
  LoopbackServer server(ServeHttp(200));
  WebhookAlertSpec spec;
  spec.url = server.Url("http", "/hooks/dq");
  spec.bearer_env = "SLUICE_TEST_WEBHOOK_TOKEN";
  ASSERT_EQ(SendWebhookAlert(spec, "{\"status\": \"FAIL\"}"), "");
  const std::string& got = server.Finish();
  EXPECT_EQ(got.rfind("POST /hooks/dq HTTP/1.1\r\n", 0), 0u) << got;
  EXPECT_NE(got.find("Content-Type: application/json\r\n"), std::string::npos) << got;
  EXPECT_NE(got.find("Authorization: Bearer s3cret\r\n"), std::string::npos) << got;
  EXPECT_EQ(got.substr(got.find("\r\n\r\n") + 4), "{\"status\": \"FAIL\"}");
}

TEST(Alerts, ReportsAWebhookThatAnswersWithAnHttpError) {
  LoopbackServer server(ServeHttp(500));
  WebhookAlertSpec spec;
  spec.url = server.Url("http", "/hooks/dq");
  std::string error = SendWebhookAlert(spec, "{}");
  EXPECT_NE(error.find("webhook " + spec.url + ": "), std::string::npos) << error;
  EXPECT_NE(error.find("500"), std::string::npos) << error;
}

TEST(Alerts, AlertOnWarningsOrOnlyOnFailuresAsConfigured) {
  AlertSpec on_warn;
  AlertSpec on_fail;
  on_fail.on_warn = false;
  EXPECT_FALSE(ShouldAlert(on_warn, Status::kPass));
  EXPECT_TRUE(ShouldAlert(on_warn, Status::kWarning));
  EXPECT_TRUE(ShouldAlert(on_warn, Status::kFail));
  EXPECT_FALSE(ShouldAlert(on_fail, Status::kWarning));
  EXPECT_TRUE(ShouldAlert(on_fail, Status::kFail));
}

class CheckAlerts : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("planted.db");
    ExecSqlite(db_, PlantedShopSql(PlantedDialect::kSqlite));
  }
  std::string Monitor(const std::string& webhook) {
    return dir_.Write("m.yaml", PlantedMonitorYaml("Driver=SQLite3;Database=" + db_) +
                                    "alerts:\n  webhook: { url: \"" + webhook + "\" }\n");
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(CheckAlerts, PostsTheRunsJsonReportWhenACheckFails) {
  LoopbackServer server(ServeHttp(200));
  CommandResult r = RunSluice("check " + Monitor(server.Url("http", "/dq")));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  const std::string& got = server.Finish();
  EXPECT_NE(got.find("\"monitor\": \"planted\""), std::string::npos) << got;
  EXPECT_NE(got.find("\"status\": \"FAIL\""), std::string::npos) << got;
  EXPECT_NE(r.output.find("sluice: alert sent: webhook " + server.Url("http", "/dq")),
            std::string::npos)
      << r.output;
}

TEST_F(CheckAlerts, ExitsWithFourWhenAnAlertCannotBeDelivered) {
  LoopbackServer server(ServeHttp(503));
  CommandResult r = RunSluice("check " + Monitor(server.Url("http", "/dq")));
  server.Finish();
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("sluice: alert failed: webhook"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sluice::testing

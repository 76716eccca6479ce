// End-to-end: a password never shows, whole or in part, in anything sluice prints or writes
// (output, rejects, reports, every table of the target), whether the run works or fails.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "tests/support/test_support.h"

namespace sluice::testing {
namespace {

// Quotes and a backslash try the quoting of psqlODBC's and libpq's connection strings.
const std::string kPassword = "Zq7-s'luice\\pw=OnlyHere \"9x\"";
// Found wherever any part of the password leaked.
const std::string kFragment = "OnlyHere";

// Ports 61000-61999 (above Linux's ephemeral range): clear of ThrowawayPostgres (20000-39999)
// and ThrowawayMariaDb (40000-59999); per process, one for the server and one nothing listens on.
int PortFor(int n) { return 61000 + static_cast<int>(::getpid() % 500) * 2 + n; }

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string SqlString(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

void ExpectNoPassword(const std::string& what, const std::string& text) {
  EXPECT_EQ(text.find(kFragment), std::string::npos) << what << " shows the password:\n" << text;
}

// Every file sluice left in `dir`, job files included (they hold only ${PGPW}).
void ExpectNoPasswordInFiles(const TempDir& dir) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (entry.is_regular_file()) ExpectNoPassword(entry.path().string(), ReadFile(entry.path()));
  }
}

// scripts/pg-server with the user `sluice` needing its password over TCP (scram-sha-256), as in
// production; the tests' own queries use the server's Unix socket, which trusts them.
class PasswordPostgres {
 public:
  explicit PasswordPostgres(int port) : port_(port) {
    ::chmod(dir_.path().c_str(), 0755);
    CommandResult r = RunCommand(Script() + " start " + Home() + " " + std::to_string(port_));
    if (r.exit_code != 0) throw std::runtime_error("cannot start PostgreSQL: " + r.output);
    Query("ALTER USER sluice PASSWORD " + SqlString(kPassword));
    WriteFile(Home() + "/data/pg_hba.conf",
              "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
    Query("SELECT pg_reload_conf()");
    // The reload is asynchronous: wait until a connection without a password is turned away.
    for (int i = 0; i < 200; ++i) {
      if (RunCommand(Psql("127.0.0.1") + " -w -c 'SELECT 1'").exit_code != 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("PostgreSQL kept trusting TCP connections");
  }
  ~PasswordPostgres() { RunCommand(Script() + " stop " + Home()); }

  // With PWD=${PGPW}: sluice expands it from the environment (see Env()).
  std::string Connection() const {
    return "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=" + std::to_string(port_) +
           ";Database=sluice;UID=sluice;PWD=${PGPW}";
  }

  std::vector<std::string> Query(const std::string& sql) const {
    const std::string path = dir_.File("query.sql");
    WriteFile(path, sql);
    CommandResult r = RunCommand(Psql(Home()) + " -f " + path);
    if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.output);
    std::vector<std::string> rows;
    for (size_t start = 0, end; start < r.output.size(); start = end + 1) {
      end = r.output.find('\n', start);
      if (end == std::string::npos) end = r.output.size();
      rows.push_back(r.output.substr(start, end - start));
    }
    return rows;
  }

  void Execute(const std::string& sql) const { Query(sql); }

  // The whole database, schema and rows: whatever sluice created or wrote in it.
  std::string Dump() const {
    CommandResult r =
        RunCommand("pg_dump -h " + Home() + " -p " + std::to_string(port_) + " -U sluice sluice");
    if (r.exit_code != 0) throw std::runtime_error("pg_dump failed: " + r.output);
    return r.output;
  }

 private:
  static std::string Script() { return std::string(SLUICE_SOURCE_DIR) + "/scripts/pg-server"; }
  std::string Home() const { return dir_.path() + "/pg"; }
  std::string Psql(const std::string& host) const {
    return "psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -h " + host + " -p " + std::to_string(port_) +
           " -U sluice -d sluice";
  }

  TempDir dir_;
  int port_;
};

std::string Env(const std::string& password = kPassword) { return "PGPW=" + ShellQuote(password); }

class Secrets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pg_ = std::make_unique<PasswordPostgres>(PortFor(0)); }
  static void TearDownTestSuite() { pg_.reset(); }
  void SetUp() override {
    ASSERT_NE(pg_, nullptr) << "the PostgreSQL server did not start";
    pg_->Query(
        "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  }
  void TearDown() override {
    ExpectNoPasswordInFiles(dir_);
    if (!pg_) return;
    ExpectNoPassword("the target database", pg_->Dump());
  }

  // A job from in.csv (a row 13 the database refuses, a row without an email the rules reject)
  // into `table`, with rejects and quality metrics.
  std::string WriteJob(const std::string& table, const std::string& target_extra,
                       const std::string& rejects) const {
    WriteFile(dir_.File("in.csv"), "id,email\n1,a@x.io\n2,no email\n13,m@x.io\n4,d@x.io\n");
    const std::string job = dir_.File(table + ".yaml");
    WriteFile(job, "name: " + table + "\nsource: { type: csv, path: " + dir_.File("in.csv") +
                       " }\ntarget: { type: odbc, connection: \"" + pg_->Connection() +
                       "\", table: " + table + target_extra +
                       " }\n"
                       "columns: { id: { type: integer }, email: {} }\n"
                       "validate: [ { column: email, rule: email, on_fail: reject } ]\n"
                       "rejects: " +
                       rejects + "\nquality: { report: " + dir_.File(table + ".json") + " }\n");
    return job;
  }

  static std::unique_ptr<PasswordPostgres> pg_;
  TempDir dir_;
};

std::unique_ptr<PasswordPostgres> Secrets::pg_;

TEST_F(Secrets, RunsThatWriteAndRejectRowsLeaveThePasswordNowhere) {
  for (const char* table : {"copied", "inserted"}) {
    pg_->Execute("CREATE TABLE " + std::string(table) +
                 " (id BIGINT CHECK (id <> 13), email TEXT)");
  }
  const std::string copy_job =
      WriteJob("copied", "", "{ path: " + dir_.File("copied-rejects.ndjson") + " }");
  const std::string odbc_job = WriteJob("inserted", ", fast_path: false", "{ table: refused }");
  for (const std::string& job : {copy_job, odbc_job}) {
    CommandResult r = RunSluice("run " + job, Env());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ExpectNoPassword(job + " output", r.output);
  }
  EXPECT_EQ(pg_->Query("SELECT id FROM copied ORDER BY id"), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(pg_->Query("SELECT id FROM inserted ORDER BY id"),
            (std::vector<std::string>{"1", "4"}));
  EXPECT_NE(ReadFile(dir_.File("copied-rejects.ndjson")).find("[23514]"), std::string::npos);
  EXPECT_EQ(pg_->Query("SELECT rule FROM refused ORDER BY line"),
            (std::vector<std::string>{"email", "database"}));
  EXPECT_EQ(pg_->Query("SELECT job, status FROM sluice_runs ORDER BY job"),
            (std::vector<std::string>{"copied|succeeded", "inserted|succeeded"}));

  // The same database as a source, exported to a file.
  WriteFile(dir_.File("export.yaml"),
            "name: export\nsource: { type: odbc, connection: \"" + pg_->Connection() +
                "\", table: copied }\ntarget: { type: csv, path: " + dir_.File("export.csv") +
                " }\nrejects: { path: " + dir_.File("export-rejects.ndjson") + " }\n");
  CommandResult r = RunSluice("run " + dir_.File("export.yaml"), Env());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ExpectNoPassword("the export's output", r.output);
  EXPECT_EQ(ReadFile(dir_.File("export.csv")), "id,email\n1,a@x.io\n4,d@x.io\n");
}

TEST_F(Secrets, AFailedRunIsRecordedWithTheConnectionMasked) {
  const std::string job =
      WriteJob("missing", ", create: never", "{ path: " + dir_.File("r.ndjson") + " }");
  CommandResult r = RunSluice("run " + job, Env());
  EXPECT_EQ(r.exit_code, 4) << r.output;
  ExpectNoPassword("the output", r.output);
  std::vector<std::string> runs = pg_->Query("SELECT status, message FROM sluice_runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].rfind("failed|", 0), 0u) << runs[0];
  EXPECT_NE(runs[0].find("PWD=***"), std::string::npos) << runs[0];
}

TEST_F(Secrets, AWrongPasswordFailsWithTheServersReasonOnly) {
  const std::string wrong = "Wr0ng-OnlyHere-guess";
  const std::string job = WriteJob("t", "", "{ path: " + dir_.File("r.ndjson") + " }");
  for (const std::string& command :
       {"run " + job, "test-connection " + ShellQuote(pg_->Connection())}) {
    CommandResult r = RunSluice(command, Env(wrong));
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_NE(r.output.find("password authentication failed for user \"sluice\""),
              std::string::npos)
        << r.output;
    ExpectNoPassword(command, r.output);
  }
}

// An unbraced password holding ';' splits into settings: no piece of it may show.
TEST_F(Secrets, APasswordHoldingASemicolonIsMaskedWhole) {
  CommandResult r = RunSluice("test-connection " + ShellQuote(pg_->Connection()),
                              Env("first;OnlyHere-tail;more"));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  ExpectNoPassword("test-connection", r.output);
}

TEST_F(Secrets, TestConnectionAndInspectNeverPrintThePassword) {
  pg_->Execute("CREATE TABLE shop (id BIGINT PRIMARY KEY, name TEXT)");
  const std::string conn = ShellQuote(pg_->Connection());
  for (const std::string& command :
       {"test-connection " + conn, "inspect " + conn, "inspect " + conn + " shop --json"}) {
    CommandResult r = RunSluice(command, Env());
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_NE(r.output.find(command.rfind("test", 0) == 0 ? "database:  PostgreSQL " : "shop"),
              std::string::npos)
        << r.output;
    ExpectNoPassword(command, r.output);
  }
}

TEST_F(Secrets, ChecksReportsAndTheirHistoryNeverHoldThePassword) {
  pg_->Execute(
      "CREATE TABLE shop (id BIGINT PRIMARY KEY, email TEXT);"
      "INSERT INTO shop VALUES (1, 'a@x.io'), (2, NULL)");
  WriteFile(dir_.File("monitor.yaml"), "version: 1\nname: shop\nconnection: \"" +
                                           pg_->Connection() +
                                           "\"\ntables:\n  - name: shop\n    missing: { columns: { "
                                           "email: { warn: \"> 0\", fail: \"> 90%\" } } }\n");
  const std::string monitor = dir_.File("monitor.yaml");
  for (const std::string& command :
       {"check --no-alerts " + monitor, "check --no-alerts --json " + monitor,
        "report " + monitor + " --html " + dir_.File("report.html") + " --json " +
            dir_.File("report.json")}) {
    CommandResult r = RunSluice(command, Env());
    EXPECT_EQ(r.exit_code, command.rfind("check", 0) == 0 ? 1 : 0) << command << "\n" << r.output;
    ExpectNoPassword(command, r.output);
  }
  EXPECT_EQ(pg_->Query("SELECT count(*) FROM sluice_runs WHERE job = 'shop'"),
            std::vector<std::string>{"2"});
  EXPECT_NE(ReadFile(dir_.File("report.html")).find("shop"), std::string::npos);
}

// Nothing listens on the port: the server is down.
TEST(SecretsWithTheServerDown, ConnectionRefusedIsReportedWithoutThePassword) {
  const std::string conn =
      "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=" + std::to_string(PortFor(1)) +
      ";Database=sluice;UID=sluice;PWD=${PGPW}";
  TempDir dir;
  WriteFile(dir.File("in.csv"), "id\n1\n");
  WriteFile(dir.File("job.yaml"),
            "name: down\nsource: { type: csv, path: " + dir.File("in.csv") +
                " }\ntarget: { type: odbc, connection: \"" + conn +
                "\", table: t, retries: 1 }\nrejects: { path: " + dir.File("r.ndjson") + " }\n");
  for (const std::string& command :
       {"run " + dir.File("job.yaml"), "test-connection " + ShellQuote(conn)}) {
    CommandResult r = RunSluice(command, Env());
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_NE(r.output.find("Connection refused"), std::string::npos) << r.output;
    ExpectNoPassword(command, r.output);
  }
  ExpectNoPasswordInFiles(dir);
}

// Written into the job file itself, the password still must not be echoed by a validation error.
TEST(SecretsInJobFiles, AJobThatFailsValidationNeverEchoesItsPassword) {
  const std::string conn = "Driver=PostgreSQL Unicode;Server=127.0.0.1;UID=u;PWD=" + kFragment;
  const std::string head = "name: v\nsource: { type: csv, path: in.csv }\n";
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"a misspelt key", "target: { type: odbc, conection: \"" + conn + "\", table: t }\n"},
      {"a list for a value", "target: { type: odbc, connection: [\"" + conn + "\"], table: t }\n"},
      {"a YAML syntax error", "target: { type: odbc, connection: \"" + conn + ", table: t }\n"},
      {"an unterminated ${", "target: { type: odbc, connection: \"${HOST;" + conn + "\" }\n"},
      {"a bad variable name", "target: { type: odbc, connection: \"" + conn + "${a b}\" }\n"},
      {"an unset variable", "target: { type: odbc, connection: \"" + conn + ";${NOT_SET_X}\" }\n"},
      {"a bad column type", "target: { type: odbc, connection: \"" + conn +
                                "\", table: t }\ncolumns: { id: { type: integr } }\n"},
  };
  TempDir dir;
  for (const auto& [what, target] : cases) {
    WriteFile(dir.File("job.yaml"), head + target);
    for (const char* command : {"validate ", "run "}) {
      CommandResult r = RunSluice(command + dir.File("job.yaml"));
      EXPECT_EQ(r.exit_code, 2) << what << ": " << r.output;
      EXPECT_NE(r.output.find("job.yaml:"), std::string::npos) << what << ": " << r.output;
      ExpectNoPassword(std::string(command) + "with " + what, r.output);
    }
  }
}

}  // namespace
}  // namespace sluice::testing

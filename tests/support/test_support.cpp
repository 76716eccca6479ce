// Shared helpers of the end-to-end tests.
#include "tests/support/test_support.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "connectors/csv/csv_source.h"

namespace sluice::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sluice-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& bytes) const {
  std::string path = File(name);
  WriteFile(path, bytes);
  return path;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult RunSluice(const std::string& args, const std::string& env) {
  return RunCommand((env.empty() ? "" : "env " + env + " ") + std::string(SLUICE_BINARY) + " " +
                    args);
}

std::vector<std::string> ReadCsvRows(const std::string& path, bool escape_breaks) {
  CsvOptions options;
  options.path = path;
  CsvSource source(options);
  std::vector<std::string> rows;
  Batch batch;
  for (bool more = true; more;) {
    batch.Clear();
    more = source.ReadNext(batch, 4096);
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::string row;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c) row += '|';
        if (batch.columns[c].IsNull(r)) {
          row += "\\N";
          continue;
        }
        for (char ch : batch.columns[c].text[r]) {
          if (escape_breaks && ch == '\n') {
            row += "\\n";
          } else if (escape_breaks && ch == '\r') {
            row += "\\r";
          } else {
            row += ch;
          }
        }
      }
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<std::string> QuerySqlite(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    throw std::runtime_error("cannot open " + db);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(handle);
    sqlite3_close(handle);
    throw std::runtime_error("bad query " + sql + ": " + msg);
  }
  std::vector<std::string> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      if (c) row += '|';
      const unsigned char* text = sqlite3_column_text(stmt, c);
      row += text ? std::string(reinterpret_cast<const char*>(text),
                                static_cast<size_t>(sqlite3_column_bytes(stmt, c)))
                  : "\\N";
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return rows;
}

}  // namespace sluice::testing

namespace sluice::testing {

namespace {

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

// Ports 20000-39999 by pid; one some connection happens to hold (the range overlaps the
// kernel's ephemeral ports) is skipped with a fresh data directory.
ThrowawayPostgres::ThrowawayPostgres() {
  // The server runs as the postgres user, who must be able to reach its directory.
  ::chmod(dir_.path().c_str(), 0755);
  std::string failures;
  for (int attempt = 0; attempt < 4; ++attempt) {
    port_ = 20000 + static_cast<int>((::getpid() + attempt * 4099) % 20000);
    data_dir_ = dir_.path() + "/pg" + std::to_string(attempt);
    CommandResult r = RunCommand(std::string(SLUICE_SOURCE_DIR) + "/scripts/pg-server start " +
                                 data_dir_ + " " + std::to_string(port_));
    if (r.exit_code == 0) {
      connection_ = Trimmed(r.output);
      return;
    }
    failures += r.output;
    if (r.output.find("in use") == std::string::npos) break;
  }
  throw std::runtime_error("cannot start PostgreSQL: " + failures);
}

ThrowawayPostgres::~ThrowawayPostgres() {
  RunCommand(std::string(SLUICE_SOURCE_DIR) + "/scripts/pg-server stop " + data_dir_);
}

std::vector<std::string> ThrowawayPostgres::Query(const std::string& sql) const {
  std::string path = dir_.File("query.sql");
  WriteFile(path, sql);
  CommandResult r =
      RunCommand("psql -X -q -At -F '|' -P 'null=\\N' -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                 std::to_string(port_) + " -U sluice -d sluice -f " + path);
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.output);
  std::vector<std::string> rows;
  size_t start = 0;
  while (start < r.output.size()) {
    size_t end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    rows.push_back(r.output.substr(start, end - start));
    start = end + 1;
  }
  return rows;
}

void ThrowawayPostgres::Execute(const std::string& sql) const { Query(sql); }

}  // namespace sluice::testing

// Shared servers and per-writer targets for the tests that run one job through every writer.
#include "tests/support/database_writers.h"

namespace sluice::testing {

const std::vector<Writer>& AllWriters() {
  static const std::vector<Writer> kAll = {Writer::kSqliteNative, Writer::kSqliteOdbc,
                                           Writer::kPostgresCopy, Writer::kPostgresOdbc,
                                           Writer::kMariaDb};
  return kAll;
}

std::string WriterName(const ::testing::TestParamInfo<Writer>& info) {
  static const char* const kNames[] = {"SqliteNative", "SqliteOdbc", "PostgresCopy", "PostgresOdbc",
                                       "MariaDb"};
  return kNames[static_cast<int>(info.param)];
}

// Started on first use; their destructors stop them when the test binary exits.
ThrowawayPostgres& SharedPostgres() {
  static ThrowawayPostgres server;
  return server;
}

ThrowawayMariaDb& SharedMariaDb() {
  static ThrowawayMariaDb server;
  return server;
}

WriterTarget::WriterTarget(Writer writer, const TempDir& dir)
    : writer_(writer), sqlite_file_(dir.File("target.db")) {
  if (IsSqlite()) {
    connection_ = "Driver=SQLite3;Database=" + sqlite_file_;
  } else if (IsPostgres()) {
    connection_ = SharedPostgres().connection();
  } else {
    connection_ = SharedMariaDb().connection();
  }
}

bool WriterTarget::fast_path() const {
  return writer_ == Writer::kSqliteNative || writer_ == Writer::kPostgresCopy;
}

std::string WriterTarget::FastPathSetting() const {
  return std::string("fast_path: ") + (fast_path() ? "true" : "false");
}

bool WriterTarget::IsSqlite() const {
  return writer_ == Writer::kSqliteNative || writer_ == Writer::kSqliteOdbc;
}

bool WriterTarget::IsPostgres() const {
  return writer_ == Writer::kPostgresCopy || writer_ == Writer::kPostgresOdbc;
}

bool WriterTarget::IsMariaDb() const { return writer_ == Writer::kMariaDb; }

std::vector<std::string> WriterTarget::Query(const std::string& sql) const {
  if (IsSqlite()) return QuerySqlite(sqlite_file_, sql);
  if (IsPostgres()) return SharedPostgres().Query(sql);
  return SharedMariaDb().Query(sql);
}

void WriterTarget::Execute(const std::string& sql) const {
  if (IsPostgres()) return SharedPostgres().Execute(sql);
  if (IsMariaDb()) return SharedMariaDb().Execute(sql);
  // The sqlite3 shell, which creates the file when it is missing.
  const std::string script = sqlite_file_ + ".sql";
  WriteFile(script, sql + ";\n");
  CommandResult r = RunCommand("sqlite3 " + sqlite_file_ + " < " + script);
  ASSERT_EQ(r.exit_code, 0) << sql << "\n" << r.output;
}

}  // namespace sluice::testing

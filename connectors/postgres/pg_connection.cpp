// PgConnection: libpq connection, statements and COPY, with SQLSTATE-carrying errors.
#include "connectors/postgres/pg_connection.h"

#include <utility>

#include "connectors/odbc/connection_string.h"

namespace sluice {
namespace {

// libpq's quoting: the value in single quotes, with backslash and quote escaped by a backslash.
void AppendParameter(std::string& out, const char* key, const std::string& value) {
  if (value.empty()) return;
  if (!out.empty()) out += ' ';
  out += key;
  out += "='";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
}

// The first non-empty value among the synonyms ODBC drivers accept.
std::string FirstValue(const std::string& connection, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    std::string v = ConnectionValue(connection, key);
    if (!v.empty()) return v;
  }
  return "";
}

std::string Field(const PGresult* result, int code) {
  const char* v = result ? PQresultErrorField(result, code) : nullptr;
  return v ? v : "";
}

std::string TrimmedNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

bool PgError::IsRowError() const {
  return sqlstate_.rfind("22", 0) == 0 || sqlstate_.rfind("23", 0) == 0;
}

std::string PgConninfo(const std::string& connection) {
  std::string out;
  AppendParameter(out, "host", FirstValue(connection, {"Server", "Host", "Servername"}));
  AppendParameter(out, "port", FirstValue(connection, {"Port"}));
  AppendParameter(out, "dbname", FirstValue(connection, {"Database", "DBName"}));
  AppendParameter(out, "user", FirstValue(connection, {"UID", "User", "Username"}));
  AppendParameter(out, "password", FirstValue(connection, {"PWD", "Password"}));
  AppendParameter(out, "sslmode", FirstValue(connection, {"SSLMode"}));
  AppendParameter(out, "client_encoding", "UTF8");
  AppendParameter(out, "application_name", "sluice");
  return out;
}

PgConnection::PgConnection(const std::string& connection) {
  std::string host = FirstValue(connection, {"Server", "Host", "Servername"});
  std::string port = FirstValue(connection, {"Port"});
  where_ = (host.empty() ? "localhost" : host) + (port.empty() ? "" : ":" + port) + "/" +
           FirstValue(connection, {"Database", "DBName"});
  conn_ = PQconnectdb(PgConninfo(connection).c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? TrimmedNewlines(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("connecting to PostgreSQL at " + where_ + ": " + message, "08001", "", "");
  }
  try {
    // Timestamps are UTC micros: the session must not shift them into a local zone.
    Execute("SET TimeZone = 'UTC'", "setting the session time zone");
  } catch (...) {
    PQfinish(conn_);  // the destructor does not run for a constructor that throws
    throw;
  }
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::Fail(const PGresult* result, const std::string& doing) const {
  std::string state = Field(result, PG_DIAG_SQLSTATE);
  std::string message = Field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) {
    // No server error: the connection itself failed (libpq wrote why).
    message = TrimmedNewlines(PQerrorMessage(conn_)) + " (server " + where_ + ")";
  }
  std::string detail = Field(result, PG_DIAG_MESSAGE_DETAIL);
  throw PgError(doing + ": " + (state.empty() ? "" : "[" + state + "] ") + message +
                    (detail.empty() ? "" : " (" + detail + ")"),
                state, Field(result, PG_DIAG_COLUMN_NAME), Field(result, PG_DIAG_CONTEXT));
}

void PgConnection::Execute(const std::string& sql, const std::string& doing) {
  PgResult result(PQexec(conn_, sql.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result.get(), doing);
}

std::vector<PgConnection::Row> PgConnection::Query(const std::string& sql, const Row& params,
                                                   const std::string& doing) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PgResult result(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result.get(), doing);
  std::vector<Row> rows(static_cast<size_t>(PQntuples(result.get())));
  const int columns = PQnfields(result.get());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < columns; ++c) {
      const int row = static_cast<int>(r);
      if (PQgetisnull(result.get(), row, c)) {
        rows[r].emplace_back();
      } else {
        rows[r].emplace_back(std::string(PQgetvalue(result.get(), row, c),
                                         static_cast<size_t>(PQgetlength(result.get(), row, c))));
      }
    }
  }
  return rows;
}

void PgConnection::BeginCopy(const std::string& sql, const std::string& doing) {
  copy_doing_ = doing;
  PgResult result(PQexec(conn_, sql.c_str()));
  if (!result || PQresultStatus(result.get()) != PGRES_COPY_IN) Fail(result.get(), doing);
}

void PgConnection::PutCopyData(const char* data, size_t size) {
  // libpq takes an int; the caller's pieces are far smaller, but a huge value must not wrap.
  constexpr size_t kMaxPiece = 1u << 30;
  while (size > 0) {
    const size_t piece = size < kMaxPiece ? size : kMaxPiece;
    if (PQputCopyData(conn_, data, static_cast<int>(piece)) != 1) {
      // The server ended the COPY early (an error it already sent) or the connection broke.
      PQputCopyEnd(conn_, nullptr);
      DrainResults(copy_doing_);
      Fail(nullptr, copy_doing_);
    }
    data += piece;
    size -= piece;
  }
}

void PgConnection::EndCopy() {
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    DrainResults(copy_doing_);
    Fail(nullptr, copy_doing_);
  }
  DrainResults(copy_doing_);
}

void PgConnection::DrainResults(const std::string& doing) {
  PgResult first_error;
  while (PgResult result{PQgetResult(conn_)}) {
    ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_COPY_IN) {
      // Still copying after a failed put: end it so the connection can be used again.
      PQputCopyEnd(conn_, "sluice abandoned the COPY");
      continue;
    }
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !first_error) {
      first_error = std::move(result);
    }
  }
  if (first_error) Fail(first_error.get(), doing);
}

}  // namespace sluice

// Checkpoint rows through ODBC: parameters bound, never pasted into SQL.
#include "connectors/odbc/odbc_checkpoint.h"

#include "connectors/odbc/checkpoint_sql.h"
#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/job_lock.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_row_inserter.h"

namespace sluice {
namespace {

// Prepares `sql` and binds the job and partition to its two markers.
void ExecuteForJob(OdbcStatement& stmt, const std::string& sql, const std::string& job,
                   const std::string& partition, SQLLEN (&lengths)[2]) {
  const std::string* values[2] = {&job, &partition};
  OdbcCheck(
      SQLPrepare(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())), SQL_NTS),
      SQL_HANDLE_STMT, stmt.get(), "preparing a checkpoint statement");
  for (int i = 0; i < 2; ++i) {
    lengths[i] = static_cast<SQLLEN>(values[i]->size());
    OdbcCheck(SQLBindParameter(stmt.get(), static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT,
                               SQL_C_CHAR, SQL_VARCHAR, std::max<size_t>(values[i]->size(), 1), 0,
                               const_cast<char*>(values[i]->c_str()), lengths[i] + 1, &lengths[i]),
              SQL_HANDLE_STMT, stmt.get(), "binding a checkpoint key");
  }
  OdbcCheck(SQLExecute(stmt.get()), SQL_HANDLE_STMT, stmt.get(), "running a checkpoint statement");
}

std::optional<std::string> TextColumn(OdbcStatement& stmt, SQLUSMALLINT column) {
  std::string out;
  char buffer[512];
  for (;;) {
    SQLLEN length = 0;
    SQLRETURN rc = SQLGetData(stmt.get(), column, SQL_C_CHAR, buffer, sizeof buffer, &length);
    if (rc == SQL_NO_DATA) break;
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), "reading the checkpoint");
    if (length == SQL_NULL_DATA) return std::nullopt;
    if (rc == SQL_SUCCESS) {
      out.append(buffer, static_cast<size_t>(length));
      break;
    }
    out.append(buffer, sizeof buffer - 1);  // truncated: the rest comes with the next call
  }
  return out;
}

}  // namespace

void EnsureOdbcCheckpointTable(OdbcConnection& connection, const Dialect& dialect) {
  if (!OdbcTableExists(connection, kCheckpointTable)) {
    connection.Execute(CheckpointSql(dialect).create, "creating the checkpoint table");
  }
}

void StoreOdbcCheckpoint(OdbcConnection& connection, const Dialect& dialect, const Checkpoint& cp) {
  const CheckpointStatements sql = CheckpointSql(dialect);
  OdbcRowInserter insert(connection, dialect, kCheckpointTable, CheckpointTableSchema());
  {
    OdbcStatement remove(connection);
    SQLLEN lengths[2];
    ExecuteForJob(remove, sql.remove, cp.job, cp.partition, lengths);
  }
  insert.Insert(CheckpointValues(cp));
}

void SaveOdbcCheckpoint(const std::string& connection, const Checkpoint& cp) {
  const Dialect dialect = DetectDialect(connection);
  OdbcConnection db(dialect.TuneConnectionString(connection), MaskConnectionString(connection));
  EnsureOdbcCheckpointTable(db, dialect);
  db.SetAutocommit(false);
  StoreOdbcCheckpoint(db, dialect, cp);
  db.Commit();
}

std::optional<Checkpoint> ReadOdbcCheckpoint(const std::string& connection, const std::string& job,
                                             const std::string& partition) {
  const Dialect dialect = DetectDialect(connection);
  const std::string masked = MaskConnectionString(connection);
  OdbcConnection db(dialect.TuneConnectionString(connection), masked);
  // While this session holds the job's lock, no other session of the job can be moving the
  // checkpoint; its lock is released as soon as it is read.
  const bool locked = TakeOdbcJobLock(db, dialect, job, masked);
  std::optional<Checkpoint> cp;
  if (OdbcTableExists(db, kCheckpointTable)) {
    OdbcStatement select(db);
    SQLLEN lengths[2];
    ExecuteForJob(select, CheckpointSql(dialect).select, job, partition, lengths);
    SQLRETURN rc = SQLFetch(select.get());
    if (rc != SQL_NO_DATA) {
      OdbcCheck(rc, SQL_HANDLE_STMT, select.get(), "reading the checkpoint");
      std::vector<std::optional<std::string>> values;
      for (size_t c = 0; c < CheckpointTableSchema().size(); ++c) {
        values.push_back(TextColumn(select, static_cast<SQLUSMALLINT>(c + 1)));
      }
      cp = CheckpointFromValues(values);
    }
  }
  if (locked) ReleaseOdbcJobLock(db, dialect, job);
  return cp;
}

}  // namespace sluice

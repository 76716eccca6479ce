// OdbcSink: array inserts with savepoint bisection.
#include "connectors/odbc/odbc_sink.h"

#include <algorithm>
#include <cstring>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/job_lock.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_checkpoint.h"
#include "pipeline/errors.h"
#include "pipeline/value_cast.h"

namespace sluice {
namespace {

// Errors that belong to a row (constraint, bad value) rather than to the connection: only
// these are worth bisecting. SQLite reports every error as HY000, so its text decides.
bool IsRowError(const OdbcError& e, DialectKind kind) {
  const std::string& s = e.sqlstate();
  if (s.rfind("23", 0) == 0 || s.rfind("22", 0) == 0) return true;
  if (kind == DialectKind::kSqlite) {
    std::string m = e.what();
    return m.find("constraint") != std::string::npos ||
           m.find("datatype mismatch") != std::string::npos;
  }
  return false;
}

// The insert prepared, its parameters bound by column.
std::unique_ptr<OdbcStatement> PrepareInsert(OdbcConnection& connection, std::string sql,
                                             const std::string& table) {
  auto stmt = std::make_unique<OdbcStatement>(connection);
  OdbcCheck(SQLPrepare(stmt->get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS),
            SQL_HANDLE_STMT, stmt->get(), "preparing the insert into " + table);
  OdbcCheck(SQLSetStmtAttr(stmt->get(), SQL_ATTR_PARAM_BIND_TYPE,
                           reinterpret_cast<SQLPOINTER>(SQL_PARAM_BIND_BY_COLUMN), 0),
            SQL_HANDLE_STMT, stmt->get(), "setting column-wise binding");
  return stmt;
}

}  // namespace

OdbcSink::OdbcSink(OdbcSinkOptions options)
    : options_(std::move(options)),
      dialect_(DetectDialect(options_.connection)),
      masked_(MaskConnectionString(options_.connection)) {}

OdbcSink::~OdbcSink() = default;

void OdbcSink::Open(const Schema& schema) {
  schema_ = schema;
  connection_ =
      std::make_unique<OdbcConnection>(dialect_.TuneConnectionString(options_.connection), masked_);
  connection_->SetAutocommit(false);
  // Taken inside the first transaction: psqlODBC's cursor for a SELECT in autocommit mode ends
  // its own transaction later, taking the first savepoint with it.
  if (!locked_job_.empty()) TakeOdbcJobLock(*connection_, dialect_, locked_job_, masked_);
  const std::string& table = options_.table;
  bool exists = OdbcTableExists(*connection_, table);
  if (options_.create == CreateMode::kAlways && exists && !continuing_) {
    connection_->Execute("DROP TABLE " + dialect_.QuoteIdentifier(table),
                         "dropping table " + table);
    exists = false;
  }
  if (!exists) {
    if (options_.create == CreateMode::kNever) {
      throw RunError("target table " + table + " does not exist in " + masked_ +
                     " (set create: if_missing to create it)");
    }
    const bool upsert = options_.mode == WriteMode::kUpsert;
    connection_->Execute(
        dialect_.CreateTable(table, schema_, upsert ? options_.key : std::vector<std::string>{}),
        "creating table " + table);
  } else if (options_.mode == WriteMode::kReplace && !continuing_) {
    connection_->Execute(dialect_.DeleteAll(table), "emptying table " + table + " (mode: replace)");
  }
  if (options_.mode == WriteMode::kUpsert) RequireUniqueKey();
  EnsureOdbcCheckpointTable(*connection_, dialect_);
  insert_ = PrepareInsert(*connection_, InsertSql(), table);
  size_t n = schema_.size();
  text_buffers_.resize(n);
  int_buffers_.resize(n);
  double_buffers_.resize(n);
  indicators_.resize(n);
}

std::string OdbcSink::InsertSql() const {
  return options_.mode == WriteMode::kUpsert
             ? dialect_.Upsert(options_.table, schema_, options_.key)
             : dialect_.Insert(options_.table, schema_);
}

// MariaDB's ON DUPLICATE KEY quietly inserts a second row when the key is not unique, so the
// key is checked against the catalog before any row is written, on every database alike.
void OdbcSink::RequireUniqueKey() {
  const TableDescription table =
      DescribeTable(*connection_, FindTable(*connection_, options_.table));
  auto same_columns = [&](std::vector<std::string> columns) {
    std::vector<std::string> key = options_.key;
    std::sort(columns.begin(), columns.end());
    std::sort(key.begin(), key.end());
    return columns == key;
  };
  if (same_columns(table.primary_key)) return;
  for (const IndexInfo& index : table.indexes) {
    if (index.unique && same_columns(index.columns)) return;
  }
  throw RunError("target.key (" + dialect_.ColumnList(options_.key) +
                 ") must be the primary key or a unique index of table " + options_.table + " in " +
                 masked_ + " for mode upsert to find the row to update");
}

void OdbcSink::BindAndExecute(const Batch& batch, const std::vector<uint32_t>& rows, size_t lo,
                              size_t hi) {
  const size_t n = hi - lo;
  SQLHSTMT stmt = insert_->get();
  for (size_t c = 0; c < schema_.size(); ++c) {
    const Column& col = batch.columns[c];
    std::vector<SQLLEN>& ind = indicators_[c];
    ind.resize(n);
    const TypeId id = col.type.id;
    SQLRETURN rc;
    if (id == TypeId::kInteger || id == TypeId::kBoolean) {
      std::vector<int64_t>& buf = int_buffers_[c];
      buf.resize(n);
      for (size_t i = 0; i < n; ++i) {
        uint32_t r = rows[lo + i];
        buf[i] = col.ints[r];
        ind[i] = col.IsNull(r) ? SQL_NULL_DATA : 0;
      }
      rc = SQLBindParameter(stmt, static_cast<SQLUSMALLINT>(c + 1), SQL_PARAM_INPUT, SQL_C_SBIGINT,
                            SQL_BIGINT, 0, 0, buf.data(), 0, ind.data());
    } else if (id == TypeId::kDouble) {
      std::vector<double>& buf = double_buffers_[c];
      buf.resize(n);
      for (size_t i = 0; i < n; ++i) {
        uint32_t r = rows[lo + i];
        buf[i] = col.doubles[r];
        ind[i] = col.IsNull(r) ? SQL_NULL_DATA : 0;
      }
      rc = SQLBindParameter(stmt, static_cast<SQLUSMALLINT>(c + 1), SQL_PARAM_INPUT, SQL_C_DOUBLE,
                            SQL_DOUBLE, 0, 0, buf.data(), 0, ind.data());
    } else {
      // Text, and the types sent as their canonical text (exact decimals, ISO dates).
      size_t width = 1;
      if (id == TypeId::kText) {
        for (size_t i = 0; i < n; ++i) width = std::max(width, col.text[rows[lo + i]].size());
      } else {
        width = 32;
      }
      std::vector<char>& buf = text_buffers_[c];
      buf.resize(n * (width + 1));
      for (size_t i = 0; i < n; ++i) {
        uint32_t r = rows[lo + i];
        char* dst = buf.data() + i * (width + 1);
        if (col.IsNull(r)) {
          ind[i] = SQL_NULL_DATA;
          continue;
        }
        std::string_view v;
        if (id == TypeId::kText) {
          v = col.text[r];
        } else {
          FormatInt(col.ints[r], col.type, format_scratch_);
          v = format_scratch_;
        }
        if (!v.empty()) std::memcpy(dst, v.data(), v.size());
        dst[v.size()] = '\0';
        ind[i] = static_cast<SQLLEN>(v.size());
      }
      SQLSMALLINT sql_type = SQL_VARCHAR;
      SQLULEN size = width;
      SQLSMALLINT digits = 0;
      if (dialect_.kind() != DialectKind::kSqlite) {
        if (id == TypeId::kDecimal) {
          sql_type = SQL_DECIMAL;
          size = col.type.precision;
          digits = static_cast<SQLSMALLINT>(col.type.scale);
        } else if ((id == TypeId::kDate || id == TypeId::kTimestamp) &&
                   !dialect_.TypesDateParameters()) {
          size = id == TypeId::kDate ? 10 : 26;  // text, for the server to convert
        } else if (id == TypeId::kDate) {
          sql_type = SQL_TYPE_DATE;
          size = 10;
        } else if (id == TypeId::kTimestamp) {
          sql_type = SQL_TYPE_TIMESTAMP;
          size = 26;
          digits = 6;
        } else if (width > 4000) {
          sql_type = SQL_LONGVARCHAR;
        }
      }
      rc = SQLBindParameter(stmt, static_cast<SQLUSMALLINT>(c + 1), SQL_PARAM_INPUT, SQL_C_CHAR,
                            sql_type, size, digits, buf.data(), static_cast<SQLLEN>(width + 1),
                            ind.data());
    }
    OdbcCheck(rc, SQL_HANDLE_STMT, stmt, "binding column " + schema_.fields[c].name);
  }
  OdbcCheck(SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(n), 0),
            SQL_HANDLE_STMT, stmt, "setting the array size");
  SQLRETURN rc = SQLExecute(stmt);
  // Drain any result sets some drivers produce for arrays, so the next execute starts clean.
  if (SQL_SUCCEEDED(rc)) {
    while (SQL_SUCCEEDED(SQLMoreResults(stmt))) {
    }
  }
  OdbcCheck(rc, SQL_HANDLE_STMT, stmt, "inserting into " + options_.table);
}

void OdbcSink::WriteRange(const Batch& batch, const std::vector<uint32_t>& rows, size_t lo,
                          size_t hi, WriteResult& result) {
  if (lo >= hi) return;
  const std::string savepoint = "sluice_chunk";
  connection_->Execute(dialect_.Savepoint(savepoint), "setting a savepoint");
  // MariaDB Connector/ODBC 3.1 garbles the data of an array execute that follows a single-row
  // one on the same statement (and corrupts the heap): after a single row, a fresh statement.
  const bool single_row = hi - lo == 1;
  auto renew_after_single_row = [&] {
    if (single_row) {
      insert_ = PrepareInsert(*connection_, InsertSql(), options_.table);
    }
  };
  try {
    BindAndExecute(batch, rows, lo, hi);
  } catch (const OdbcError& e) {
    SQLFreeStmt(insert_->get(), SQL_CLOSE);
    if (!IsRowError(e, dialect_.kind())) throw;
    connection_->Execute(dialect_.RollbackToSavepoint(savepoint), "rolling back to a savepoint");
    connection_->Execute(dialect_.ReleaseSavepoint(savepoint), "releasing a savepoint");
    if (single_row) {
      result.refused.push_back({rows[lo], "", "database", e.what()});
      renew_after_single_row();
      return;
    }
    size_t mid = lo + (hi - lo) / 2;
    WriteRange(batch, rows, lo, mid, result);
    WriteRange(batch, rows, mid, hi, result);
    return;
  }
  connection_->Execute(dialect_.ReleaseSavepoint(savepoint), "releasing a savepoint");
  renew_after_single_row();
  result.rows_written += hi - lo;
}

WriteResult OdbcSink::Write(const Batch& batch) {
  WriteResult result;
  std::vector<uint32_t> rows;
  rows.reserve(batch.num_rows());
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    if (batch.states[r] == RowState::kKeep) rows.push_back(static_cast<uint32_t>(r));
  }
  for (size_t lo = 0; lo < rows.size(); lo += options_.paramset_size) {
    WriteRange(batch, rows, lo, std::min(rows.size(), lo + options_.paramset_size), result);
  }
  return result;
}

void OdbcSink::Commit(const Checkpoint& cp) {
  if (!cp.job.empty()) StoreOdbcCheckpoint(*connection_, dialect_, cp);
  connection_->Commit();
}

void OdbcSink::Rollback() {
  if (connection_) connection_->Rollback();
}

void OdbcSink::WriteRejects(const std::string& table, const std::string& run_id,
                            const std::string& job, const std::vector<RejectRow>& rows) {
  if (!rejects_) {
    rejects_ =
        std::make_unique<OdbcRowInserter>(*connection_, dialect_, table, RejectTableSchema());
  }
  for (const RejectRow& r : rows) {
    rejects_->Insert({run_id, job, r.source, std::to_string(r.line), std::to_string(r.byte_offset),
                      r.column, r.rule, r.reason, r.record});
  }
}

void OdbcSink::Close() {
  rejects_.reset();
  insert_.reset();
  connection_.reset();
}

}  // namespace sluice

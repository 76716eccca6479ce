// reference: the value must exist in another table (or query) of a connection, e.g.
// orders.customer_id in customers.id. The keys are read once, through ODBC, into a hash set.
#include <sql.h>
#include <sqlext.h>

#include <unordered_set>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/dialect.h"
#include "connectors/odbc/odbc_handles.h"
#include "pipeline/errors.h"
#include "pipeline/value_cast.h"
#include "transforms/rule.h"

namespace sluice {
namespace {

// Keys as canonical text, so an integer column matches an integer key read as text.
std::unordered_set<std::string> LoadKeys(const std::string& connection, const std::string& sql,
                                         const std::string& where) {
  Dialect dialect = DetectDialect(connection);
  std::unordered_set<std::string> keys;
  try {
    OdbcConnection conn(dialect.TuneConnectionString(connection), MaskConnectionString(connection));
    OdbcStatement stmt(conn);
    OdbcCheck(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                            SQL_NTS),
              SQL_HANDLE_STMT, stmt.get(), "reading the reference keys");
    std::string value;
    char buf[4096];
    for (;;) {
      SQLRETURN rc = SQLFetch(stmt.get());
      if (rc == SQL_NO_DATA) break;
      OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), "reading the reference keys");
      value.clear();
      SQLLEN len = 0;
      for (;;) {
        rc = SQLGetData(stmt.get(), 1, SQL_C_CHAR, buf, sizeof buf, &len);
        if (rc == SQL_NO_DATA) break;
        OdbcCheck(rc, SQL_HANDLE_STMT, stmt.get(), "reading the reference keys");
        if (len == SQL_NULL_DATA) break;
        size_t got = (len == SQL_NO_TOTAL || len >= static_cast<SQLLEN>(sizeof buf))
                         ? sizeof buf - 1
                         : static_cast<size_t>(len);
        value.append(buf, got);
        if (rc == SQL_SUCCESS) break;
      }
      if (len != SQL_NULL_DATA) keys.insert(value);
    }
  } catch (const OdbcError& e) {
    throw ConfigError(where, std::string("rule reference: ") + e.what());
  }
  return keys;
}

class ReferenceRule : public Rule {
 public:
  ReferenceRule(size_t column, std::unordered_set<std::string> keys, std::string target)
      : column_(column), keys_(std::move(keys)), target_(std::move(target)) {}

  bool Check(const Batch& b, size_t row, std::string& reason) override {
    const Column& c = b.columns[column_];
    if (c.IsNull(row)) return true;
    std::string scratch;
    std::string_view v;
    if (c.type.id == TypeId::kText) {
      v = c.text[row];
    } else if (c.type.id == TypeId::kDouble) {
      scratch = std::to_string(c.doubles[row]);
      v = scratch;
    } else {
      FormatInt(c.ints[row], c.type, scratch);
      v = scratch;
    }
    if (keys_.count(std::string(v))) return true;
    reason = "no matching key in " + target_ + ": '" + std::string(v.substr(0, 80)) + "'";
    return false;
  }

 private:
  size_t column_;
  std::unordered_set<std::string> keys_;
  std::string target_;
};

}  // namespace

void RegisterReferenceRule(RuleRegistry& registry) {
  registry.Register("reference", [](const std::vector<size_t>& cols, const Schema&,
                                    const Options& o) {
    o.RejectUnknown({"connection", "table", "column", "query"}, "rule reference");
    if (cols.size() != 1) throw ConfigError(o.where, "rule reference takes one column");
    auto connection = o.GetOptionalString("connection");
    if (!connection) throw ConfigError(o.where, "rule reference needs 'connection'");
    Dialect dialect = DetectDialect(*connection);
    std::string sql, target;
    if (auto query = o.GetOptionalString("query")) {
      if (o.Has("table") || o.Has("column")) {
        throw ConfigError(o.where, "rule reference takes a query or a table and column, not both");
      }
      sql = *query;
      target = "the reference query";
    } else {
      auto table = o.GetOptionalString("table");
      auto column = o.GetOptionalString("column");
      if (!table || !column)
        throw ConfigError(o.where, "rule reference needs 'table' and 'column' (or 'query')");
      // Identifiers are quoted by the dialect: no SQL is built from raw names.
      sql = "SELECT DISTINCT " + dialect.QuoteIdentifier(*column) + " FROM " +
            dialect.QuoteIdentifier(*table);
      target = *table + "." + *column;
    }
    return std::unique_ptr<Rule>(
        new ReferenceRule(cols[0], LoadKeys(*connection, sql, o.where), target));
  });
}

}  // namespace sluice

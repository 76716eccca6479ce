// Multi-table transfers: describe, order, create, load, index.
#include "jobs/table_transfer.h"

#include <algorithm>
#include <iostream>

#include "connectors/odbc/connection_string.h"
#include "connectors/odbc/odbc_catalog.h"
#include "connectors/odbc/odbc_checkpoint.h"
#include "connectors/odbc/table_ddl.h"
#include "jobs/exit_codes.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

// The partition under which a transfer keeps its overall state.
constexpr char kWholeTransfer[] = "*";

// sluice's own bookkeeping tables never move with `tables: all`.
bool IsSluiceTable(const std::string& name) {
  return name == "sluice_checkpoints" || name == "sluice_runs" || name == "data_quality_metrics";
}

std::vector<TableDescription> DescribeSourceTables(const JobSpec& job) {
  const std::string& conn = job.source.odbc.connection;
  const Dialect dialect = DetectDialect(conn);
  OdbcConnection source(dialect.TuneConnectionString(conn), MaskConnectionString(conn));
  std::vector<TableRef> refs;
  if (job.source.all_tables) {
    for (const TableRef& t : ListTables(source)) {
      if (t.type == "TABLE" && !IsSluiceTable(t.name)) refs.push_back(t);
    }
    if (refs.empty()) throw RunError("the source database has no tables to move");
  } else {
    for (const std::string& name : job.source.tables) refs.push_back(FindTable(source, name));
  }
  std::vector<TableDescription> described;
  for (const TableRef& ref : refs) described.push_back(DescribeTable(source, ref));
  return described;
}

// Creates the table like its source unless it is there (create: always replaces it).
void PrepareTargetTable(OdbcConnection& target, const Dialect& dialect, const JobSpec& job,
                        const TableDescription& source) {
  const std::string& name = source.table.name;
  bool exists = OdbcTableExists(target, name);
  if (exists && job.target.create == CreateMode::kAlways) {
    target.Execute("DROP TABLE " + dialect.QuoteIdentifier(name), "dropping table " + name);
    exists = false;
  }
  if (exists) return;
  if (job.target.create == CreateMode::kNever) {
    throw RunError("target table " + name + " does not exist (set create: if_missing)");
  }
  target.Execute(CreateTableLike(dialect, name, source), "creating table " + name);
}

// The source's indexes, after the load (building them once is cheaper than maintaining them
// row by row); those the target already has are left alone.
void CreateIndexes(OdbcConnection& target, const Dialect& dialect, const TableDescription& source) {
  const std::string& name = source.table.name;
  TableDescription existing = DescribeTable(target, FindTable(target, name));
  for (const std::string& sql : CreateIndexesLike(dialect, name, source)) {
    bool present =
        std::any_of(existing.indexes.begin(), existing.indexes.end(), [&](const IndexInfo& i) {
          return sql.find(dialect.QuoteIdentifier(i.name)) != std::string::npos;
        });
    if (!present) target.Execute(sql, "indexing table " + name);
  }
}

}  // namespace

int RunTableTransfer(const JobSpec& job, const PlanOverrides& overrides, bool quiet,
                     ResumePolicy resume) {
  const std::vector<TableDescription> tables = DescribeSourceTables(job);
  const DependencyOrder order = OrderByDependencies(tables);
  // Every table is checked before the first one moves.
  const bool upsert_on_primary_keys =
      job.target.mode == WriteMode::kUpsert && job.target.key.empty();
  for (const TableDescription& t : tables) {
    if (upsert_on_primary_keys && t.primary_key.empty()) {
      throw ConfigError(job.target.where, "mode: upsert needs target.key, and table " +
                                              t.table.name + " has no primary key to use instead");
    }
  }
  if (!order.cyclic.empty() && !quiet) {
    std::string list;
    for (const std::string& t : order.cyclic) list += (list.empty() ? "" : ", ") + t;
    std::cout << "sluice: foreign keys form a cycle among " << list
              << "; those tables load last, in name order\n";
  }

  const std::string& conn = job.target.connection;
  std::optional<Checkpoint> whole = StartingPoint(job, resume, quiet, kWholeTransfer);
  Checkpoint state;
  state.job = job.name;
  state.partition = kWholeTransfer;
  state.run_id = whole ? whole->run_id : NewRunId();
  if (!whole) SaveOdbcCheckpoint(conn, state);

  const Dialect dialect = DetectDialect(conn);
  OdbcConnection target(dialect.TuneConnectionString(conn), MaskConnectionString(conn));
  JobSpec per_table = job;
  per_table.target.create = CreateMode::kNever;  // created here, like the source
  for (const std::string& name : order.tables) {
    const TableDescription& source =
        *std::find_if(tables.begin(), tables.end(),
                      [&](const TableDescription& t) { return t.table.name == name; });
    JobSpec table_job = per_table;
    if (upsert_on_primary_keys) table_job.target.key = source.primary_key;
    PlanOverrides table_overrides = overrides;
    table_overrides.table = name;
    table_overrides.run_id = state.run_id;
    std::optional<Checkpoint> cp = ReadOdbcCheckpoint(conn, job.name, name);
    if (cp && cp->run_id == state.run_id) {
      if (cp->finished) {
        if (!quiet) std::cout << "sluice: " << name << " was moved before the interruption\n";
        state.rows_committed += cp->rows_committed;
        continue;
      }
      table_overrides.resume_from = cp;
    } else {
      PrepareTargetTable(target, dialect, job, source);
    }
    int code = RunWithRetries(table_job, table_overrides, quiet);
    if (code != kExitSuccess) return code;
    CreateIndexes(target, dialect, source);
    std::optional<Checkpoint> done = ReadOdbcCheckpoint(conn, job.name, name);
    if (done) state.rows_committed += done->rows_committed;
  }
  state.finished = true;
  SaveOdbcCheckpoint(conn, state);
  if (!quiet) {
    std::cout << "transfer " << job.name << ": " << order.tables.size() << " tables, "
              << state.rows_committed << " rows\n";
  }
  return kExitSuccess;
}

}  // namespace sluice

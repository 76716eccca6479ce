// The staging table and merge statement of the COPY writer's upsert.
#include "connectors/postgres/pg_upsert.h"

namespace sluice {

PgUpsertStatements PgUpsertSql(const Dialect& d, const std::string& table, const Schema& schema,
                               const std::vector<std::string>& key) {
  std::vector<std::string> names;
  for (const Field& f : schema.fields) names.push_back(f.name);
  const std::string columns = d.ColumnList(names);
  const std::string stage = d.QuoteIdentifier(kPgUpsertStage);
  const std::string target = d.QuoteIdentifier(table);

  PgUpsertStatements sql;
  // The target's types for the job's columns only, and no constraints: a column the job does
  // not write keeps the target's default, and a NOT NULL is the merge's to enforce.
  sql.create_stage = "CREATE TEMPORARY TABLE " + stage + " AS SELECT " + columns + " FROM " +
                     target + " WITH NO DATA; ALTER TABLE " + stage +
                     " ADD COLUMN sluice_arrival bigserial";
  const std::string key_list = d.ColumnList(key);
  const std::string action = d.UpsertAction(schema, key);
  sql.merge = "INSERT INTO " + target + " (" + columns + ") SELECT DISTINCT ON (" + key_list +
              ") " + columns + " FROM " + stage + " ORDER BY " + key_list +
              ", sluice_arrival DESC ON CONFLICT (" + key_list + ") DO " +
              (action.empty() ? "NOTHING" : "UPDATE SET " + action) + "; TRUNCATE " + stage;
  return sql;
}

}  // namespace sluice

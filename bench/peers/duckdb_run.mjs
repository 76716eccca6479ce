// Runs bench/peers/duckdb_cleanup.sql in an in-memory DuckDB on THREADS threads and prints
// {"seconds": S, "rows": N}: S times the query alone (not Node's start), as the DuckDB anchor did.
//   node duckdb_run.mjs INPUT.csv OUTPUT.csv THREADS
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, threads] = process.argv.slice(2);
if (!input || !output || !/^[1-9][0-9]*$/.test(threads ?? '')) {
  console.error('usage: node duckdb_run.mjs INPUT.csv OUTPUT.csv THREADS');
  process.exit(2);
}
const literal = (text) => `'${text.replaceAll("'", "''")}'`;
const sql = readFileSync(new URL('./duckdb_cleanup.sql', import.meta.url), 'utf8')
  .replaceAll('{{input}}', literal(input))
  .replaceAll('{{output}}', literal(output));

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const start = process.hrtime.bigint();
const result = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rows = Number(result.getRows()[0][0]);
console.log(JSON.stringify({ seconds: Number(seconds.toFixed(2)), rows }));

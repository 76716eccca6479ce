// PostgreSQL write speed: the clean customer rows of the example job (a CSV from
// sluice-gen-customers --expected) through PgCopySink, binary and text COPY, and through OdbcSink
// (psqlODBC), into a running server. SLUICE_BENCH_PG names the server (the ODBC connection
// string scripts/pg-server prints) and SLUICE_BENCH_CSV the rows; bench/pg-copy sets both,
// and times `psql \copy` of the same CSV as the peer.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "connectors/csv/csv_source.h"
#include "connectors/odbc/odbc_sink.h"
#include "connectors/postgres/pg_copy_sink.h"
#include "pipeline/value_cast.h"

namespace sluice {
namespace {

constexpr size_t kBatchRows = 8192;       // the example job's batch_size
constexpr uint64_t kCommitEvery = 50000;  // and its commit_every

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

Schema CustomerSchema() {
  auto t = [](const char* name) { return *ParseDataType(name); };
  return {{{"customer_id", t("integer")},
           {"name", t("text")},
           {"industry", t("text")},
           {"email", t("text")},
           {"phone", t("text")},
           {"annual_revenue", t("decimal(18,2)")},
           {"created_date", t("date")},
           {"active", t("integer")}}};
}

// The CSV's rows as typed batches, read once; the timer covers only the writing.
const std::vector<Batch>& Batches() {
  static const std::vector<Batch> batches = [] {
    const char* path = Env("SLUICE_BENCH_CSV");
    if (path == nullptr) throw std::runtime_error("SLUICE_BENCH_CSV is not set");
    const Schema schema = CustomerSchema();
    CsvOptions options;
    options.path = path;
    options.null_token = "\\N";  // how the generator writes NULL (psql \copy is told the same)
    CsvSource source(options);
    std::vector<Batch> out;
    for (bool more = true; more;) {
      Batch text;
      more = source.ReadNext(text, kBatchRows);
      if (text.num_rows() == 0) continue;
      Batch& b = out.emplace_back();
      b.schema = schema;
      b.columns.resize(schema.size());
      for (size_t c = 0; c < schema.size(); ++c) {
        Column& col = b.columns[c];
        col.type = schema.fields[c].type;
        const Column& in = text.columns[c];
        for (size_t r = 0; r < text.num_rows(); ++r) {
          std::string reason;
          int64_t v = 0;
          if (in.IsNull(r)) {
            col.AppendNull();
          } else if (col.type.IsText()) {
            col.AppendText(b.arena.Store(in.text[r]));
          } else if (CastToInt(in.text[r], col.type, v, reason)) {
            col.AppendInt(v);
          } else {
            throw std::runtime_error(reason);
          }
        }
      }
      b.states.assign(text.num_rows(), RowState::kKeep);
      b.origins.resize(text.num_rows());
    }
    return out;
  }();
  return batches;
}

// One load: a fresh table, every batch, a commit every kCommitEvery rows.
void Load(benchmark::State& state, const std::function<std::unique_ptr<Sink>()>& make) {
  const char* connection = Env("SLUICE_BENCH_PG");
  if (connection == nullptr || Env("SLUICE_BENCH_CSV") == nullptr) {
    state.SkipWithError("set SLUICE_BENCH_PG and SLUICE_BENCH_CSV (bench/pg-copy does)");
    return;
  }
  const std::vector<Batch>& batches = Batches();
  uint64_t rows = 0;
  for (auto _ : state) {
    std::unique_ptr<Sink> sink = make();
    sink->Open(CustomerSchema());
    sink->Begin();
    uint64_t since_commit = 0;
    for (const Batch& b : batches) {
      WriteResult r = sink->Write(b);
      if (!r.refused.empty()) throw std::runtime_error("refused: " + r.refused[0].reason);
      rows += r.rows_written;
      since_commit += r.rows_written;
      if (since_commit >= kCommitEvery) {
        sink->Commit(Checkpoint{});
        sink->Begin();
        since_commit = 0;
      }
    }
    sink->Commit(Checkpoint{});
    sink->Close();
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows));
}

void BM_PgCopySink(benchmark::State& state, bool binary) {
  Load(state, [binary] {
    PgCopySinkOptions o;
    o.connection = Env("SLUICE_BENCH_PG");
    o.table = binary ? "bench_copy_binary" : "bench_copy_text";
    o.create = CreateMode::kAlways;
    o.binary = binary;
    return std::make_unique<PgCopySink>(o);
  });
}
BENCHMARK_CAPTURE(BM_PgCopySink, binary, true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PgCopySink, text, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

void BM_OdbcSinkPostgres(benchmark::State& state) {
  Load(state, [] {
    OdbcSinkOptions o;
    o.connection = Env("SLUICE_BENCH_PG");
    o.table = "bench_odbc";
    o.create = CreateMode::kAlways;
    return std::make_unique<OdbcSink>(o);
  });
}
BENCHMARK(BM_OdbcSinkPostgres)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace sluice

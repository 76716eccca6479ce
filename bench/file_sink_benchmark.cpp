// File target speed: 1M customer-like rows (9 typed columns, some names needing quotes or
// non-ASCII) written through CsvFileSink and JsonFileSink, whole runs including fsync + rename.
// MB/s counts output bytes (compressed bytes for gzip), rows/s the rows written, both per
// wall-clock second (the fsync of ~100 MB is part of what a user waits for).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "connectors/file/csv_file_sink.h"
#include "connectors/file/json_file_sink.h"

namespace sluice {
namespace {

constexpr size_t kBatchRows = 10000;
constexpr size_t kBatches = 100;  // 1M rows per run

Schema CustomerSchema() {
  return Schema{{{"customer_id", {TypeId::kInteger}},
                 {"name", {TypeId::kText}},
                 {"industry", {TypeId::kText}},
                 {"email", {TypeId::kText}},
                 {"phone", {TypeId::kText}},
                 {"annual_revenue", {TypeId::kDecimal, 18, 2}},
                 {"created_date", {TypeId::kDate}},
                 {"active", {TypeId::kBoolean}},
                 {"last_updated", {TypeId::kTimestamp}}}};
}

// One batch of rows shaped like the example's clean customers, written kBatches times a run.
const Batch& CustomerBatch() {
  static const Batch batch = [] {
    static const char* const kNames[] = {"Stark Group, Inc.",  "Smörgås Group Co.",
                                         "Initech Labs GmbH",  "Acme \"Best\" Ltd",
                                         "Øresund Foods K.K.", "Globex Corporation"};
    static const char* const kIndustries[] = {"Public Sector", "Telecommunications", "Education",
                                              "Retail", "Software"};
    Batch b;
    b.schema = CustomerSchema();
    for (const Field& f : b.schema.fields) {
      Column c;
      c.type = f.type;
      b.columns.push_back(std::move(c));
    }
    uint64_t x = 42;
    for (size_t r = 0; r < kBatchRows; ++r) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const unsigned v = static_cast<unsigned>(x >> 33);
      b.columns[0].AppendInt(static_cast<int64_t>(100000 + r));
      b.columns[1].AppendText(b.arena.Store(kNames[v % 6]));
      b.columns[2].AppendText(kIndustries[v % 5]);
      b.columns[3].AppendText(b.arena.Store("user" + std::to_string(v % 100000) + "@example.com"));
      if (v % 10 == 0) {
        b.columns[4].AppendNull();
      } else {
        b.columns[4].AppendText(b.arena.Store("(503) " + std::to_string(200 + v % 800) + "-" +
                                              std::to_string(1000 + v % 9000)));
      }
      b.columns[5].AppendInt(static_cast<int64_t>(v % 100000000) * 7);
      b.columns[6].AppendInt(10000 + static_cast<int64_t>(v % 8000));
      b.columns[7].AppendInt(v % 10 != 0);
      b.columns[8].AppendInt((1700000000LL + v % 10000000) * 1000000 + (v % 3 == 0 ? v % 999 : 0));
      b.states.push_back(RowState::kKeep);
      b.origins.push_back({});
    }
    return b;
  }();
  return batch;
}

// A directory for the outputs, removed when the benchmark binary exits.
const std::string& OutputDir() {
  static const std::string dir = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sluice_file_sink_bench_XXXXXX").string();
    return std::string(::mkdtemp(pattern.data()));
  }();
  // Registered after `dir` is built, so it runs before `dir` is destroyed.
  static const bool cleanup = std::atexit([] { std::filesystem::remove_all(OutputDir()); }) == 0;
  (void)cleanup;
  return dir;
}

template <typename SinkT, typename OptionsT>
void RunSink(benchmark::State& state, OptionsT options) {
  const Batch& batch = CustomerBatch();
  const Schema schema = CustomerSchema();
  uint64_t rows = 0;
  for (auto _ : state) {
    SinkT sink(options);
    sink.Open(schema);
    sink.Begin();
    for (size_t i = 0; i < kBatches; ++i) rows += sink.Write(batch).rows_written;
    sink.Commit({});
    sink.Close();
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows));
  state.SetBytesProcessed(static_cast<int64_t>(std::filesystem::file_size(options.path)) *
                          state.iterations());
}

void BM_CsvFileSink(benchmark::State& state) {
  CsvWriteOptions options;
  options.path = OutputDir() + "/customers.csv";
  RunSink<CsvFileSink>(state, options);
}
BENCHMARK(BM_CsvFileSink)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_NdjsonFileSink(benchmark::State& state) {
  JsonWriteOptions options;
  options.path = OutputDir() + "/customers.ndjson";
  RunSink<JsonFileSink>(state, options);
}
BENCHMARK(BM_NdjsonFileSink)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CsvGzipFileSink(benchmark::State& state) {
  CsvWriteOptions options;
  options.path = OutputDir() + "/customers.csv.gz";
  options.gzip_level = static_cast<int>(state.range(0));
  RunSink<CsvFileSink>(state, options);
}
BENCHMARK(BM_CsvGzipFileSink)->Arg(1)->Arg(6)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace sluice

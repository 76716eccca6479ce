// CSV reading speed on a generated 100k-row, 12-column file (quoted fields, doubled quotes and
// a few embedded newlines): the splitter alone, the record reader alone, and CsvSource whole.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/csv/csv_record_reader.h"
#include "connectors/csv/csv_source.h"
#include "connectors/csv/csv_splitter.h"

namespace sluice {
namespace {

constexpr int kRows = 100000;

std::string GenerateCsv() {
  static const char* const kSectors[] = {"Retail", "\"Oil, Gas\"", "Software", "  health  "};
  std::string csv =
      "id,company_name,sector,primary_email,phone,annual_sales,created_timestamp,status,city,"
      "country,note,score\n";
  uint64_t x = 42;
  for (int i = 0; i < kRows; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const unsigned r = static_cast<unsigned>(x >> 33);
    csv += std::to_string(i) + ",";
    csv +=
        (r % 5 == 0) ? "\"Acme \"\"Best\"\" Ltd\"," : "Company " + std::to_string(r % 9973) + ",";
    csv += std::string(kSectors[r % 4]) + ",";
    csv += "user" + std::to_string(r % 100000) + "@example.com,";
    csv += "(555) 0" + std::to_string(100 + r % 900) + "-" + std::to_string(1000 + r % 9000) + ",";
    csv += "$" + std::to_string(r % 1000000) + ".50,";
    csv += "2021-0" + std::to_string(1 + r % 9) + "-1" + std::to_string(r % 10) + ",";
    csv += (r % 7 == 0) ? "inactive," : "active,";
    csv += "Springfield,US,";
    csv += (r % 50 == 0) ? "\"two\nlines\"," : ",";
    csv += std::to_string(r % 100) + "\n";
  }
  return csv;
}

const std::string& Csv() {
  static const std::string csv = GenerateCsv();
  return csv;
}

// The generated file on disk for as long as the benchmark binary runs.
const std::string& CsvPath() {
  static const std::string path = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sluice_csv_bench_XXXXXX").string();
    const std::string dir = ::mkdtemp(pattern.data());
    std::atexit(
        [] { std::filesystem::remove_all(std::filesystem::path(CsvPath()).parent_path()); });
    const std::string file = dir + "/customers.csv";
    std::ofstream(file, std::ios::binary) << Csv();
    return file;
  }();
  return path;
}

void BM_SplitCsvRecord(benchmark::State& state) {
  CsvOptions options;
  options.path = CsvPath();
  std::vector<std::string> records;
  {
    CsvRecordReader reader(options);
    CsvRecord record;
    while (reader.Next(record)) records.emplace_back(record.bytes);
  }
  StringArena arena;
  std::vector<CsvField> fields;
  size_t bytes = 0;
  for (const std::string& r : records) bytes += r.size() + 1;
  for (auto _ : state) {
    for (const std::string& r : records) {
      benchmark::DoNotOptimize(SplitCsvRecord(r, options, arena, fields));
    }
    arena.Reset();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_SplitCsvRecord)->Unit(benchmark::kMillisecond);

void BM_CsvRecordReader(benchmark::State& state) {
  CsvOptions options;
  options.path = CsvPath();
  for (auto _ : state) {
    CsvRecordReader reader(options);
    CsvRecord record;
    size_t n = 0;
    while (reader.Next(record)) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Csv().size()));
}
BENCHMARK(BM_CsvRecordReader)->Unit(benchmark::kMillisecond);

// Arg: 1 validates UTF-8 (the default), 0 does not.
void BM_CsvSourceReadAll(benchmark::State& state) {
  CsvOptions options;
  options.path = CsvPath();
  options.validate_utf8 = state.range(0) != 0;
  Batch batch;
  for (auto _ : state) {
    CsvSource source(options);
    size_t rows = 0;
    for (;;) {
      batch.Clear();
      if (!source.ReadNext(batch, 4096)) break;
      rows += batch.num_rows();
    }
    if (rows != kRows) state.SkipWithError("wrong row count");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Csv().size()));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * kRows,
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CsvSourceReadAll)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sluice

// JSON reading speed on a generated 100k-row NDJSON file of customers (13 fields, a nested
// address, escapes in some strings): JsonSource whole, with the columns taken from the first
// document or listed with nested paths, and the same documents as one pretty-printed array.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/json/json_source.h"

namespace sluice {
namespace {

constexpr int kRows = 100000;

std::string Customer(int i, uint64_t& x) {
  static const char* const kSectors[] = {"Retail", "Oil \\u0026 Gas", "Software", "  health  "};
  x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  const unsigned r = static_cast<unsigned>(x >> 33);
  std::string row = "{\"id\":" + std::to_string(i);
  row += ",\"company_name\":\"" +
         std::string(r % 5 == 0 ? "Acme \\\"Best\\\" Ltd" : "Company " + std::to_string(r % 9973)) +
         "\"";
  row += ",\"sector\":\"" + std::string(kSectors[r % 4]) + "\"";
  row += ",\"primary_email\":\"user" + std::to_string(r % 100000) + "@example.com\"";
  row += ",\"phone\":\"(555) 0" + std::to_string(100 + r % 900) + "-" +
         std::to_string(1000 + r % 9000) + "\"";
  row += ",\"annual_sales\":" + std::to_string(r % 1000000) + ".50";
  row += ",\"created_timestamp\":\"2021-0" + std::to_string(1 + r % 9) + "-1" +
         std::to_string(r % 10) + "T08:30:00Z\"";
  row += ",\"status\":\"" + std::string(r % 7 == 0 ? "inactive" : "active") + "\"";
  row += ",\"address\":{\"street\":\"" + std::to_string(r % 999) +
         " Main St\",\"city\":\"Springfield\",\"country\":\"US\"}";
  row += ",\"tags\":[\"a\",\"b\"]";
  row += ",\"verified\":" + std::string(r % 2 == 0 ? "true" : "false");
  row += ",\"note\":" + std::string(r % 50 == 0 ? "\"two\\nlines\"" : "null");
  row += ",\"score\":" + std::to_string(r % 100) + "}";
  return row;
}

std::string Generate(bool array) {
  std::string out = array ? "[\n" : "";
  uint64_t x = 42;
  for (int i = 0; i < kRows; ++i) {
    if (array) out += i == 0 ? "  " : ",\n  ";
    out += Customer(i, x);
    if (!array) out += "\n";
  }
  if (array) out += "\n]\n";
  return out;
}

struct BenchFile {
  std::string path;
  size_t bytes = 0;
};

// The generated file on disk for as long as the benchmark binary runs.
const BenchFile& File(bool array) {
  static const std::string dir = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sluice_json_bench_XXXXXX").string();
    std::string made = ::mkdtemp(pattern.data());
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(std::filesystem::path(File(false).path).parent_path(), ec);
    });
    return made;
  }();
  static const BenchFile ndjson = [] {
    const std::string content = Generate(false);
    const std::string path = dir + "/customers.ndjson";
    std::ofstream(path, std::ios::binary) << content;
    return BenchFile{path, content.size()};
  }();
  static const BenchFile json = [] {
    const std::string content = Generate(true);
    const std::string path = dir + "/customers.json";
    std::ofstream(path, std::ios::binary) << content;
    return BenchFile{path, content.size()};
  }();
  return array ? json : ndjson;
}

void ReadAll(benchmark::State& state, const JsonOptions& options, size_t bytes) {
  Batch batch;
  for (auto _ : state) {
    JsonSource source(options);
    size_t rows = 0;
    for (;;) {
      batch.Clear();
      if (!source.ReadNext(batch, 4096)) break;
      rows += batch.num_rows() - batch.CountState(RowState::kRejected);
    }
    if (rows != kRows) state.SkipWithError("wrong row count");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * kRows,
                                                benchmark::Counter::kIsRate);
}

// Every top-level key a column (address and tags as JSON text).
void BM_JsonSourceNdjsonAllKeys(benchmark::State& state) {
  JsonOptions options;
  options.path = File(false).path;
  ReadAll(state, options, File(false).bytes);
}
BENCHMARK(BM_JsonSourceNdjsonAllKeys)->Unit(benchmark::kMillisecond);

// Eight listed columns, two of them nested paths.
void BM_JsonSourceNdjsonListedPaths(benchmark::State& state) {
  JsonOptions options;
  options.path = File(false).path;
  options.columns = {{"id", "", false},
                     {"name", "company_name", false},
                     {"email", "primary_email", false},
                     {"phone", "", false},
                     {"sales", "annual_sales", false},
                     {"city", "address.city", false},
                     {"tag", "tags[0]", false},
                     {"status", "", false}};
  ReadAll(state, options, File(false).bytes);
}
BENCHMARK(BM_JsonSourceNdjsonListedPaths)->Unit(benchmark::kMillisecond);

void BM_JsonSourceArrayAllKeys(benchmark::State& state) {
  JsonOptions options;
  options.path = File(true).path;
  ReadAll(state, options, File(true).bytes);
}
BENCHMARK(BM_JsonSourceArrayAllKeys)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sluice

// Data-quality metrics throughput: ColumnMetrics::ObserveColumn over one 8192-row batch, as the
// validation stage runs it (a fresh state per batch), and the aggregator's merge of that state.
// items_per_second is values per second on one core.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/batch.h"
#include "pipeline/metrics/column_metrics.h"
#include "pipeline/types.h"

namespace sluice {
namespace {

constexpr size_t kRows = 8192;

uint64_t SplitMix(uint64_t& state) {  // so every run measures the same values
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// ~5% rows rejected earlier, ~3% NULL.
std::vector<RowState> States() {
  uint64_t seed = 1;
  std::vector<RowState> states(kRows, RowState::kKeep);
  for (RowState& s : states) {
    if (SplitMix(seed) % 20 == 0) s = RowState::kRejected;
  }
  return states;
}

// A text column of `distinct` values: short names (8-16 bytes) when few, emails when many.
struct TextColumn {
  std::vector<std::string> storage;
  Column column;

  explicit TextColumn(size_t distinct) {
    static const char* const kNames[] = {"Acme",  "Globex", "Initech",   "Umbrella", "Stark",
                                         "Wayne", "Tyrell", "Cyberdyne", "Soylent",  "Hooli"};
    uint64_t seed = 2;
    storage.reserve(kRows);
    for (size_t r = 0; r < kRows; ++r) {
      const uint64_t i = SplitMix(seed) % distinct;
      if (distinct <= 1000) {
        storage.push_back(std::string(kNames[i % 10]) + " " + std::to_string(i));
      } else {
        storage.push_back("customer." + std::to_string(i) + "@example.com");
      }
    }
    column.type = DataType{TypeId::kText};
    for (size_t r = 0; r < kRows; ++r) {
      if (SplitMix(seed) % 33 == 0) {
        column.AppendNull();
      } else {
        column.AppendText(storage[r]);
      }
    }
  }
};

Column IntColumn(size_t distinct, DataType type) {
  uint64_t seed = 3;
  Column column;
  column.type = type;
  for (size_t r = 0; r < kRows; ++r) {
    if (SplitMix(seed) % 33 == 0) {
      column.AppendNull();
    } else {
      column.AppendInt(static_cast<int64_t>(SplitMix(seed) % distinct) - 1000);
    }
  }
  return column;
}

void Observe(benchmark::State& state, const Column& column) {
  const std::vector<RowState> states = States();
  for (auto _ : state) {
    ColumnMetrics metrics(column.type);
    metrics.ObserveColumn(column, states);
    benchmark::DoNotOptimize(metrics.rows());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
}

void BM_ObserveTextColumn(benchmark::State& state) {
  const TextColumn text(static_cast<size_t>(state.range(0)));
  Observe(state, text.column);
}
BENCHMARK(BM_ObserveTextColumn)->ArgName("distinct")->Arg(100)->Arg(1000000);

void BM_ObserveIntegerColumn(benchmark::State& state) {
  Observe(state, IntColumn(static_cast<size_t>(state.range(0)), DataType{TypeId::kInteger}));
}
BENCHMARK(BM_ObserveIntegerColumn)->ArgName("distinct")->Arg(100)->Arg(1000000000);

void BM_ObserveDecimalColumn(benchmark::State& state) {
  Observe(state, IntColumn(100000000, DataType{TypeId::kDecimal, 18, 2}));
}
BENCHMARK(BM_ObserveDecimalColumn);

void BM_ObserveDoubleColumn(benchmark::State& state) {
  uint64_t seed = 4;
  Column column;
  column.type = DataType{TypeId::kDouble};
  for (size_t r = 0; r < kRows; ++r)
    column.AppendDouble(static_cast<double>(SplitMix(seed) % 100000) / 7);
  Observe(state, column);
}
BENCHMARK(BM_ObserveDoubleColumn);

// The serial aggregator's share: merging one batch's state into the run's.
void BM_MergeTextBatchState(benchmark::State& state) {
  const TextColumn text(static_cast<size_t>(state.range(0)));
  ColumnMetrics batch(text.column.type);
  batch.ObserveColumn(text.column, States());
  ColumnMetrics run(text.column.type);
  for (auto _ : state) {
    run.Merge(batch);
    benchmark::DoNotOptimize(run.rows());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
}
BENCHMARK(BM_MergeTextBatchState)->ArgName("distinct")->Arg(100)->Arg(1000000);

}  // namespace
}  // namespace sluice

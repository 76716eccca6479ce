// Micro-benchmarks of the money and date normalizers on realistic mixes of legacy values; each
// reports values per second (items_per_second). The date mixes run with the hand-written fast
// path and with date::parse alone, to show what the fast path buys.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "transforms/date_normalizer.h"
#include "transforms/money_normalizer.h"

namespace sluice {
namespace {

// What an annual_sales column of a legacy CRM export looks like, garbage included.
const std::vector<std::string> kMoneyMix = {
    "$1,234.56", "1234.56",  "1.2M",    "(1,000)", "€ 99.90", "USD 12,000", "-45.10",
    "2.5bn",     "n/a",      "  350 ",  "1,000-",  "0.99",    "£7,500",     "120K",
    "3 400 000", "1'234.50", "$ 15.00", "250000",  "12abc",   "JPY 1000",
};

const std::vector<std::string> kDateMix = {
    "2021-03-04", "03/04/2021",  "04-Mar-2021",          "2021/03/04",          "2019-12-31",
    "12/31/2019", "31-Dec-2019", "2019/12/31",           "2020-02-29",          "7/4/1999",
    "2021-02-30", "n/a",         "2021-03-04T10:11:12Z", "2021-03-04 10:11:12", "15-jan-2020",
    "2000-01-01",
};

const std::vector<std::string> kIsoMix = {
    "2021-03-04T10:11:12Z",      "2021-03-04T10:11:12.123456Z", "2021-03-04 10:11:12",
    "2021-03-04T10:11:12+02:00", "2021-03-04T10:11:12-0500",    "2021-03-04",
    "2021-03-04T10:11",          "2021-13-04T10:11:12Z",
};

void RunMoney(benchmark::State& state, const MoneyNormalizer& normalizer,
              const std::vector<std::string>& values) {
  std::string out, reason;
  std::string_view currency;
  for (auto _ : state) {
    for (const std::string& value : values) {
      benchmark::DoNotOptimize(normalizer.Normalize(value, out, reason, &currency));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * values.size()));
}

void RunDates(benchmark::State& state, const DateNormalizer& normalizer,
              const std::vector<std::string>& values) {
  std::string out, reason;
  for (auto _ : state) {
    for (const std::string& value : values) {
      benchmark::DoNotOptimize(normalizer.Normalize(value, out, reason));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * values.size()));
}

DateOptions LegacyFormats(bool fast_path) {
  DateOptions options;
  options.formats = {"%Y-%m-%d", "%m/%d/%Y", "%d-%b-%Y", "%Y/%m/%d"};
  options.fast_path = fast_path;
  return options;
}

void BM_MoneyMix(benchmark::State& state) {
  MoneyNormalizer normalizer({});
  RunMoney(state, normalizer, kMoneyMix);
}
BENCHMARK(BM_MoneyMix);

void BM_MoneyPlainDecimal(benchmark::State& state) {
  MoneyNormalizer normalizer({});
  RunMoney(state, normalizer, {"1234.56", "99.9", "1000000", "0.01"});
}
BENCHMARK(BM_MoneyPlainDecimal);

void BM_DateLegacyMixFastPath(benchmark::State& state) {
  DateNormalizer normalizer(LegacyFormats(true));
  RunDates(state, normalizer, kDateMix);
}
BENCHMARK(BM_DateLegacyMixFastPath);

void BM_DateLegacyMixDateParseOnly(benchmark::State& state) {
  DateNormalizer normalizer(LegacyFormats(false));
  RunDates(state, normalizer, kDateMix);
}
BENCHMARK(BM_DateLegacyMixDateParseOnly);

void BM_DateFirstFormatHit(benchmark::State& state) {
  DateNormalizer normalizer(LegacyFormats(true));
  RunDates(state, normalizer, {"2021-03-04", "1999-12-31", "2020-02-29", "2000-01-01"});
}
BENCHMARK(BM_DateFirstFormatHit);

void BM_TimestampIsoMix(benchmark::State& state) {
  DateOptions options;
  options.output = DateOptions::Output::kTimestamp;
  DateNormalizer normalizer(options);
  RunDates(state, normalizer, kIsoMix);
}
BENCHMARK(BM_TimestampIsoMix);

void BM_TimestampIsoMixBetweenZones(benchmark::State& state) {
  DateOptions options;
  options.output = DateOptions::Output::kTimestamp;
  options.source_tz = "America/New_York";
  options.target_tz = "Europe/Berlin";
  DateNormalizer normalizer(options);
  RunDates(state, normalizer, kIsoMix);
}
BENCHMARK(BM_TimestampIsoMixBetweenZones);

}  // namespace
}  // namespace sluice

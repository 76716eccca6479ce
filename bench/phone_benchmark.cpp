// Phone normalization throughput on a realistic column: mostly US numbers in the shapes legacy
// files hold, some with extensions, some invalid, a few vanity and international numbers.
// items_per_second is values per second on one core, fast path on and off.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "transforms/phone_normalizer.h"

namespace sluice {
namespace {

class RealisticPhones {
 public:
  std::vector<std::string> Make(size_t count) {
    std::vector<std::string> values;
    values.reserve(count);
    for (size_t i = 0; i < count; ++i) values.push_back(Next());
    return values;
  }

 private:
  uint64_t Rand() {  // splitmix64, so every run measures the same values
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Pick(size_t n) { return static_cast<size_t>(Rand() % n); }
  std::string Digits(int n, char first_min = '0') {
    std::string s;
    for (int i = 0; i < n; ++i) {
      char lo = i == 0 ? first_min : '0';
      s.push_back(static_cast<char>(lo + Pick(static_cast<size_t>('9' - lo + 1))));
    }
    return s;
  }

  std::string Next() {
    size_t kind = Pick(100);
    if (kind < 85) return UsNumber();
    if (kind < 93) return UsNumber() + Extension();
    if (kind < 98) return Invalid();
    if (kind < 99) return Vanity();
    return International();
  }

  std::string UsNumber() {
    static const char* const kAreas[] = {"212", "213", "305", "312", "404", "415", "469", "503",
                                         "602", "617", "646", "702", "713", "718", "786", "801",
                                         "817", "832", "917", "972", "416", "604", "800", "888"};
    std::string a = kAreas[Pick(std::size(kAreas))];
    std::string e = Digits(3, '2');
    std::string l = Digits(4);
    switch (Pick(10)) {
      case 0:
        return "(" + a + ") " + e + "-" + l;
      case 1:
        return a + "-" + e + "-" + l;
      case 2:
        return a + "." + e + "." + l;
      case 3:
        return a + " " + e + " " + l;
      case 4:
        return a + e + l;
      case 5:
        return "1-" + a + "-" + e + "-" + l;
      case 6:
        return "+1 " + a + " " + e + " " + l;
      case 7:
        return "+1" + a + e + l;
      case 8:
        return "+1 (" + a + ") " + e + "-" + l;
      default:
        return "1 (" + a + ") " + e + "-" + l;
    }
  }

  std::string Extension() {
    static const char* const kLabels[] = {" x", " ext. ", " #", " ext ", "x"};
    return kLabels[Pick(std::size(kLabels))] + Digits(1 + static_cast<int>(Pick(4)));
  }

  std::string Invalid() {
    switch (Pick(7)) {
      case 0:
        return Digits(3, '2') + "-" + Digits(4);  // no area code
      case 1:
        return "911-" + Digits(3, '2') + "-" + Digits(4);
      case 2:
        return "212-" + Digits(3, '2') + "-" + Digits(3);  // a digit short
      case 3:
        return "n/a";
      case 4:
        return "";
      case 5:
        return "000-000-0000";
      default:
        return "(0" + Digits(2) + ") 555-" + Digits(4);  // no area code starts with 0
    }
  }

  std::string Vanity() {
    static const char* const kWords[] = {"FLOWERS", "GOT-JUNK", "CALL-ATT", "PIZZA-42"};
    return "1-800-" + std::string(kWords[Pick(std::size(kWords))]);
  }

  std::string International() {
    static const char* const kNumbers[] = {"+44 20 7946 0958",  "+49 30 901820",
                                           "+33 1 42 68 53 00", "+81 3-3224-5000",
                                           "+61 2 9374 4000",   "011 44 20 7946 0958"};
    return kNumbers[Pick(std::size(kNumbers))];
  }

  uint64_t state_ = 42;
};

const std::vector<std::string>& Values() {
  static const std::vector<std::string> values = RealisticPhones().Make(100000);
  return values;
}

void BM_PhoneNormalize(benchmark::State& state, bool fast_path, PhoneFormat format) {
  const auto& values = Values();
  PhoneOptions options;
  options.format = format;
  options.fast_path = fast_path;
  const PhoneNormalizer normalizer(options);
  std::string out;
  std::string reason;
  size_t i = 0;
  for (auto _ : state) {
    bool ok = normalizer.Normalize(values[i], out, reason);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out.data());
    if (++i == values.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

BENCHMARK_CAPTURE(BM_PhoneNormalize, fast_national, true, PhoneFormat::kNational);
BENCHMARK_CAPTURE(BM_PhoneNormalize, library_national, false, PhoneFormat::kNational);
BENCHMARK_CAPTURE(BM_PhoneNormalize, fast_e164, true, PhoneFormat::kE164);
BENCHMARK_CAPTURE(BM_PhoneNormalize, library_e164, false, PhoneFormat::kE164);

}  // namespace
}  // namespace sluice

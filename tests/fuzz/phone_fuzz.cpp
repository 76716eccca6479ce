// libFuzzer target: arbitrary bytes through the phone normalizer with the fast path on and with
// the library alone; any difference in verdict, output or reason aborts with both answers.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "transforms/phone_normalizer.h"

namespace {

struct NormalizerPair {
  sluice::PhoneNormalizer fast;
  sluice::PhoneNormalizer library;
};

// Every option combination the fast path serves: US and CA, each format, extensions kept or not.
const std::vector<NormalizerPair>& Pairs() {
  static const auto* pairs = [] {
    auto* out = new std::vector<NormalizerPair>();
    for (const char* region : {"US", "CA"}) {
      for (auto format : {sluice::PhoneFormat::kE164, sluice::PhoneFormat::kInternational,
                          sluice::PhoneFormat::kNational, sluice::PhoneFormat::kRfc3966}) {
        for (bool keep : {true, false}) {
          sluice::PhoneOptions options;
          options.region = region;
          options.format = format;
          options.keep_extension = keep;
          sluice::PhoneOptions library = options;
          library.fast_path = false;
          out->push_back({sluice::PhoneNormalizer(options), sluice::PhoneNormalizer(library)});
        }
      }
    }
    return out;
  }();
  return *pairs;
}

std::string Answer(bool ok, const std::string& out, const std::string& reason) {
  return ok ? "ok: " + out : "invalid: " + reason;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the options; the rest is the value.
  const NormalizerPair& pair = Pairs()[data[0] % Pairs().size()];
  std::string_view value(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string out;
  std::string reason;
  bool ok = pair.fast.Normalize(value, out, reason);
  // A value the fast path does not cover already went through the library code above.
  if (!pair.fast.FastPathCovers(value)) return 0;
  std::string library_out;
  std::string library_reason;
  bool library_ok = pair.library.Normalize(value, library_out, library_reason);
  std::string fast_answer = Answer(ok, out, reason);
  std::string library_answer = Answer(library_ok, library_out, library_reason);
  if (fast_answer != library_answer) {
    std::fprintf(stderr, "phone fast path differs from libphonenumber (options #%u)\n",
                 static_cast<unsigned>(data[0] % Pairs().size()));
    std::fprintf(stderr, "  input:   '%.*s'\n  fast:    %s\n  library: %s\n",
                 static_cast<int>(value.size()), value.data(), fast_answer.c_str(),
                 library_answer.c_str());
    std::abort();
  }
  return 0;
}

// libFuzzer target: arbitrary bytes through every generic text transform. None may crash, and
// valid UTF-8 in must give valid UTF-8 out (and, where a transform promises it, a view into the
// input or the same number of characters).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "transforms/registry.h"
#include "transforms/text_transforms.h"
#include "transforms/text_utf8.h"

namespace sluice {
namespace {

OptionValue Scalar(std::string value) {
  OptionValue v;
  v.items = {std::move(value)};
  return v;
}

struct Fuzzed {
  ValueTransformPtr transform;
  bool keeps_length;  // output has as many code points as the input
  bool gives_view;    // output is a view into the input
};

std::vector<Fuzzed> MakeTransforms() {
  setenv("SLUICE_FUZZ_SALT", "fuzz salt", 1);
  TransformRegistry registry;
  RegisterTextTransforms(registry);
  auto make = [&](const std::string& name, std::map<std::string, OptionValue> values) {
    Options options;
    options.values = std::move(values);
    return registry.Create(name, options);
  };
  OptionValue mapping;
  mapping.is_map = true;
  mapping.mapping = {{"a", "\u00E9"}, {"\u00C9", "b"}};
  std::vector<Fuzzed> all;
  all.push_back({make("trim", {}), false, true});
  all.push_back({make("collapse_whitespace", {}), false, false});
  all.push_back({make("lower", {}), true, false});
  all.push_back({make("upper", {}), true, false});
  all.push_back({make("title", {}), true, false});
  all.push_back({make("default", {{"value", Scalar("Unknown")}}), false, false});
  all.push_back(
      {make("null_if", {{"values", Scalar("N/A")}, {"regex", Scalar("(a|b)*c?")}}), false, true});
  all.push_back({make("regex_replace",
                      {{"pattern", Scalar("\\s+|(x)(y)?")}, {"replacement", Scalar("[$1$2$&]")}}),
                 false, false});
  all.push_back(
      {make("substring", {{"start", Scalar("-5")}, {"length", Scalar("3")}}), false, true});
  all.push_back(
      {make("map", {{"values", mapping}, {"ignore_case", Scalar("true")}}), false, false});
  all.push_back({make("hash", {{"salt_env", Scalar("SLUICE_FUZZ_SALT")}}), false, false});
  all.push_back(
      {make("mask", {{"keep_last", Scalar("2")}, {"char", Scalar("\u2022")}}), true, false});
  return all;
}

bool IsViewInto(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace
}  // namespace sluice

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice;
  static const std::vector<Fuzzed> transforms = MakeTransforms();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool valid = IsValidUtf8(input);
  std::string scratch;
  for (const auto& fuzzed : transforms) {
    ValueOutcome outcome = fuzzed.transform->Apply({input, false}, scratch);
    if (outcome.kind != ValueOutcome::kOk) continue;
    if (!valid) continue;
    if (!IsValidUtf8(outcome.value)) std::abort();
    if (fuzzed.keeps_length && CountCodePoints(outcome.value) != CountCodePoints(input)) {
      std::abort();
    }
    if (fuzzed.gives_view && !IsViewInto(outcome.value, input)) std::abort();
  }
  for (const auto& fuzzed : transforms) {
    if (fuzzed.transform->AcceptsNull()) fuzzed.transform->Apply({{}, true}, scratch);
  }
  return 0;
}

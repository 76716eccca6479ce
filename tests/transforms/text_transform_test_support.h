// Helpers for the text transform tests: Options built in code (as the job loader would build
// them) and a table runner that sends each input through a freshly created transform.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/errors.h"
#include "transforms/registry.h"
#include "transforms/text_transforms.h"

// A namespace of their own: every test shares one binary, and inline helpers of the same name
// elsewhere would silently clash.
namespace sluice::text_test {

inline OptionValue Scalar(std::string value, std::string where = "job.yaml:9:9") {
  OptionValue v;
  v.items = {std::move(value)};
  v.where = std::move(where);
  return v;
}

inline OptionValue ListOf(std::vector<std::string> items, std::string where = "job.yaml:9:9") {
  OptionValue v;
  v.items = std::move(items);
  v.is_list = true;
  v.where = std::move(where);
  return v;
}

inline OptionValue MappingOf(std::map<std::string, std::string> mapping,
                             std::string where = "job.yaml:9:9") {
  OptionValue v;
  v.mapping = std::move(mapping);
  v.is_map = true;
  v.where = std::move(where);
  return v;
}

inline Options MakeOptions(std::map<std::string, OptionValue> values = {},
                           std::string where = "job.yaml:3:5") {
  Options options;
  options.where = std::move(where);
  options.values = std::move(values);
  return options;
}

// What a transform made of one value, spelled so a failing case prints readably.
inline std::string Gives(const std::string& text) { return "ok [" + text + "]"; }
inline std::string GivesNull() { return "null"; }
inline std::string Refuses(const std::string& reason) { return "invalid: " + reason; }

inline const std::optional<std::string> kNullInput = std::nullopt;

struct TextCase {
  std::optional<std::string> input;  // nullopt: a NULL value
  std::string expected;              // Gives(...), GivesNull() or Refuses(...)
};

inline TransformRegistry TextRegistry() {
  TransformRegistry registry;
  RegisterTextTransforms(registry);
  return registry;
}

// Runs `input` the way the pipeline does: a NULL reaches only transforms that accept NULL.
// The scratch starts dirty so that a transform which forgets to clear it is caught.
inline std::string RunValue(const ValueTransform& transform,
                            const std::optional<std::string>& input) {
  if (!input && !transform.AcceptsNull()) return GivesNull();
  std::string scratch = "dirty scratch";
  Value value{input ? std::string_view(*input) : std::string_view(), !input.has_value()};
  ValueOutcome outcome = transform.Apply(value, scratch);
  switch (outcome.kind) {
    case ValueOutcome::kOk:
      return Gives(std::string(outcome.value));
    case ValueOutcome::kNull:
      return GivesNull();
    case ValueOutcome::kInvalid:
      break;
  }
  return Refuses(outcome.reason);
}

inline void ExpectCases(const std::string& name, const Options& options,
                        const std::vector<TextCase>& cases) {
  TransformRegistry registry = TextRegistry();
  ValueTransformPtr transform = registry.Create(name, options);
  ASSERT_NE(transform, nullptr);
  EXPECT_EQ(transform->Name(), name);
  for (const auto& c : cases) {
    EXPECT_EQ(RunValue(*transform, c.input), c.expected)
        << name << " of " << (c.input ? "'" + *c.input + "'" : std::string("NULL"));
  }
}

// The message of the ConfigError that creating `name` with `options` throws, or "no error".
inline std::string ConfigErrorOf(const std::string& name, const Options& options) {
  try {
    TextRegistry().Create(name, options);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace sluice::text_test

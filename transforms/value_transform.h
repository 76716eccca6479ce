// A transform that rewrites one value at a time (trim, phone, revenue, date, ...). The pipeline
// runs it over a text column; a value it cannot handle becomes a verdict on its row, decided
// by the transform's on_invalid policy, never an exception per row.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sluice {

enum class InvalidPolicy { kReject, kNull, kKeep, kFail };

struct Value {
  std::string_view text;
  bool is_null = false;
};

struct ValueOutcome {
  enum Kind { kOk, kNull, kInvalid } kind = kOk;
  // For kOk: the new value. It may point into the input, into the transform's static data, or
  // into `scratch`; the pipeline copies it into the batch arena when it points into scratch.
  std::string_view value;
  std::string reason;  // for kInvalid: what a user can act on ("no digits", "day 30 of February")

  static ValueOutcome Ok(std::string_view v) { return {kOk, v, {}}; }
  static ValueOutcome Null() { return {kNull, {}, {}}; }
  static ValueOutcome Invalid(std::string why) { return {kInvalid, {}, std::move(why)}; }
};

class ValueTransform {
 public:
  virtual ~ValueTransform() = default;
  // The registry name ("trim", "phone"), used as the rule name of its rejections.
  virtual std::string_view Name() const = 0;
  // Whether Apply wants NULL values too (default, coalesce); others never see them.
  virtual bool AcceptsNull() const { return false; }
  // Must be thread-safe: the transform stage calls it from several threads at once.
  virtual ValueOutcome Apply(Value in, std::string& scratch) const = 0;
  // What happens to a value Apply calls invalid.
  InvalidPolicy on_invalid = InvalidPolicy::kReject;
};

using ValueTransformPtr = std::unique_ptr<const ValueTransform>;

}  // namespace sluice

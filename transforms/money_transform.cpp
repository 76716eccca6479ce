// The `revenue` / `money` transform: MoneyNormalizer behind ValueTransform, with its job-file
// options (scale, precision, decimal, rounding, dollar, on_invalid) checked where they are written.
#include <memory>
#include <string>

#include "pipeline/errors.h"
#include "transforms/money_normalizer.h"
#include "transforms/registry.h"

namespace sluice {
namespace {

class MoneyTransform final : public ValueTransform {
 public:
  MoneyTransform(std::string name, MoneyOptions options)
      : name_(std::move(name)), normalizer_(std::move(options)) {}

  std::string_view Name() const override { return name_; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string reason;
    if (normalizer_.Normalize(in.text, scratch, reason)) return ValueOutcome::Ok(scratch);
    return ValueOutcome::Invalid(std::move(reason));
  }

 private:
  std::string name_;
  MoneyNormalizer normalizer_;
};

MoneyOptions ReadMoneyOptions(const Options& options) {
  MoneyOptions money;
  money.scale = static_cast<int>(options.GetInt("scale", money.scale));
  money.precision = static_cast<int>(options.GetInt("precision", money.precision));
  std::string decimal = options.GetString("decimal", ".");
  if (decimal != "." && decimal != ",") {
    throw ConfigError(options.WhereOf("decimal"),
                      "decimal must be '.' or ',', got '" + decimal + "'");
  }
  money.decimal = decimal.front();
  std::string rounding = options.GetString("rounding", "half_up");
  if (rounding == "half_up") {
    money.rounding = MoneyOptions::Rounding::kHalfUp;
  } else if (rounding == "half_even") {
    money.rounding = MoneyOptions::Rounding::kHalfEven;
  } else if (rounding == "reject") {
    money.rounding = MoneyOptions::Rounding::kReject;
  } else {
    throw ConfigError(options.WhereOf("rounding"),
                      "rounding must be half_up, half_even or reject, got '" + rounding + "'");
  }
  money.dollar = options.GetString("dollar", money.dollar);
  return money;
}

ValueTransformPtr CreateMoneyTransform(const std::string& name, const Options& options) {
  options.RejectUnknown({"scale", "precision", "decimal", "rounding", "dollar", "on_invalid"},
                        "transform '" + name + "'");
  std::unique_ptr<MoneyTransform> transform;
  try {
    transform = std::make_unique<MoneyTransform>(name, ReadMoneyOptions(options));
  } catch (const MoneyNormalizer::OptionError& e) {
    throw ConfigError(options.WhereOf(e.key), e.what());
  }
  transform->on_invalid = ParseInvalidPolicy(options, InvalidPolicy::kReject);
  return transform;
}

}  // namespace

void RegisterMoneyTransform(TransformRegistry& registry) {
  for (std::string name : {"revenue", "money"}) {
    registry.Register(
        name, [name](const Options& options) { return CreateMoneyTransform(name, options); });
  }
}

}  // namespace sluice

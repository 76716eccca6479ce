// The `revenue` / `money` transform: MoneyNormalizer behind ValueTransform, with its job-file
// options (scale, precision, decimal, rounding, dollar, output, on_invalid) checked where they are
// written. `output: currency` gives the detected ISO currency instead of the amount, so a second
// column can keep the currency of the same source field.
#include <memory>
#include <string>

#include "pipeline/errors.h"
#include "transforms/money_normalizer.h"
#include "transforms/registry.h"

namespace sluice {
namespace {

class MoneyTransform final : public ValueTransform {
 public:
  MoneyTransform(std::string name, MoneyOptions options, bool output_currency)
      : name_(std::move(name)),
        normalizer_(std::move(options)),
        output_currency_(output_currency) {}

  std::string_view Name() const override { return name_; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string reason;
    std::string_view currency;
    if (!normalizer_.Normalize(in.text, scratch, reason, &currency)) {
      return ValueOutcome::Invalid(std::move(reason));
    }
    if (!output_currency_) return ValueOutcome::Ok(scratch);
    if (currency.empty()) return ValueOutcome::Null();  // a bare amount names no currency
    scratch.assign(currency);
    return ValueOutcome::Ok(scratch);
  }

 private:
  std::string name_;
  MoneyNormalizer normalizer_;
  bool output_currency_;
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
  options.RejectUnknown(
      {"scale", "precision", "decimal", "rounding", "dollar", "output", "on_invalid"},
      "transform '" + name + "'");
  std::string output = options.GetString("output", "amount");
  if (output != "amount" && output != "currency") {
    throw ConfigError(options.WhereOf("output"),
                      "output must be amount or currency, got '" + output + "'");
  }
  std::unique_ptr<MoneyTransform> transform;
  try {
    transform =
        std::make_unique<MoneyTransform>(name, ReadMoneyOptions(options), output == "currency");
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

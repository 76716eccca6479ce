// The `phone` transform: reads its job-file options and applies a PhoneNormalizer to each value.
#include <string>
#include <utility>

#include "pipeline/errors.h"
#include "transforms/phone_normalizer.h"
#include "transforms/registry.h"

namespace sluice {

namespace {

class PhoneTransform final : public ValueTransform {
 public:
  explicit PhoneTransform(PhoneOptions options) : normalizer_(std::move(options)) {}

  std::string_view Name() const override { return "phone"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string reason;
    if (normalizer_.Normalize(in.text, scratch, reason)) return ValueOutcome::Ok(scratch);
    return ValueOutcome::Invalid(std::move(reason));
  }

 private:
  PhoneNormalizer normalizer_;
};

PhoneOptions ReadPhoneOptions(const Options& options) {
  options.RejectUnknown({"region", "format", "extension", "on_invalid", "fast_path"}, "phone");
  PhoneOptions phone;

  std::string region = options.GetString("region", phone.region);
  for (char& c : region) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!PhoneNormalizer::IsSupportedRegion(region)) {
    throw ConfigError(options.WhereOf("region"),
                      "phone region '" + options.GetString("region", "") +
                          "' is not a region libphonenumber knows (use a two-letter code such "
                          "as US, GB or DE)");
  }
  phone.region = region;

  std::string format = options.GetString("format", "e164");
  auto parsed = ParsePhoneFormat(format);
  if (!parsed) {
    throw ConfigError(
        options.WhereOf("format"),
        "phone format must be e164, international, national or rfc3966, got '" + format + "'");
  }
  phone.format = *parsed;

  std::string extension = options.GetString("extension", "keep");
  if (extension != "keep" && extension != "drop") {
    throw ConfigError(options.WhereOf("extension"),
                      "phone extension must be keep or drop, got '" + extension + "'");
  }
  phone.keep_extension = extension == "keep";

  phone.fast_path = options.GetBool("fast_path", true);
  return phone;
}

}  // namespace

void RegisterPhoneTransform(TransformRegistry& registry) {
  registry.Register("phone", [](const Options& options) -> ValueTransformPtr {
    auto transform = std::make_unique<PhoneTransform>(ReadPhoneOptions(options));
    transform->on_invalid = ParseInvalidPolicy(options, InvalidPolicy::kReject);
    return transform;
  });
}

}  // namespace sluice

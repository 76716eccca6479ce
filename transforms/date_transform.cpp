// The `date` and `timestamp` transforms: DateNormalizer behind ValueTransform, with its job-file
// options checked where they are written. `timestamp` differs only in its default output.
#include <memory>
#include <string>

#include "pipeline/errors.h"
#include "transforms/date_normalizer.h"
#include "transforms/registry.h"

namespace sluice {
namespace {

class DateTransform final : public ValueTransform {
 public:
  DateTransform(std::string name, DateOptions options)
      : name_(std::move(name)), normalizer_(std::move(options)) {}

  std::string_view Name() const override { return name_; }

  // An ambiguous value under `ambiguous: fail` ends the run: it is a problem with the job's
  // formats rather than with one row, so it surfaces as DataRejectedError, not as a verdict.
  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string reason;
    switch (normalizer_.Normalize(in.text, scratch, reason)) {
      case DateStatus::kOk:
        return ValueOutcome::Ok(scratch);
      case DateStatus::kAmbiguous:
        if (normalizer_.options().ambiguous == DateOptions::Ambiguity::kFail) {
          throw DataRejectedError(name_ + ": " + reason + " (ambiguous: fail)");
        }
        return ValueOutcome::Invalid(std::move(reason));
      case DateStatus::kInvalid:
        break;
    }
    return ValueOutcome::Invalid(std::move(reason));
  }

 private:
  std::string name_;
  DateNormalizer normalizer_;
};

DateOptions ReadDateOptions(const Options& options, DateOptions::Output default_output) {
  DateOptions date;
  date.formats = options.GetList("formats");
  date.iso = options.GetBool("iso", date.iso);
  date.pivot_year = static_cast<int>(options.GetInt("pivot_year", date.pivot_year));
  const std::string ambiguous = options.GetString("ambiguous", "first");
  if (ambiguous == "first") {
    date.ambiguous = DateOptions::Ambiguity::kFirst;
  } else if (ambiguous == "reject") {
    date.ambiguous = DateOptions::Ambiguity::kReject;
  } else if (ambiguous == "fail") {
    date.ambiguous = DateOptions::Ambiguity::kFail;
  } else {
    throw ConfigError(options.WhereOf("ambiguous"),
                      "ambiguous must be first, reject or fail, got '" + ambiguous + "'");
  }
  date.source_tz = options.GetString("source_tz", date.source_tz);
  date.target_tz = options.GetString("target_tz", date.target_tz);
  const std::string output = options.GetString(
      "output", default_output == DateOptions::Output::kDate ? "date" : "timestamp");
  if (output == "date") {
    date.output = DateOptions::Output::kDate;
  } else if (output == "timestamp") {
    date.output = DateOptions::Output::kTimestamp;
  } else {
    throw ConfigError(options.WhereOf("output"),
                      "output must be date or timestamp, got '" + output + "'");
  }
  date.fast_path = options.GetBool("fast_path", date.fast_path);
  return date;
}

ValueTransformPtr CreateDateTransform(const std::string& name, const Options& options,
                                      DateOptions::Output default_output) {
  options.RejectUnknown({"formats", "iso", "pivot_year", "ambiguous", "source_tz", "target_tz",
                         "output", "fast_path", "on_invalid"},
                        "transform '" + name + "'");
  std::unique_ptr<DateTransform> transform;
  try {
    transform = std::make_unique<DateTransform>(name, ReadDateOptions(options, default_output));
  } catch (const DateNormalizer::OptionError& e) {
    throw ConfigError(options.WhereOf(e.key), e.what());
  }
  transform->on_invalid = ParseInvalidPolicy(options, InvalidPolicy::kReject);
  return transform;
}

}  // namespace

void RegisterDateTransform(TransformRegistry& registry) {
  registry.Register("date", [](const Options& options) {
    return CreateDateTransform("date", options, DateOptions::Output::kDate);
  });
  registry.Register("timestamp", [](const Options& options) {
    return CreateDateTransform("timestamp", options, DateOptions::Output::kTimestamp);
  });
}

}  // namespace sluice

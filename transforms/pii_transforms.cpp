// Transforms for personal data: hash (salted SHA-256, for joinable pseudonyms) and mask (keeps
// the last few characters, for display).
#include <cstdlib>
#include <memory>

#include "pipeline/errors.h"
#include "transforms/sha256.h"
#include "transforms/text_transforms.h"
#include "transforms/text_utf8.h"

namespace sluice {

namespace {

// The lowercase hex SHA-256 of salt + value. The salt comes from an environment variable so it
// never sits in a job file; it is absorbed once, and each value continues from a copy.
class HashTransform final : public ValueTransform {
 public:
  explicit HashTransform(std::string_view salt) { salted_.Update(salt); }

  std::string_view Name() const override { return "hash"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    Sha256 sha = salted_;
    sha.Update(in.text);
    scratch.resize(64);
    Sha256::ToHex(sha.Finish(), scratch.data());
    return ValueOutcome::Ok(scratch);
  }

 private:
  Sha256 salted_;
};

// Replaces every character but the last `keep_last` by `mask_char`, counting code points. A
// value no longer than keep_last is masked whole: keeping it would show all of it.
class MaskTransform final : public ValueTransform {
 public:
  MaskTransform(size_t keep_last, std::string mask_char)
      : keep_last_(keep_last), mask_char_(std::move(mask_char)) {}

  std::string_view Name() const override { return "mask"; }

  ValueOutcome Apply(Value in, std::string& scratch) const override {
    std::string_view text = in.text;
    size_t count = CountCodePoints(text);
    size_t masked = count > keep_last_ ? count - keep_last_ : count;
    scratch.clear();
    for (size_t i = 0; i < masked; ++i) scratch.append(mask_char_);
    scratch.append(text.substr(ByteOffsetOfCodePoint(text, masked)));
    return ValueOutcome::Ok(scratch);
  }

 private:
  size_t keep_last_;
  std::string mask_char_;
};

ValueTransformPtr MakeHash(const Options& options) {
  options.RejectUnknown({"salt_env"}, "transform 'hash'");
  auto variable = options.GetOptionalString("salt_env");
  if (!variable) {
    throw ConfigError(options.where,
                      "hash needs 'salt_env', the environment variable that holds the salt");
  }
  // Only the variable's name may appear in a message, never its value.
  const char* salt = std::getenv(variable->c_str());
  if (salt == nullptr || *salt == '\0') {
    throw ConfigError(options.WhereOf("salt_env"), "environment variable '" + *variable +
                                                       "' named by salt_env is " +
                                                       (salt == nullptr ? "not set" : "empty"));
  }
  return std::make_unique<HashTransform>(salt);
}

ValueTransformPtr MakeMask(const Options& options) {
  options.RejectUnknown({"keep_last", "char"}, "transform 'mask'");
  long long keep_last = options.GetInt("keep_last", 4);
  if (keep_last < 0) {
    throw ConfigError(options.WhereOf("keep_last"),
                      "option 'keep_last' must not be negative, got " + std::to_string(keep_last));
  }
  std::string mask_char = options.GetString("char", "*");
  if (!IsValidUtf8(mask_char) || CountCodePoints(mask_char) != 1) {
    throw ConfigError(options.WhereOf("char"),
                      "option 'char' must be one character, got '" + mask_char + "'");
  }
  return std::make_unique<MaskTransform>(static_cast<size_t>(keep_last), std::move(mask_char));
}

}  // namespace

void RegisterPiiTransforms(TransformRegistry& registry) {
  registry.Register("hash", MakeHash);
  registry.Register("mask", MakeMask);
}

}  // namespace sluice

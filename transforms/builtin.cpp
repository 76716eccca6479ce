// RegisterBuiltinTransforms: every transform sluice ships, in one place.
#include "transforms/registry.h"

namespace sluice {

void RegisterTextTransforms(TransformRegistry& registry);  // transforms/text_transforms.cpp
void RegisterPhoneTransform(TransformRegistry& registry);  // transforms/phone_transform.cpp
void RegisterMoneyTransform(TransformRegistry& registry);  // transforms/money_transform.cpp
void RegisterDateTransform(TransformRegistry& registry);   // transforms/date_transform.cpp

void RegisterBuiltinTransforms(TransformRegistry& registry) {
  RegisterTextTransforms(registry);
  RegisterPhoneTransform(registry);
  RegisterMoneyTransform(registry);
  RegisterDateTransform(registry);
}

}  // namespace sluice

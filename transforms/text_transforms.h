// The generic column transforms, registered by RegisterTextTransforms in three groups:
// cleanup (trim, collapse_whitespace, lower, upper, title, substring), lookups (default,
// null_if, map, regex_replace) and personal data (hash, mask).
#pragma once

#include "transforms/registry.h"

namespace sluice {

void RegisterTextTransforms(TransformRegistry& registry);    // text_transforms.cpp
void RegisterLookupTransforms(TransformRegistry& registry);  // text_lookup_transforms.cpp
void RegisterPiiTransforms(TransformRegistry& registry);     // pii_transforms.cpp

}  // namespace sluice

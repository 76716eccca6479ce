// The resume checks every keyed database reader shares.
#include "pipeline/source_position.h"

#include "pipeline/errors.h"

namespace sluice {

void RequireResumableByKey(const SourcePosition& at, const std::string& source, bool has_key,
                           bool is_query) {
  if (at.line == 0 && at.key.empty()) return;
  if (!has_key) {
    throw RunError(source + ": cannot resume after row " + std::to_string(at.line) + ": " +
                   (is_query ? "a query" : "a table without a one-column primary key") +
                   " can only resume with key: (a unique column to order and resume by)");
  }
  if (at.key.empty()) {
    throw RunError(source + ": cannot resume after row " + std::to_string(at.line) +
                   ": the checkpoint holds no key");
  }
}

}  // namespace sluice

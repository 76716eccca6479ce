// A source hands out batches until it is exhausted, and knows where it stands, for
// checkpoints and --resume.
#pragma once

#include <cstdint>
#include <string>

#include "pipeline/batch.h"
#include "pipeline/schema.h"
#include "pipeline/source_position.h"

namespace sluice {

class Source {
 public:
  virtual ~Source() = default;
  // The columns every batch carries (known once the source is open, e.g. after the header).
  virtual const Schema& schema() const = 0;
  // Fills `out` (already cleared by the caller) with up to max_rows rows; false at the end.
  // A malformed record is still a row: its state is kRejected with the reason, so the
  // accounting of rows read stays exact.
  virtual bool ReadNext(Batch& out, size_t max_rows) = 0;
  virtual SourcePosition Position() const = 0;
  virtual void SeekTo(const SourcePosition& at) = 0;
};

}  // namespace sluice

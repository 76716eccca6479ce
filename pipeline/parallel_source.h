// Several sources read at once, each on its own thread, their batches handed out as they
// arrive: how one big table is read over several connections, one key range each. The
// position holds every part's own position, so a resumed run continues each part after the
// last row of it that was handed out, and no row is read twice or skipped.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/source.h"

namespace sluice {

class ParallelSource : public Source {
 public:
  // Every part must have the same schema; `parts` must not be empty.
  explicit ParallelSource(std::vector<std::unique_ptr<Source>> parts);
  ~ParallelSource() override;

  const Schema& schema() const override { return parts_.front()->schema(); }
  // Hands out the next batch any part has read (batches come whole from the parts, so
  // max_rows, from the first call, is the size each part reads). Rethrows a part's error.
  bool ReadNext(Batch& out, size_t max_rows) override;
  // line: rows handed out; key: every part's position (EncodePositions).
  SourcePosition Position() const override;
  // Before the first ReadNext only. Throws RunError when `at` was written for another number
  // of parts.
  void SeekTo(const SourcePosition& at) override;

  // Several positions as one key and back, for checkpoints.
  static std::string EncodePositions(const std::vector<SourcePosition>& positions);
  static std::vector<SourcePosition> DecodePositions(const std::string& key);

 private:
  struct Delivery {
    size_t part = 0;
    std::unique_ptr<Batch> batch;
    SourcePosition position;  // the part's, after this batch
    bool last = false;        // the part has no more rows
    std::exception_ptr error;
  };

  void Start(size_t rows_per_batch);
  void ReadPart(size_t part, size_t rows_per_batch);
  void Stop();

  std::vector<std::unique_ptr<Source>> parts_;
  std::vector<SourcePosition> handed_out_;  // per part: where its handed-out rows end
  uint64_t rows_handed_out_ = 0;
  size_t parts_running_ = 0;
  bool started_ = false;

  std::mutex mutex_;
  std::condition_variable ready_;  // a delivery is waiting
  std::condition_variable room_;   // the queue has room again
  std::deque<Delivery> queue_;
  std::vector<std::unique_ptr<Batch>> spare_;  // batches handed back, for the parts to reuse
  size_t capacity_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sluice

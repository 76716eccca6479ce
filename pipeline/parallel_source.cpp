// ParallelSource: one thread per part, a bounded queue of whole batches between them and the
// reader node.
#include "pipeline/parallel_source.h"

#include <utility>

#include "pipeline/errors.h"

namespace sluice {

ParallelSource::ParallelSource(std::vector<std::unique_ptr<Source>> parts)
    : parts_(std::move(parts)), handed_out_(parts_.size()) {}

ParallelSource::~ParallelSource() { Stop(); }

void ParallelSource::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  room_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

std::string ParallelSource::EncodePositions(const std::vector<SourcePosition>& positions) {
  // Each part as "line:bytes:length:key;", so any key text survives.
  std::string out;
  for (const SourcePosition& p : positions) {
    out += std::to_string(p.line) + ":" + std::to_string(p.byte_offset) + ":" +
           std::to_string(p.key.size()) + ":" + p.key + ";";
  }
  return out;
}

std::vector<SourcePosition> ParallelSource::DecodePositions(const std::string& key) {
  std::vector<SourcePosition> out;
  size_t at = 0;
  auto number = [&](char end) {
    size_t stop = key.find(end, at);
    if (stop == std::string::npos || stop == at) throw RunError("a malformed parallel position");
    uint64_t v = 0;
    for (size_t i = at; i < stop; ++i) {
      if (key[i] < '0' || key[i] > '9') throw RunError("a malformed parallel position");
      v = v * 10 + static_cast<uint64_t>(key[i] - '0');
    }
    at = stop + 1;
    return v;
  };
  while (at < key.size()) {
    SourcePosition p;
    p.line = number(':');
    p.byte_offset = number(':');
    const uint64_t length = number(':');
    if (length > key.size() - at || at + length >= key.size() || key[at + length] != ';') {
      throw RunError("a malformed parallel position");
    }
    p.key = key.substr(at, length);
    at += length + 1;
    out.push_back(std::move(p));
  }
  return out;
}

SourcePosition ParallelSource::Position() const {
  SourcePosition p;
  p.line = rows_handed_out_;
  p.key = EncodePositions(handed_out_);
  return p;
}

void ParallelSource::SeekTo(const SourcePosition& at) {
  if (started_) throw RunError("a parallel source seeks only before it starts reading");
  if (at == SourcePosition{}) {
    for (auto& part : parts_) part->SeekTo(at);
    handed_out_.assign(parts_.size(), SourcePosition{});
    rows_handed_out_ = 0;
    return;
  }
  std::vector<SourcePosition> positions = DecodePositions(at.key);
  if (positions.size() != parts_.size()) {
    throw RunError("cannot resume: the interrupted run read in " +
                   std::to_string(positions.size()) + " parallel parts, this one in " +
                   std::to_string(parts_.size()) + "; set source.parallel back or use --restart");
  }
  rows_handed_out_ = 0;
  for (size_t i = 0; i < parts_.size(); ++i) {
    parts_[i]->SeekTo(positions[i]);
    rows_handed_out_ += positions[i].line;
  }
  handed_out_ = std::move(positions);
}

void ParallelSource::Start(size_t rows_per_batch) {
  // Two batches waiting per part keep every connection busy; more would only hold memory.
  capacity_ = 2 * parts_.size();
  parts_running_ = parts_.size();
  for (size_t i = 0; i < parts_.size(); ++i) {
    threads_.emplace_back([this, i, rows_per_batch] { ReadPart(i, rows_per_batch); });
  }
}

void ParallelSource::ReadPart(size_t part, size_t rows_per_batch) {
  for (;;) {
    Delivery d;
    d.part = part;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!spare_.empty()) {
        d.batch = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    if (!d.batch) d.batch = std::make_unique<Batch>();
    d.batch->Clear();
    try {
      d.last = !parts_[part]->ReadNext(*d.batch, rows_per_batch);
      d.position = parts_[part]->Position();
    } catch (...) {
      d.error = std::current_exception();
      d.last = true;
    }
    const bool last = d.last;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      room_.wait(lock, [&] { return stopping_ || queue_.size() < capacity_; });
      if (stopping_) return;
      queue_.push_back(std::move(d));
    }
    ready_.notify_one();
    if (last) return;
  }
}

bool ParallelSource::ReadNext(Batch& out, size_t max_rows) {
  if (!started_) {
    started_ = true;
    Start(max_rows);
  }
  for (;;) {
    Delivery d;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (parts_running_ == 0 && queue_.empty()) return false;
      ready_.wait(lock, [&] { return !queue_.empty(); });
      d = std::move(queue_.front());
      queue_.pop_front();
      if (d.last) --parts_running_;
    }
    room_.notify_one();
    if (d.error) {
      Stop();
      std::rethrow_exception(d.error);
    }
    handed_out_[d.part] = d.position;
    const size_t rows = d.batch->num_rows();
    rows_handed_out_ += rows;
    if (rows > 0) {
      // The caller's batch goes back to the parts for reuse; its arena's blocks come along.
      std::swap(out, *d.batch);
      std::lock_guard<std::mutex> lock(mutex_);
      spare_.push_back(std::move(d.batch));
      return true;
    }
  }
}

}  // namespace sluice

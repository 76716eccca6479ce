// ParallelSource over in-memory parts: every row handed out exactly once, positions that
// resume each part after its last handed-out row, and a part's error reaching the reader.
#include "pipeline/parallel_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

#include "pipeline/errors.h"

namespace sluice {
namespace {

// Integer keys in order; its position is the last key read, like a database source's.
class KeysSource : public Source {
 public:
  KeysSource(std::vector<int64_t> keys, int64_t fail_at = -1)
      : keys_(std::move(keys)), fail_at_(fail_at) {
    schema_.fields.push_back({"id", DataType{TypeId::kInteger}});
  }
  const Schema& schema() const override { return schema_; }
  bool ReadNext(Batch& out, size_t max_rows) override {
    out.schema = schema_;
    out.columns.resize(1);
    out.columns[0].type = DataType{TypeId::kInteger};
    size_t n = 0;
    for (; n < max_rows && next_ < keys_.size(); ++n, ++next_) {
      if (keys_[next_] == fail_at_) throw RunError("part failed at " + std::to_string(fail_at_));
      out.columns[0].AppendInt(keys_[next_]);
      out.states.push_back(RowState::kKeep);
      out.origins.push_back({next_ + 1, 0});
    }
    return next_ < keys_.size();
  }
  SourcePosition Position() const override {
    SourcePosition p;
    p.line = next_;
    if (next_ > 0) p.key = std::to_string(keys_[next_ - 1]);
    return p;
  }
  void SeekTo(const SourcePosition& at) override {
    next_ = 0;
    if (at.key.empty()) return;
    while (next_ < keys_.size() && keys_[next_] <= std::stoll(at.key)) ++next_;
  }

 private:
  Schema schema_;
  std::vector<int64_t> keys_;
  int64_t fail_at_;
  size_t next_ = 0;
};

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> v;
  for (int64_t i = from; i < to; ++i) v.push_back(i);
  return v;
}

std::unique_ptr<ParallelSource> ThreeParts(int64_t fail_at = -1) {
  std::vector<std::unique_ptr<Source>> parts;
  parts.push_back(std::make_unique<KeysSource>(Range(0, 1000), fail_at));
  parts.push_back(std::make_unique<KeysSource>(Range(1000, 1001), fail_at));
  parts.push_back(std::make_unique<KeysSource>(Range(5000, 7777), fail_at));
  return std::make_unique<ParallelSource>(std::move(parts));
}

// Reads up to `batches` batches (all when 0); returns the keys.
std::vector<int64_t> Drain(Source& source, size_t batches = 0) {
  std::vector<int64_t> keys;
  Batch b;
  for (size_t i = 0; batches == 0 || i < batches; ++i) {
    b.Clear();
    bool more = source.ReadNext(b, 64);
    for (size_t r = 0; r < b.num_rows(); ++r) keys.push_back(b.columns[0].ints[r]);
    if (!more) break;
  }
  return keys;
}

TEST(ParallelSource, HandsOutEveryRowOfEveryPartExactlyOnce) {
  auto source = ThreeParts();
  std::vector<int64_t> keys = Drain(*source);
  std::sort(keys.begin(), keys.end());
  std::vector<int64_t> expected = Range(0, 1001);
  std::vector<int64_t> tail = Range(5000, 7777);
  expected.insert(expected.end(), tail.begin(), tail.end());
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(source->Position().line, expected.size());
  Batch b;
  EXPECT_FALSE(source->ReadNext(b, 64));  // stays at the end
}

TEST(ParallelSource, AResumedReadGivesExactlyTheRowsNotHandedOutBefore) {
  for (size_t stop_after : {1u, 7u, 30u, 60u}) {
    auto first = ThreeParts();
    std::vector<int64_t> before = Drain(*first, stop_after);
    SourcePosition at = first->Position();
    first.reset();  // the interrupted run goes away mid-read

    auto second = ThreeParts();
    second->SeekTo(at);
    std::vector<int64_t> after = Drain(*second);
    std::vector<int64_t> all = before;
    all.insert(all.end(), after.begin(), after.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all.size(), 1001u + 2777u) << "after " << stop_after << " batches";
    EXPECT_TRUE(std::adjacent_find(all.begin(), all.end()) == all.end())
        << "a row came twice after " << stop_after << " batches";
    EXPECT_EQ(second->Position().line, all.size());
  }
}

TEST(ParallelSource, PositionsSurviveTheirEncoding) {
  std::vector<SourcePosition> positions(3);
  positions[0] = {0, 12, "it's;a:key"};
  positions[2] = {7, 0, ""};
  EXPECT_EQ(ParallelSource::DecodePositions(ParallelSource::EncodePositions(positions)), positions);
  EXPECT_THROW(ParallelSource::DecodePositions("3:0:5:ab;"), RunError);
  EXPECT_THROW(ParallelSource::DecodePositions("x:0:0:;"), RunError);
}

TEST(ParallelSource, RefusesAPositionWrittenForAnotherNumberOfParts) {
  auto source = ThreeParts();
  SourcePosition at;
  at.key = ParallelSource::EncodePositions(std::vector<SourcePosition>(2));
  at.line = 1;
  EXPECT_THROW(source->SeekTo(at), RunError);
}

TEST(ParallelSource, APartsErrorReachesTheReader) {
  auto source = ThreeParts(/*fail_at=*/6000);
  EXPECT_THROW(Drain(*source), RunError);
}

}  // namespace
}  // namespace sluice

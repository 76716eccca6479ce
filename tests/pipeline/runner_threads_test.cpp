// pipeline.threads bounds the threads the flow graph runs on: a transform that notes the
// thread of every call sees exactly one with threads: 1 (a graph made outside the run's arena
// once used every core whatever the job said).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "connectors/csv/csv_source.h"
#include "connectors/file/csv_file_sink.h"
#include "pipeline/run_plan.h"
#include "pipeline/runner.h"
#include "tests/support/test_support.h"

namespace sluice {
namespace {

// Passes every value through and notes the thread it ran on.
class ThreadNotingTransform : public ValueTransform {
 public:
  std::string_view Name() const override { return "note_thread"; }
  ValueOutcome Apply(Value in, std::string&) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      threads_.insert(std::this_thread::get_id());
    }
    // Some work, so that a spare worker thread would have time to join in.
    volatile uint64_t sink = 0;
    for (int i = 0; i < 20000; ++i) sink = sink + static_cast<uint64_t>(i);
    return ValueOutcome::Ok(in.text);
  }
  size_t threads_seen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return threads_.size();
  }

 private:
  mutable std::mutex mutex_;
  mutable std::set<std::thread::id> threads_;
};

// Runs 200 batches of 64 rows through the transform on `threads` threads; the threads it saw.
size_t ThreadsSeen(int threads) {
  testing::TempDir dir;
  std::string csv = "id\n";
  for (int i = 0; i < 200 * 64; ++i) csv += std::to_string(i) + "\n";
  const std::string input = dir.Write("in.csv", csv);

  RunPlan plan;
  plan.job_name = "threads";
  plan.run_id = "r";
  CsvOptions source;
  source.path = input;
  plan.source = std::make_unique<CsvSource>(source);
  CsvWriteOptions target;
  target.path = dir.File("out.csv");
  plan.sink = std::make_unique<CsvFileSink>(target);
  auto transform = std::make_unique<ThreadNotingTransform>();
  const ThreadNotingTransform* noted = transform.get();
  ColumnPlan column;
  column.name = "id";
  column.source_index = 0;
  column.transforms.push_back(std::move(transform));
  plan.columns.push_back(std::move(column));
  plan.target_schema.fields.push_back({"id", DataType{}, true});
  plan.batch_size = 64;
  plan.threads = threads;
  RunResult result;
  RunPipeline(plan, result);
  EXPECT_EQ(result.summary.rows_written, 200u * 64);
  return noted->threads_seen();
}

TEST(RunnerThreads, OneThreadMeansOneThread) { EXPECT_EQ(ThreadsSeen(1), 1u); }

TEST(RunnerThreads, TwoThreadsNeverMeanMore) { EXPECT_LE(ThreadsSeen(2), 2u); }

}  // namespace
}  // namespace sluice

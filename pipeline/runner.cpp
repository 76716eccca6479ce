// The flow graph of one run. Batches are recycled through a pool, and the limiter bounds how
// many are in flight, so memory does not grow with the input.
#include "pipeline/runner.h"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

#include "pipeline/errors.h"
#include "pipeline/transform_stage.h"
#include "pipeline/validation_stage.h"

namespace sluice {
namespace {

namespace flow = oneapi::tbb::flow;

struct Work {
  Batch batch;
  BatchMetrics metrics;
  TableMetrics quality;
  std::vector<Rejection> refused;  // rows the database refused (kept apart: metrics read states)
  std::atomic<int> pending{0};     // branches still using the batch
  bool replay = false;  // rows an interrupted run committed, read again only to seed rules
};

// oneTBB orders every hand-off between nodes, and wait_for_all() orders the end of the graph
// before what follows, but Debian's libtbb is not instrumented, so ThreadSanitizer cannot see
// that. Every node body acquires this at its start and releases it at its end (read-modify-
// writes of one atomic form a release sequence); the thread running the graph releases before
// it starts and acquires after it ends. Cost: two atomics per batch and node.
class StageFence {
 public:
  void Enter() const { (void)counter_.load(std::memory_order_acquire); }
  void Leave() { counter_.fetch_add(1, std::memory_order_acq_rel); }

  // Enter now, Leave at the end of the scope, also when the body throws.
  class Scope {
   public:
    explicit Scope(StageFence& fence) : fence_(fence) { fence_.Enter(); }
    ~Scope() { fence_.Leave(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StageFence& fence_;
  };

 private:
  std::atomic<uint64_t> counter_{0};
};
using WorkPtr = Work*;

// Owns every batch buffer (also those in flight when a run fails); hands out free ones.
class BatchPool {
 public:
  Work* Take() {
    Work* w;
    if (free_.try_pop(w)) {
      w->batch.Clear();
      w->metrics = {};
      w->quality.Clear();
      w->refused.clear();
      w->replay = false;
      return w;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    all_.push_back(std::make_unique<Work>());
    return all_.back().get();
  }
  void Give(Work* w) { free_.push(w); }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Work>> all_;
  oneapi::tbb::concurrent_queue<Work*> free_;
};

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kReject:
      return "reject";
    case Severity::kWarn:
      return "warn";
    case Severity::kFail:
      return "fail";
  }
  return "";
}

// The serial end of the graph: the sink, the rejects outputs, commits and limits.
class WriterStage {
 public:
  WriterStage(RunPlan& plan, RunSummary& summary) : plan_(plan), summary_(summary) {
    if (plan_.resume_from) position_ = plan_.resume_from->position;
  }

  void Consume(Work& w) {
    Batch& b = w.batch;
    WriteResult result = plan_.sink->Write(b);
    w.refused = std::move(result.refused);
    if (plan_.rejects) plan_.rejects->Write(b, w.refused);
    if (!plan_.rejects_table.empty() && (!b.rejections.empty() || !w.refused.empty())) {
      WriteRejectTable(b, w.refused);
    }

    summary_.rows_read += b.num_rows();
    summary_.rows_filtered += b.CountState(RowState::kFiltered);
    summary_.rows_rejected += b.CountState(RowState::kRejected) + w.refused.size();
    summary_.rows_written += result.rows_written;
    for (const Rejection& r : b.rejections)
      ++summary_.refusals[(r.column.empty() ? "record" : r.column) + ": " + r.rule];
    for (const Rejection& r : w.refused) ++summary_.refusals["row: " + r.rule];
    ++summary_.batches;
    totals_.Merge(w.metrics);
    position_ = b.end_position;
    rows_since_commit_ += b.num_rows();

    CheckRejectLimit(/*final=*/false);
    if (plan_.commit_every != 0 && rows_since_commit_ >= plan_.commit_every) Commit(true);
  }

  void CheckFinalLimits() { CheckRejectLimit(/*final=*/true); }
  void FinalCommit() { Commit(false, /*finished=*/true); }

  const BatchMetrics& totals() const { return totals_; }

 private:
  void WriteRejectTable(const Batch& b, const std::vector<Rejection>& refused) {
    std::vector<RejectRow> rows;
    auto add = [&](const Rejection& r) {
      const RowOrigin& o = b.origins[r.row];
      rows.push_back({b.source_name, o.line, o.byte_offset, r.column, r.rule, r.reason,
                      r.row < b.raw_records.size() ? std::string(b.raw_records[r.row]) : ""});
    };
    for (const Rejection& r : b.rejections) add(r);
    for (const Rejection& r : refused) add(r);
    std::stable_sort(rows.begin(), rows.end(), [](const RejectRow& x, const RejectRow& y) {
      return x.byte_offset < y.byte_offset;
    });
    plan_.sink->WriteRejects(plan_.rejects_table, plan_.run_id, plan_.job_name, rows);
  }

  void Commit(bool begin_next, bool finished = false) {
    Checkpoint cp;
    cp.job = plan_.job_name;
    cp.partition = plan_.partition;
    cp.run_id = plan_.run_id;
    cp.position = position_;
    cp.rows_committed = summary_.rows_written;
    cp.rows_read = summary_.rows_read;
    if (plan_.resume_from) {
      cp.rows_committed += plan_.resume_from->rows_committed;
      cp.rows_read += plan_.resume_from->rows_read;
    }
    if (plan_.rejects) {
      plan_.rejects->Flush();
      cp.rejects_bytes = plan_.rejects->FlushedBytes();
    }
    cp.finished = finished;
    plan_.sink->Commit(cp);
    ++summary_.commits;
    rows_since_commit_ = 0;
    if (begin_next) plan_.sink->Begin();
  }

  // A count limit fails as soon as it is passed; a percentage is judged at each commit and
  // at the end, against the rows read so far.
  void CheckRejectLimit(bool final) {
    const RejectLimit& lim = plan_.max_rejects;
    if (!lim.enabled) return;
    uint64_t rejected = summary_.rows_rejected;
    bool over;
    std::string limit_text;
    if (lim.is_percent) {
      bool judge = final || (plan_.commit_every != 0 && rows_since_commit_ >= plan_.commit_every);
      if (!judge || summary_.rows_read == 0) return;
      over = 100.0 * rejected / summary_.rows_read > lim.value;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g%% of %llu rows read", lim.value,
                    static_cast<unsigned long long>(summary_.rows_read));
      limit_text = buf;
    } else {
      over = static_cast<double>(rejected) > lim.value;
      limit_text = std::to_string(static_cast<uint64_t>(lim.value)) + " rows";
    }
    if (over) {
      throw DataRejectedError(std::to_string(rejected) + " rows rejected, more than max_rejects (" +
                              limit_text + ")" +
                              (plan_.rejects ? "; see " + plan_.rejects->path() : std::string()));
    }
  }

  RunPlan& plan_;
  RunSummary& summary_;
  BatchMetrics totals_;
  SourcePosition position_;  // after the last batch written
  uint64_t rows_since_commit_ = 0;
};

// The replayed rows must end where the interrupted run's last commit did, or the source is not
// the one it read.
void CheckReplayEnd(RunPlan& plan) {
  const SourcePosition at = plan.source->Position();
  const SourcePosition& expected = plan.resume_from->position;
  if (!(at == expected)) {
    throw RunError("cannot resume: the source is not the one the interrupted run read (its " +
                   std::to_string(plan.resume_from->rows_read) + " rows ended at line " +
                   std::to_string(expected.line) + ", byte " +
                   std::to_string(expected.byte_offset) + "; now they end at line " +
                   std::to_string(at.line) + ", byte " + std::to_string(at.byte_offset) +
                   "); use --restart");
  }
}

// Stores a node so it lives as long as the graph; returns it.
template <typename Node>
Node& Keep(std::vector<std::shared_ptr<void>>& nodes, std::shared_ptr<Node> node) {
  nodes.push_back(node);
  return *node;
}

}  // namespace

void RunPipeline(RunPlan& plan, RunResult& result,
                 const std::function<void(const RunResult&)>& before_final_commit) {
  auto started = std::chrono::steady_clock::now();
  RunSummary& summary = result.summary;
  summary.job = plan.job_name;
  summary.run_id = plan.run_id;
  if (plan.rejects) {
    summary.rejects_path = plan.rejects->path();
  } else if (!plan.rejects_table.empty()) {
    summary.rejects_path = "table " + plan.rejects_table;
  }
  if (plan.collect_metrics) result.metrics = TableMetrics(plan.target_schema);

  BatchPool pool;
  WriterStage writer(plan, summary);
  // Resuming seeks past what the interrupted run committed, unless a rule keeps state across
  // rows (unique): then those rows are read again, through the rules only, so the rule decides
  // every later row exactly as one uninterrupted run would.
  uint64_t replay_rows = 0;
  if (plan.resume_from) {
    bool stateful = std::any_of(plan.rules.begin(), plan.rules.end(),
                                [](const RulePlan& r) { return r.rule->Ordered(); });
    if (stateful) {
      replay_rows = plan.resume_from->rows_read;
    } else {
      plan.source->SeekTo(plan.resume_from->position);
    }
    plan.sink->ContinueEarlierRun();
  }
  plan.sink->HoldJobLock(plan.job_name);
  plan.sink->Open(plan.target_schema);
  plan.sink->Begin();

  int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  oneapi::tbb::task_arena arena(threads);
  // The graph and its nodes live on the heap until the run ends: oneTBB's last tasks may still
  // touch a node's queue or the graph's wait counter as wait_for_all() returns.
  std::unique_ptr<flow::graph> graph;
  std::vector<std::shared_ptr<void>> nodes;  // the graph's nodes, kept alive with it
  try {
    arena.execute([&] {
      // Made inside the arena: a graph runs its tasks in the arena it was made in, so one made
      // outside ignored pipeline.threads and used every core.
      graph = std::make_unique<flow::graph>();
      flow::graph& g = *graph;
      StageFence fence;
      uint64_t next_sequence = 0;
      bool exhausted = false;
      const int branches = plan.collect_metrics ? 2 : 1;

      auto& reader =
          Keep(nodes, std::make_shared<flow::input_node<WorkPtr>>(
                          g, [&](oneapi::tbb::flow_control& fc) -> WorkPtr {
                            StageFence::Scope in_stage(fence);
                            if (exhausted) {
                              fc.stop();
                              return nullptr;
                            }
                            Work* w = pool.Take();
                            const size_t want =
                                replay_rows > 0 ? std::min<uint64_t>(plan.batch_size, replay_rows)
                                                : plan.batch_size;
                            bool more = plan.source->ReadNext(w->batch, want);
                            if (replay_rows > 0) {
                              w->replay = true;
                              replay_rows -= std::min<uint64_t>(replay_rows, w->batch.num_rows());
                              if (replay_rows == 0 || !more) CheckReplayEnd(plan);
                            }
                            if (!more && w->batch.num_rows() == 0) {
                              pool.Give(w);
                              fc.stop();
                              return nullptr;
                            }
                            exhausted = !more;
                            w->batch.end_position = plan.source->Position();
                            w->batch.sequence = next_sequence++;
                            w->pending = branches;
                            return w;
                          }));
      auto& limiter =
          Keep(nodes, std::make_shared<flow::limiter_node<WorkPtr, int>>(g, plan.max_in_flight));
      auto release = [&](WorkPtr w) {
        if (w->pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
          pool.Give(w);
          limiter.decrementer().try_put(1);
        }
      };
      auto& transform = Keep(nodes, std::make_shared<flow::function_node<WorkPtr, WorkPtr>>(
                                        g, flow::unlimited, [&](WorkPtr w) {
                                          StageFence::Scope in_stage(fence);
                                          TransformBatch(plan, w->batch);
                                          return w;
                                        }));
      auto& validate = Keep(nodes, std::make_shared<flow::function_node<WorkPtr, WorkPtr>>(
                                       g, flow::unlimited, [&](WorkPtr w) {
                                         StageFence::Scope in_stage(fence);
                                         ValidateBatch(plan, w->batch, w->metrics);
                                         return w;
                                       }));
      auto& sequencer = Keep(nodes, std::make_shared<flow::sequencer_node<WorkPtr>>(
                                        g, [](const WorkPtr& w) { return w->batch.sequence; }));
      uint64_t next_to_check = 0;
      // Rules that need source order (unique) run once per row, serially, before the batch
      // forks into the metrics and writer branches; after this no stage changes row states.
      auto& ordered = Keep(
          nodes,
          std::make_shared<flow::function_node<WorkPtr, WorkPtr>>(g, flow::serial, [&](WorkPtr w) {
            StageFence::Scope in_stage(fence);
            if (w->batch.sequence != next_to_check++) {
              throw RunError("internal: batch " + std::to_string(w->batch.sequence) +
                             " reached the ordered rules out of order");
            }
            CheckOrderedRules(plan, w->batch, w->metrics);
            return w;
          }));
      auto& fork = Keep(nodes, std::make_shared<flow::broadcast_node<WorkPtr>>(g));
      auto& measure = Keep(nodes, std::make_shared<flow::function_node<WorkPtr, WorkPtr>>(
                                      g, flow::unlimited, [&](WorkPtr w) {
                                        StageFence::Scope in_stage(fence);
                                        if (w->replay) return w;
                                        if (w->quality.columns.empty())
                                          w->quality = TableMetrics(plan.target_schema);
                                        w->quality.ObserveBatch(w->batch);
                                        return w;
                                      }));
      auto& aggregate =
          Keep(nodes, std::make_shared<flow::function_node<WorkPtr, flow::continue_msg>>(
                          g, flow::serial, [&](WorkPtr w) {
                            StageFence::Scope in_stage(fence);
                            if (!w->replay) result.metrics.Merge(w->quality);
                            fence.Leave();  // before the batch can be taken again
                            release(w);
                            return flow::continue_msg();
                          }));
      // oneTBB does not promise that a chain of serial nodes keeps message order, so the
      // writer gets its own sequencer, and checks: a checkpoint past an unwritten batch would
      // lose that batch on --resume.
      auto& write_in_order =
          Keep(nodes, std::make_shared<flow::sequencer_node<WorkPtr>>(
                          g, [](const WorkPtr& w) { return w->batch.sequence; }));
      uint64_t next_to_write = 0;
      auto& write = Keep(nodes, std::make_shared<flow::function_node<WorkPtr, flow::continue_msg>>(
                                    g, flow::serial, [&](WorkPtr w) {
                                      StageFence::Scope in_stage(fence);
                                      if (w->batch.sequence != next_to_write++) {
                                        throw RunError("internal: batch " +
                                                       std::to_string(w->batch.sequence) +
                                                       " reached the writer out of order");
                                      }
                                      if (!w->replay) writer.Consume(*w);
                                      fence.Leave();  // before the batch can be taken again
                                      release(w);
                                      return flow::continue_msg();
                                    }));

      flow::make_edge(reader, limiter);
      flow::make_edge(limiter, transform);
      flow::make_edge(transform, validate);
      flow::make_edge(validate, sequencer);
      flow::make_edge(sequencer, ordered);
      flow::make_edge(ordered, fork);
      flow::make_edge(fork, write_in_order);
      flow::make_edge(write_in_order, write);
      if (plan.collect_metrics) {
        flow::make_edge(fork, measure);
        flow::make_edge(measure, aggregate);
      }
      fence.Leave();
      reader.activate();
      try {
        g.wait_for_all();
      } catch (...) {
        fence.Enter();
        throw;
      }
      fence.Enter();
    });
    writer.CheckFinalLimits();
    const BatchMetrics& totals = writer.totals();
    for (size_t i = 0; i < plan.rules.size(); ++i) {
      summary.rules.push_back({plan.rules[i].name, plan.rules[i].column,
                               SeverityName(plan.rules[i].severity),
                               i < totals.rule_violations.size() ? totals.rule_violations[i] : 0});
    }
    if (before_final_commit) before_final_commit(result);
    writer.FinalCommit();
  } catch (...) {
    try {
      plan.sink->Rollback();
    } catch (...) {
      // The original error is the one the user needs; the rollback failure adds nothing.
    }
    plan.sink->Close();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    throw;
  }
  plan.sink->Close();

  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!summary.Balanced()) throw RunError("internal: the row accounting does not balance");
}

}  // namespace sluice

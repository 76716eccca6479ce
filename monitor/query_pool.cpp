// QueryPool: one thread per connection, tasks taken in order.
#include "monitor/query_pool.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <mutex>
#include <thread>

namespace sluice {

QueryPool::QueryPool(std::string connection, int size)
    : connection_(std::move(connection)), databases_(static_cast<size_t>(size < 1 ? 1 : size)) {}

QueryPool::~QueryPool() = default;

void QueryPool::Run(const std::vector<Task>& tasks) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  // SLUICE_TRACE_QUERIES=1 prints how long each task took, for tuning.
  const bool trace = std::getenv("SLUICE_TRACE_QUERIES") != nullptr;
  auto work = [&](size_t slot) {
    try {
      for (size_t i; !failed && (i = next++) < tasks.size();) {
        if (!databases_[slot]) databases_[slot] = OpenMonitorDatabase(connection_);
        auto start = std::chrono::steady_clock::now();
        tasks[i](*databases_[slot]);
        if (trace) {
          std::lock_guard<std::mutex> lock(error_mutex);
          std::cerr
              << "sluice: task " << i << " on connection " << slot << ": "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
              << " s\n";
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
      failed = true;
    }
  };
  size_t workers = std::min(databases_.size(), tasks.size());
  std::vector<std::thread> threads;
  for (size_t slot = 1; slot < workers; ++slot) threads.emplace_back(work, slot);
  if (workers > 0) work(0);
  for (std::thread& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace sluice

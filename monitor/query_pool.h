// Runs independent check queries on up to N connections at once: a table's fused scan, a
// GROUP BY and an anti-join of another table proceed side by side on the machine's cores.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "monitor/monitor_database.h"

namespace sluice {

class QueryPool {
 public:
  using Task = std::function<void(MonitorDatabase&)>;

  QueryPool(std::string connection, int size);
  ~QueryPool();
  QueryPool(const QueryPool&) = delete;
  QueryPool& operator=(const QueryPool&) = delete;

  // Runs every task, in the given order as connections come free (put the longest first);
  // rethrows the first failure once every started task has ended. Connections are opened
  // when first needed and kept for the next Run.
  void Run(const std::vector<Task>& tasks);
  // The dialect the queries must be written in.
  Dialect dialect() const { return DetectDialect(connection_); }

 private:
  std::string connection_;
  std::vector<std::unique_ptr<MonitorDatabase>> databases_;
};

}  // namespace sluice

// QualityStore over ODBC: creates sluice_runs and data_quality_metrics when missing and
// inserts with bound parameters (values never enter SQL text).
#pragma once

#include <string>

#include "pipeline/quality_store.h"

namespace sluice {

class OdbcQualityStore : public QualityStore {
 public:
  OdbcQualityStore(std::string connection, std::string metrics_table);
  void Save(const RunRecord& run, const std::vector<MetricRow>& metrics) override;

 private:
  std::string connection_;
  std::string metrics_table_;
};

}  // namespace sluice

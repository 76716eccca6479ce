// Table metrics: a batch's kept rows observed column by column, and merged per column.
#include "pipeline/metrics/table_metrics.h"

#include <gtest/gtest.h>

#include "pipeline/errors.h"
#include "tests/pipeline/metrics/metrics_test_support.h"

namespace sluice {
namespace {

// Batches own an arena and do not move: filled in place.
void FillBatch(Batch& batch, const std::vector<std::optional<std::string>>& names,
               const std::vector<std::optional<std::string>>& amounts,
               const std::vector<RowState>& states) {
  batch.schema.fields = {{"name", *ParseDataType("text")},
                         {"amount", *ParseDataType("decimal(10,2)")}};
  batch.columns.push_back(metrics_test::MakeColumn("text", names));
  batch.columns.push_back(metrics_test::MakeColumn("decimal(10,2)", amounts));
  batch.states = states;
}

TEST(TableMetrics, ObservesTheKeptRowsOfEachColumn) {
  const std::vector<std::optional<std::string>> names = {"ann", "bob", std::nullopt};
  const std::vector<std::optional<std::string>> amounts = {"1.00", "-2.50", "9.99"};
  Batch batch;
  FillBatch(batch, names, amounts, {RowState::kKeep, RowState::kRejected, RowState::kKeep});
  TableMetrics metrics(batch.schema);
  metrics.ObserveBatch(batch);
  EXPECT_EQ(metrics.rows, 2u);
  ASSERT_EQ(metrics.columns.size(), 2u);
  EXPECT_EQ(metrics.columns[0].nulls(), 1u);
  EXPECT_EQ(metrics.columns[0].Max(), "ann");
  EXPECT_EQ(metrics.columns[1].Min(), "1.00");
  EXPECT_EQ(metrics.columns[1].Max(), "9.99");
}

TEST(TableMetrics, MergesBatchesColumnByColumn) {
  const std::vector<std::optional<std::string>> names1 = {"ann", "bob"};
  const std::vector<std::optional<std::string>> amounts1 = {"1.00", "2.00"};
  const std::vector<std::optional<std::string>> names2 = {"cy"};
  const std::vector<std::optional<std::string>> amounts2 = {"-3.00"};
  Batch first;
  FillBatch(first, names1, amounts1, {RowState::kKeep, RowState::kKeep});
  Batch second;
  FillBatch(second, names2, amounts2, {RowState::kKeep});
  TableMetrics a(first.schema);
  a.ObserveBatch(first);
  TableMetrics b(second.schema);
  b.ObserveBatch(second);
  TableMetrics total;  // the aggregator starts empty
  total.Merge(a);
  total.Merge(b);
  EXPECT_EQ(total.rows, 3u);
  EXPECT_EQ(total.columns[0].Max(), "cy");
  EXPECT_EQ(total.columns[1].Min(), "-3.00");
  EXPECT_EQ(total.columns[1].Distinct(), 3u);
}

TEST(TableMetrics, RefusesABatchOfOtherColumns) {
  Schema schema;
  schema.fields = {{"only", *ParseDataType("text")}};
  TableMetrics metrics(schema);
  const std::vector<std::optional<std::string>> names = {"ann"};
  const std::vector<std::optional<std::string>> amounts = {"1.00"};
  Batch batch;
  FillBatch(batch, names, amounts, {RowState::kKeep});
  EXPECT_THROW(metrics.ObserveBatch(batch), RunError);
  TableMetrics other;
  other.rows = 1;
  other.columns.resize(2);
  EXPECT_THROW(metrics.Merge(other), RunError);
}

}  // namespace
}  // namespace sluice

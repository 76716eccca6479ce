// Filter, transform chains and casts for one batch.
#include "pipeline/transform_stage.h"

#include "pipeline/errors.h"
#include "pipeline/value_cast.h"

namespace sluice {
namespace {

bool PointsInto(std::string_view v, const std::string& s) {
  return !v.empty() && v.data() >= s.data() && v.data() < s.data() + s.size();
}

bool IsBlank(std::string_view v) {
  for (char c : v) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

void ApplyFilter(const FilterPlan& f, Batch& batch) {
  const Column& c = batch.columns[f.source_index];
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    if (batch.states[row] != RowState::kKeep) continue;
    bool listed = false;
    if (!c.IsNull(row)) {
      for (const std::string& v : f.values) {
        if (c.text[row] == v) {
          listed = true;
          break;
        }
      }
    }
    if (listed != f.keep_when_listed) batch.states[row] = RowState::kFiltered;
  }
}

// Joins the non-NULL parts; NULL when every part is NULL. The result lives in `scratch`.
Value Concat(const ColumnPlan& col, const Batch& batch, size_t row, std::string& scratch) {
  scratch.clear();
  bool any = false;
  for (size_t index : col.concat_indexes) {
    const Column& part = batch.columns[index];
    if (part.IsNull(row)) continue;
    if (any) scratch += col.separator;
    scratch += part.text[row];
    any = true;
  }
  return any ? Value{scratch, false} : Value{{}, true};
}

std::string Location(const Batch& batch, size_t row) {
  return batch.source_name + ":" + std::to_string(batch.origins[row].line);
}

// Runs one value through the chain; returns false when the row was rejected.
bool RunChain(const ColumnPlan& col, Batch& batch, size_t row, Value& v, std::string scratch[2]) {
  for (const ValueTransformPtr& t : col.transforms) {
    if (v.is_null && !t->AcceptsNull()) continue;
    // The output may not alias the input: write into the buffer the input is not in.
    std::string& out = PointsInto(v.text, scratch[0]) ? scratch[1] : scratch[0];
    ValueOutcome r = t->Apply(v, out);
    switch (r.kind) {
      case ValueOutcome::kOk:
        v.text = r.value;
        v.is_null = false;
        break;
      case ValueOutcome::kNull:
        v.text = {};
        v.is_null = true;
        break;
      case ValueOutcome::kInvalid:
        switch (t->on_invalid) {
          case InvalidPolicy::kReject:
            batch.Reject(static_cast<uint32_t>(row), col.name, std::string(t->Name()), r.reason);
            return false;
          case InvalidPolicy::kNull:
            v.text = {};
            v.is_null = true;
            break;
          case InvalidPolicy::kKeep:
            break;
          case InvalidPolicy::kFail:
            throw RunError(Location(batch, row) + ": column " + col.name + ", transform " +
                           std::string(t->Name()) + " (on_invalid: fail): " + r.reason);
        }
        break;
    }
  }
  return true;
}

}  // namespace

void TransformBatch(const RunPlan& plan, Batch& batch) {
  const size_t rows = batch.num_rows();
  if (plan.filter) ApplyFilter(*plan.filter, batch);

  // Rows alive when the stage starts: a row rejected by one column still gets every other
  // column checked, so its rejection lists all its problems.
  std::vector<uint8_t> live(rows);
  for (size_t row = 0; row < rows; ++row) live[row] = batch.states[row] == RowState::kKeep;

  std::vector<Column> out(plan.columns.size());
  std::string scratch[2];
  std::string reason;
  for (size_t ci = 0; ci < plan.columns.size(); ++ci) {
    const ColumnPlan& col = plan.columns[ci];
    Column& dst = out[ci];
    dst.type = col.type;
    dst.Reserve(rows);
    const Column* src =
        col.origin == ColumnPlan::Origin::kSource ? &batch.columns[col.source_index] : nullptr;
    for (size_t row = 0; row < rows; ++row) {
      if (!live[row]) {
        dst.AppendNull();
        continue;
      }
      Value v;
      if (src != nullptr) {
        v.is_null = src->IsNull(row);
        if (!v.is_null) v.text = src->text[row];
      } else if (col.origin == ColumnPlan::Origin::kConcat) {
        v = Concat(col, batch, row, scratch[0]);
      } else {
        v.text = col.constant;
      }
      if (!RunChain(col, batch, row, v, scratch)) {
        dst.AppendNull();
        continue;
      }
      if (col.fallback && (v.is_null || IsBlank(v.text))) {
        v.text = *col.fallback;
        v.is_null = false;
      }
      // An empty field of a typed column is a missing value, not a bad one.
      if (v.is_null || (!col.type.IsText() && IsBlank(v.text))) {
        dst.AppendNull();
        continue;
      }
      switch (col.type.id) {
        case TypeId::kText:
          dst.AppendText(PointsInto(v.text, scratch[0]) || PointsInto(v.text, scratch[1])
                             ? batch.arena.Store(v.text)
                             : v.text);
          break;
        case TypeId::kDouble: {
          double d;
          if (CastToReal(v.text, d, reason)) {
            dst.AppendDouble(d);
          } else {
            batch.Reject(static_cast<uint32_t>(row), col.name, "type", reason);
            dst.AppendNull();
          }
          break;
        }
        default: {
          int64_t i;
          if (CastToInt(v.text, col.type, i, reason)) {
            dst.AppendInt(i);
          } else {
            batch.Reject(static_cast<uint32_t>(row), col.name, "type", reason);
            dst.AppendNull();
          }
        }
      }
    }
  }
  batch.columns = std::move(out);
  batch.schema = plan.target_schema;
}

}  // namespace sluice

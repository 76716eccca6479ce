// JsonRowBuilder: one document -> one row. Values the walker found in the document's own bytes
// become views into the row's raw text (copied into the arena once), the others are copied.
#include "connectors/json/json_rows.h"

#include <utility>

namespace sluice {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view kRule = "json";
// The parser keeps the capacity of the largest document it has seen; past this it gives the
// memory back after such a document.
constexpr size_t kParserKeepBytes = size_t{8} << 20;

size_t FirstNonSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return i;
}

}  // namespace

JsonRowBuilder::JsonRowBuilder(std::vector<JsonColumnSpec> columns, size_t max_document_bytes)
    : columns_(std::move(columns)), max_document_bytes_(max_document_bytes), walker_(columns_) {}

std::string_view JsonRowBuilder::AppendRowStart(Batch& out, std::string_view raw,
                                                RowOrigin origin) {
  const std::string_view copy = out.arena.Store(raw);
  out.raw_records.push_back(copy);
  out.origins.push_back(origin);
  out.states.push_back(RowState::kKeep);
  return copy;
}

void JsonRowBuilder::AppendRejected(Batch& out, std::string_view raw, RowOrigin origin,
                                    std::string column, std::string reason) {
  const auto row = static_cast<uint32_t>(out.states.size());
  AppendRowStart(out, raw, origin);
  for (Column& c : out.columns) c.AppendNull();
  out.Reject(row, std::move(column), std::string(kRule), std::move(reason));
}

void JsonRowBuilder::AppendOversized(Batch& out, std::string_view prefix, uint64_t size, bool exact,
                                     RowOrigin origin) {
  const std::string_view kept = prefix.substr(0, kOversizedPrefix);
  AppendRejected(
      out, kept, origin, "",
      "the document is larger than max_document_bytes (" + std::to_string(max_document_bytes_) +
          " bytes): " + (exact ? "" : "at least ") + std::to_string(size) +
          " bytes; the raw text kept is its first " + std::to_string(kept.size()) + " bytes");
}

bool JsonRowBuilder::AppendWalked(Batch& out, std::string_view raw, RowOrigin origin) {
  const std::optional<JsonMismatch>& mismatch = walker_.mismatch();
  if (mismatch) {
    AppendRejected(out, raw, origin, columns_[mismatch->column].name, mismatch->reason);
    return false;
  }
  const std::string_view copy = AppendRowStart(out, raw, origin);
  const std::vector<JsonSlot>& slots = walker_.slots();
  for (size_t i = 0; i < slots.size(); ++i) {
    const JsonSlot& slot = slots[i];
    Column& column = out.columns[i];
    if (slot.kind != JsonSlot::Kind::kText) {
      column.AppendNull();
    } else if (slot.in_document && slot.text.data() >= raw.data() &&
               slot.text.data() + slot.text.size() <= raw.data() + raw.size()) {
      column.AppendText(
          copy.substr(static_cast<size_t>(slot.text.data() - raw.data()), slot.text.size()));
    } else {
      column.AppendText(out.arena.Store(slot.text));
    }
  }
  return true;
}

bool JsonRowBuilder::ParseAndAppend(Batch& out, std::string_view doc, size_t capacity,
                                    RowOrigin origin, TextPosition start) {
  const auto reject = [&](std::string reason) {
    AppendRejected(out, doc, origin, "", std::move(reason));
    return false;
  };
  const auto syntax = [&](od::document& d, const JsonSyntaxError& walked) {
    JsonSyntaxError error = walked;
    if (error.at == nullptr) {
      const char* at = nullptr;
      if (!d.current_location().get(at)) error.at = at;
    }
    return reject(DescribeSyntaxError(doc, start, error));
  };

  if (doc.size() > max_document_bytes_) {
    AppendOversized(out, doc, doc.size(), true, origin);
    return false;
  }
  od::document document;
  if (auto e = parser_.iterate(simdjson::padded_string_view(doc.data(), doc.size(), capacity))
                   .get(document)) {
    return reject(DescribeSyntaxError(doc, start, JsonSyntaxError{e, nullptr, {}}));
  }
  const size_t first = FirstNonSpace(doc);
  if (first == doc.size() || doc[first] != '{') {
    return reject(DescribeNonObject(doc.substr(first), PositionIn(doc, first, start)));
  }
  od::object root;
  bool ok = true;
  if (auto e = document.get_object().get(root)) {
    ok = syntax(document, JsonSyntaxError{e, nullptr, {}});
  } else if (!walker_.Walk(root, doc.data() + doc.size())) {
    ok = syntax(document, walker_.error());
  } else if (const char* after = nullptr; !document.current_location().get(after)) {
    // Anything but OUT_OF_BOUNDS here is a token after the root object.
    const auto at = static_cast<size_t>(after - doc.data());
    const size_t gap_start = doc.find_last_not_of(" \t", at - 1);
    // NDJSON with classic Mac line ends is one long line of documents separated by CRs.
    const bool after_cr = gap_start != std::string_view::npos && doc[gap_start] == '\r';
    ok = reject(
        "unexpected content after the document at " + FormatPosition(PositionIn(doc, at, start)) +
        (after_cr ? " (after a carriage return: lines must end in LF or CRLF, not CR alone)" : ""));
  } else {
    ok = AppendWalked(out, doc, origin);
  }
  if (parser_.capacity() > kParserKeepBytes && doc.size() > kParserKeepBytes) {
    // Best effort: when the smaller allocation fails the next iterate() allocates again.
    if (parser_.allocate(kParserKeepBytes) != simdjson::SUCCESS)
      parser_ = simdjson::ondemand::parser();
  }
  return ok;
}

}  // namespace sluice

// MultiFileSource: one inner source at a time; the first file's column names are the schema, and
// a later file may list the same names in another order (JSON keys have no fixed order).
#include "connectors/file/multi_file_source.h"

#include <glob.h>

#include <algorithm>
#include <utility>

#include "pipeline/errors.h"

namespace sluice {
namespace {

std::string Names(const Schema& schema) {
  std::string out;
  for (const Field& f : schema.fields) out += (out.empty() ? "" : ", ") + f.name;
  return "[" + out + "]";
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return out;
}

}  // namespace

std::vector<std::string> MultiFileSource::ExpandGlob(const std::string& pattern) {
  glob_t matches{};
  const int rc = ::glob(pattern.c_str(), GLOB_MARK, nullptr, &matches);
  std::vector<std::string> paths;
  if (rc == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) {
      std::string path = matches.gl_pathv[i];
      if (!path.empty() && path.back() != '/') paths.push_back(std::move(path));  // no folders
    }
  }
  ::globfree(&matches);
  if (rc == GLOB_ABORTED) {
    throw ConfigError("", "cannot read the folders of \"" + pattern + "\"");
  }
  if (paths.empty()) throw ConfigError("", "no file matches \"" + pattern + "\"");
  // Byte order, not the locale's collation: the same files load in the same order everywhere.
  std::sort(paths.begin(), paths.end());
  return paths;
}

MultiFileSource::MultiFileSource(std::vector<std::string> paths, Factory factory)
    : paths_(std::move(paths)), factory_(std::move(factory)) {
  if (paths_.empty()) throw ConfigError("", "no files to read");
  // A file with no columns at all (an empty JSON file) has no rows either: the columns are
  // those of the first file that has some.
  first_ = factory_(paths_[0]);
  schema_ = first_->schema();
  for (size_t i = 1; schema_.size() == 0 && i < paths_.size(); ++i) {
    schema_ = factory_(paths_[i])->schema();
    schema_from_ = i;
  }
  Open(0);
}

void MultiFileSource::Open(size_t index) {
  std::unique_ptr<Source> source =
      index == 0 && first_ ? std::move(first_) : factory_(paths_[index]);
  const Schema& schema = source->schema();
  if (index == schema_from_ || schema.size() == 0) {
    mapping_.resize(schema.size());
    for (size_t i = 0; i < mapping_.size(); ++i) mapping_[i] = i;
    identity_ = true;
  } else {
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::vector<size_t> mapping(schema_.size());
    for (size_t i = 0; i < schema_.size(); ++i) {
      const auto at = schema.IndexOf(schema_.fields[i].name);
      if (!at) {
        missing.push_back(schema_.fields[i].name);
      } else {
        mapping[i] = *at;
      }
    }
    for (const Field& f : schema.fields) {
      if (!schema_.IndexOf(f.name)) extra.push_back(f.name);
    }
    if (!missing.empty() || !extra.empty() || schema.size() != schema_.size()) {
      std::string difference;
      if (!missing.empty()) difference += "it lacks " + Quoted(missing);
      if (!extra.empty()) {
        difference += (difference.empty() ? "it has " : " and has ") + Quoted(extra) + " besides";
      }
      if (difference.empty()) difference = "it names a column twice";
      throw RunError(paths_[index] + " has columns " + Names(schema) + ", not those of " +
                     paths_[schema_from_] + " (the first file with columns) " + Names(schema_) +
                     ": " + difference);
    }
    mapping_ = std::move(mapping);
    identity_ = true;
    for (size_t i = 0; i < mapping_.size(); ++i) identity_ = identity_ && mapping_[i] == i;
  }
  source_ = std::move(source);
  current_ = index;
}

bool MultiFileSource::ReadNext(Batch& out, size_t max_rows) {
  for (;;) {
    source_->ReadNext(out, max_rows);
    if (out.num_rows() > 0) break;
    if (current_ + 1 >= paths_.size()) return false;
    Open(current_ + 1);
  }
  out.source_name = paths_[current_];
  out.schema = schema_;
  if (!identity_) {
    std::vector<Column> columns(mapping_.size());
    for (size_t i = 0; i < mapping_.size(); ++i) columns[i] = std::move(out.columns[mapping_[i]]);
    out.columns = std::move(columns);
  }
  return true;
}

SourcePosition MultiFileSource::Position() const {
  SourcePosition at = source_->Position();
  at.key = paths_[current_];
  return at;
}

void MultiFileSource::SeekTo(const SourcePosition& at) {
  size_t index = 0;
  if (!at.key.empty()) {
    const auto it = std::find(paths_.begin(), paths_.end(), at.key);
    if (it == paths_.end()) {
      throw RunError("cannot resume in " + at.key + ": it is not among the " +
                     std::to_string(paths_.size()) + " files to read (" + paths_.front() + " .. " +
                     paths_.back() + ")");
    }
    index = static_cast<size_t>(it - paths_.begin());
  }
  if (index != current_) Open(index);
  SourcePosition inner = at;
  inner.key.clear();
  source_->SeekTo(inner);
}

}  // namespace sluice

// Reads several files of one format as one source, one after another: the files of a glob
// ("exports/2024-*.ndjson"), each read by a source the factory makes. Every file must have the
// columns of the first; batches never mix rows of two files, and positions name the file, so
// --resume continues in the right one.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/source.h"

namespace sluice {

class MultiFileSource : public Source {
 public:
  using Factory = std::function<std::unique_ptr<Source>(const std::string& path)>;

  // The paths matching a glob(3) pattern, sorted. Throws ConfigError naming the pattern when
  // nothing matches (or the pattern cannot be read).
  static std::vector<std::string> ExpandGlob(const std::string& pattern);

  // Opens the first file; its columns are everyone's (when it has none, being empty, those of
  // the first file that has some). The others are opened when reached. Throws ConfigError for
  // an empty list.
  MultiFileSource(std::vector<std::string> paths, Factory factory);

  const Schema& schema() const override { return schema_; }
  // Rows of the current file only; moves on to the next file when it is exhausted. Throws
  // RunError naming both files when a file's columns differ from the first file's.
  bool ReadNext(Batch& out, size_t max_rows) override;
  // The current file's position, with `key` = its path.
  SourcePosition Position() const override;
  // Continues in the file `at.key` names (the first when empty). Throws RunError when that
  // file is not among the paths.
  void SeekTo(const SourcePosition& at) override;

  const std::vector<std::string>& paths() const { return paths_; }

 private:
  // Opens paths_[index] and checks its columns; the order may differ, it is mapped.
  void Open(size_t index);

  std::vector<std::string> paths_;
  Factory factory_;
  Schema schema_;
  size_t schema_from_ = 0;         // the file whose columns are schema_
  std::unique_ptr<Source> first_;  // paths_[0], opened while looking for the columns
  size_t current_ = 0;
  std::unique_ptr<Source> source_;
  // For each column of schema_, its index in the current file's batches.
  std::vector<size_t> mapping_;
  bool identity_ = true;
};

}  // namespace sluice

// NDJSON rejects file.
#include "pipeline/reject_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "pipeline/errors.h"
#include "pipeline/json_text.h"

namespace sluice {

namespace {

// RFC 4180: quoted when it holds a delimiter, quote or line break; quotes doubled.
void AppendCsvField(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

RejectWriter::RejectWriter(std::string path, std::string job, std::string run_id,
                           RejectFormat format, std::optional<uint64_t> continue_at)
    : path_(std::move(path)), job_(std::move(job)), run_id_(std::move(run_id)), format_(format) {
  std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (continue_at ? 0 : O_TRUNC);
  int fd = ::open(path_.c_str(), flags, 0600);
  if (fd < 0) {
    throw RunError("cannot create the rejects file " + path_ + ": " + std::strerror(errno));
  }
  ::fchmod(fd, 0600);  // an existing file keeps its mode on O_TRUNC
  if (continue_at &&
      (::ftruncate(fd, static_cast<off_t>(*continue_at)) != 0 || ::lseek(fd, 0, SEEK_END) < 0)) {
    ::close(fd);
    throw RunError("cannot continue the rejects file " + path_ + ": " + std::strerror(errno));
  }
  file_ = ::fdopen(fd, "w");
  if (file_ == nullptr) {
    ::close(fd);
    throw RunError("cannot open the rejects file " + path_ + ": " + std::strerror(errno));
  }
  if (continue_at) {
    flushed_bytes_ = *continue_at;
  } else if (format_ == RejectFormat::kCsv) {
    static const char kHeader[] =
        "run_id,job,source,line,byte_offset,column,rule,reason,record\r\n";
    std::fwrite(kHeader, 1, sizeof kHeader - 1, file_);
  }
}

void RejectWriter::AppendNdjson(const Batch& batch, const Rejection& r) {
  const RowOrigin& o = batch.origins[r.row];
  buffer_ += "{\"run_id\":";
  AppendJsonString(buffer_, run_id_);
  buffer_ += ",\"job\":";
  AppendJsonString(buffer_, job_);
  buffer_ += ",\"source\":";
  AppendJsonString(buffer_, batch.source_name);
  buffer_ += ",\"line\":" + std::to_string(o.line);
  buffer_ += ",\"byte_offset\":" + std::to_string(o.byte_offset);
  buffer_ += ",\"column\":";
  AppendJsonString(buffer_, r.column);
  buffer_ += ",\"rule\":";
  AppendJsonString(buffer_, r.rule);
  buffer_ += ",\"reason\":";
  AppendJsonString(buffer_, r.reason);
  buffer_ += ",\"record\":";
  AppendJsonString(buffer_, r.row < batch.raw_records.size() ? batch.raw_records[r.row] : "");
  buffer_ += "}\n";
}

void RejectWriter::AppendCsv(const Batch& batch, const Rejection& r) {
  const RowOrigin& o = batch.origins[r.row];
  for (std::string_view field :
       {std::string_view(run_id_), std::string_view(job_), std::string_view(batch.source_name)}) {
    AppendCsvField(buffer_, field);
    buffer_ += ',';
  }
  buffer_ += std::to_string(o.line) + "," + std::to_string(o.byte_offset) + ",";
  AppendCsvField(buffer_, r.column);
  buffer_ += ',';
  AppendCsvField(buffer_, r.rule);
  buffer_ += ',';
  AppendCsvField(buffer_, r.reason);
  buffer_ += ',';
  AppendCsvField(buffer_, r.row < batch.raw_records.size() ? batch.raw_records[r.row] : "");
  buffer_ += "\r\n";
}

RejectWriter::~RejectWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void RejectWriter::Write(const Batch& batch, const std::vector<Rejection>& refused) {
  buffer_.clear();
  // Stages reject in their own order; the file follows the source.
  std::vector<const Rejection*> ordered;
  ordered.reserve(batch.rejections.size() + refused.size());
  for (const Rejection& r : batch.rejections) ordered.push_back(&r);
  for (const Rejection& r : refused) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Rejection* a, const Rejection* b) { return a->row < b->row; });
  for (const Rejection* r : ordered) {
    if (format_ == RejectFormat::kCsv) {
      AppendCsv(batch, *r);
    } else {
      AppendNdjson(batch, *r);
    }
  }
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    throw RunError("cannot write the rejects file " + path_ + ": " + std::strerror(errno));
  }
  flushed_bytes_ = static_cast<uint64_t>(std::ftell(file_));
}

void RejectWriter::Flush() {
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
    throw RunError("cannot write the rejects file " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace sluice

// ReadWindow: compacts consumed bytes away before reading more, and grows only when the
// unconsumed bytes alone fill the buffer (a document bigger than a block).
#include "connectors/file/read_window.h"

#include <algorithm>
#include <cstring>

namespace sluice {

ReadWindow::ReadWindow(ByteReader& reader, size_t block_bytes, size_t padding)
    : reader_(reader), block_bytes_(std::max<size_t>(block_bytes, 1)), padding_(padding) {
  Reallocate(2 * block_bytes_);
}

void ReadWindow::Reallocate(size_t data_bytes) {
  const size_t held = size();
  const size_t allocated = data_bytes + padding_;
  auto grown = std::make_unique_for_overwrite<char[]>(allocated);
  if (held > 0) std::memcpy(grown.get(), buffer_.get() + begin_, held);
  std::memset(grown.get() + held, ' ', padding_);
  buffer_ = std::move(grown);
  allocated_ = allocated;
  base_offset_ += begin_;
  begin_ = 0;
  end_ = held;
}

bool ReadWindow::Fill() {
  if (eof_) return false;
  const size_t data_bytes = allocated_ - padding_;
  if (data_bytes - end_ < block_bytes_) {
    if (size() + block_bytes_ <= data_bytes) {
      // Enough room once the consumed bytes are gone: slide instead of growing.
      std::memmove(buffer_.get(), buffer_.get() + begin_, size());
      base_offset_ += begin_;
      end_ -= begin_;
      begin_ = 0;
    } else {
      Reallocate(std::max(2 * data_bytes, size() + block_bytes_));
    }
  }
  const size_t got = reader_.Read(buffer_.get() + end_, allocated_ - padding_ - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  std::memset(buffer_.get() + end_, ' ', padding_);
  return true;
}

void ReadWindow::Reset(uint64_t offset) {
  begin_ = 0;
  end_ = 0;
  base_offset_ = offset;
  eof_ = false;
  std::memset(buffer_.get(), ' ', padding_);
}

void ReadWindow::ShrinkIfLarge() {
  const size_t normal = 2 * block_bytes_;
  if (allocated_ - padding_ > 4 * normal && size() <= normal) Reallocate(normal);
}

}  // namespace sluice

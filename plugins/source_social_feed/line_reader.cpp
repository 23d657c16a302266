// SPDX-License-Identifier: Apache-2.0
#include "line_reader.h"

#include <cerrno>
#include <cstring>

namespace cxmap::social {
namespace {
constexpr size_t kChunk = size_t{256} << 10;
}  // namespace

bool LineReader::Fill() {
  if (eof_) return false;
  buf_.erase(0, pos_);
  pos_ = 0;
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  size_t n = std::fread(buf_.data() + old, 1, kChunk, file_);
  buf_.resize(old + n);
  bytes_read_ += n;
  if (n < kChunk) {
    eof_ = true;
    error_ = std::ferror(file_) != 0;
  }
  return n > 0;
}

Status LineReader::Next(Event* event, std::string* line, uint64_t* number, bool* terminated) {
  line->clear();
  bool too_long = false;
  while (true) {
    size_t nl = buf_.find('\n', pos_);
    size_t end = nl == std::string::npos ? buf_.size() : nl;
    size_t take = too_long ? 0 : std::min(end - pos_, max_ + 1 - std::min(line->size(), max_ + 1));
    line->append(buf_, pos_, take);
    if (line->size() > max_) {
      too_long = true;
      line->resize(max_);
    }
    if (nl != std::string::npos) {
      pos_ = nl + 1;
      *terminated = true;
      break;
    }
    pos_ = buf_.size();
    if (!Fill()) {
      if (error_) return Status::IoError(std::string("read failed: ") + std::strerror(errno));
      if (line->empty() && !too_long) {
        *event = Event::kEnd;
        return Status::Ok();
      }
      *terminated = false;
      break;
    }
  }
  if (!too_long && !line->empty() && line->back() == '\r') line->pop_back();
  *number = ++line_no_;
  *event = too_long ? Event::kTooLong : Event::kLine;
  return Status::Ok();
}

}  // namespace cxmap::social

// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "cxmap/status.h"

namespace cxmap::social {

/// Reads a file line by line in fixed-size chunks, so memory is bounded by
/// `max_line_bytes` however long a line is. Does not own the FILE.
class LineReader {
 public:
  enum class Event {
    kLine,     ///< `line` holds a whole line (without its LF or CRLF)
    kTooLong,  ///< the line exceeded max_line_bytes: `line` holds its start, the rest is skipped
    kEnd,      ///< no more input
  };

  LineReader(std::FILE* file, size_t max_line_bytes) : file_(file), max_(max_line_bytes) {}

  /// The next line, its 1-based number, and whether a line break ended it
  /// (false only for a last line cut off at the end of the file). IoError
  /// when reading fails.
  Status Next(Event* event, std::string* line, uint64_t* number, bool* terminated);
  /// Bytes consumed from the file so far (for progress).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool Fill();

  std::FILE* file_;
  size_t max_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool error_ = false;
  uint64_t line_no_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace cxmap::social

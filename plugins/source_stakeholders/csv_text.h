// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "cxmap/support/utf8.h"

namespace cxmap::stakeholders {

/// A stakeholder list's bytes as UTF-8.
struct DecodedText {
  std::string utf8;      ///< byte order mark removed
  std::string encoding;  ///< "UTF-8", "UTF-16LE" or "UTF-16BE"
};

/// Decodes a list: a UTF-16 byte order mark (Excel's "Unicode Text" TSV)
/// means UTF-16, anything else is taken as UTF-8 and its BOM dropped.
/// UTF-8 is not checked here (rows are, one by one). A bad UTF-16 unit
/// becomes the byte 0xFF, never valid UTF-8, so only its row is rejected.
/// `complete` = false: `bytes` is a head, and a cut last unit is dropped.
DecodedText DecodeList(std::string_view bytes, bool complete);

/// Byte offset of the first ill-formed UTF-8 sequence of `s`, or npos.
using support::FirstInvalidUtf8;

/// At most `max_bytes` of `s`, cut on a character boundary, ill-formed
/// bytes replaced by U+FFFD: safe as a reject excerpt.
inline std::string SafeExcerpt(std::string_view s, size_t max_bytes = 160) {
  return support::SafeExcerpt(s, max_bytes, /*newlines_to_spaces=*/true);
}

/// One delimited row and the physical line it starts on (1-based).
struct CsvRow {
  std::vector<std::string> fields;
  uint64_t line = 0;
  std::string_view raw;       ///< the row's bytes, for excerpts
  bool unterminated = false;  ///< a quoted field ran to the end of the text
};

/// Splits UTF-8 text into RFC 4180 rows with `delimiter`: '"' quotes with
/// "" escapes, line breaks inside quotes, LF / CRLF / CR row ends.
/// Hand-written because no Debian C++ library offers a CSV reader and the
/// project's reader belongs to another plugin (plugins never link each
/// other); a stakeholder list is one small file read at once.
class CsvSplitter {
 public:
  CsvSplitter(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}
  /// The next row; false at the end of the text. Not thread-safe.
  bool Next(CsvRow* row);
  /// Bytes consumed so far.
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
};

/// True when every field of `row` is empty or whitespace (a blank line).
bool IsBlank(const CsvRow& row);

/// `s` without ASCII spaces/tabs (and NBSP) at either end.
std::string_view Trim(std::string_view s);

}  // namespace cxmap::stakeholders

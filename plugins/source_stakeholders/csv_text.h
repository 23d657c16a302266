// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "cxmap/support/csv.h"
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

/// RFC 4180 rows of a list read at once (the SDK's support/csv.h).
using support::CsvRow;
using support::CsvSplitter;

/// True when every field of `row` is empty or whitespace (a blank line).
bool IsBlank(const CsvRow& row);

/// `s` without ASCII spaces/tabs (and NBSP) at either end.
std::string_view Trim(std::string_view s);

}  // namespace cxmap::stakeholders

// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include "cxmap/support/utf8.h"

namespace cxmap::social {

/// An export's bytes as UTF-8, with the encoding that was found.
struct DecodedText {
  std::string utf8;      ///< BOM removed; bad units replaced by byte 0xFF (see DecodeExport)
  std::string encoding;  ///< "UTF-8", "UTF-16LE" or "UTF-16BE"
  std::string reason;    ///< how the encoding was recognised
};

/// Decodes a whole export (or its first bytes, `complete` = false) to
/// UTF-8. A UTF-16 BOM, or NUL bytes in every other position of the first
/// line, mean UTF-16 (Play Console writes UTF-16LE with a BOM); anything
/// else is UTF-8, whose BOM is dropped. UTF-8 is passed through unchecked.
/// In UTF-16 an unpaired surrogate or an odd last byte becomes the byte
/// 0xFF, which is never valid UTF-8, so a later per-row check rejects
/// exactly that row. When `complete` is false a cut-off last code unit is
/// dropped instead. Pure function, thread-safe.
DecodedText DecodeExport(std::string_view bytes, bool complete);

/// True when `s` is well-formed UTF-8 (no surrogates, no overlongs).
using support::IsValidUtf8;

/// Byte offset of the first ill-formed UTF-8 sequence in `s`, or npos.
using support::FirstInvalidUtf8;

/// At most `max_bytes` of `s`, cut at a character boundary, ill-formed
/// bytes replaced by U+FFFD: safe to store as a reject excerpt.
inline std::string SafeExcerpt(std::string_view s, size_t max_bytes = 200) {
  return support::SafeExcerpt(s, max_bytes);
}

}  // namespace cxmap::social

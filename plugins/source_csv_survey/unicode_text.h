// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "cxmap/status.h"
#include "cxmap/support/utf8.h"

namespace cxmap::csv {

/// `s` without leading and trailing ASCII whitespace.
std::string_view TrimAscii(std::string_view s);

/// Writes `in` to `*out` as well-formed UTF-8 in NFC: ill-formed sequences
/// become U+FFFD first (UTF-8 input is passed through undecoded, so this is
/// where bad bytes are caught). ASCII and already-NFC text is copied as is.
/// Errors: Internal if ICU fails. Thread-safe.
Status CleanText(std::string_view in, std::string* out);

/// Folds a column header for matching against the role vocabulary:
/// lower case, Vietnamese diacritics removed (đ -> d), ASCII punctuation
/// and runs of spaces collapsed to one space, trimmed. Thai and Chinese
/// pass through unchanged. "Nhận xét (Q5)" -> "nhan xet q5". Thread-safe.
std::string FoldHeader(std::string_view header);

/// Unicode case fold + NFC, diacritics kept ("KHÁCH HÀNG" -> "khách hàng"):
/// what cxmap/support/speaker_roles.h matches labels against. Thread-safe.
std::string FoldCase(std::string_view s);

/// At most `max_bytes` of `s`, cut at a character boundary.
using support::TruncateUtf8;

}  // namespace cxmap::csv

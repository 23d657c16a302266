// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include "cxmap/support/utf8.h"

namespace cxmap::callcenter {

/// Byte offset of the first ill-formed UTF-8 sequence in `s`, or npos.
using support::FirstInvalidUtf8;

/// `s` without leading/trailing ASCII blanks (space, tab, CR, LF).
std::string_view TrimBlanks(std::string_view s);

/// NFC, Unicode case fold, inner blanks collapsed to one space: the form in
/// which speaker labels and metadata keys are compared ("KHÁCH HÀNG" and a
/// decomposed "khách hàng" fold alike). Invalid UTF-8 folds to "".
std::string FoldLabel(std::string_view s);

/// At most `max_bytes` of `s`, cut on a UTF-8 character boundary.
using support::TruncateUtf8;

/// Parses a date-time as call centres write it: ISO 8601 (`2024-03-05T10:22:13Z`,
/// `+07:00`, fractions), `2024-03-05 10:22[:13]`, `2024/03/05 …`, `05/03/2024 …`
/// (day first unless the second number is above 12: vi/th/zh exports write
/// day first), and Thai Buddhist years (2567 → 2024). Times without a zone
/// are in `utc_offset_minutes`. A date without a time is midnight.
std::optional<int64_t> ParseDateTime(std::string_view s, int utc_offset_minutes);

/// Parses a length of time: `325`, `325.5`, `325s`, `5:25`, `00:05:25`,
/// `1h2m3s`, `5m 25s`, `325 ms` (milliseconds). Seconds, or nullopt.
std::optional<double> ParseDurationSeconds(std::string_view s);

/// Parses a plain decimal number (`4`, `4.5`, `4/5` → 4, `4,5` → 4.5).
std::optional<double> ParseNumber(std::string_view s);

/// Formats seconds without a trailing ".0" ("325", "12.5").
std::string FormatSeconds(double seconds);

}  // namespace cxmap::callcenter

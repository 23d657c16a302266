// SPDX-License-Identifier: Apache-2.0
// How a result's evidence spans are stored: one BLOB per value (column
// p<field id> of its plugin's result table), a few bytes per span. A span
// repeats no text: the bytes it covers are in the unit's stored text.
//
// Each span, in the order the plugin reported them, is
//   varint  zigzag(begin - end of the previous span; 0 for the first)
//   varint  (end - begin) << 1 | (evidence is not previous + 1)
//   varint  zigzag(evidence - previous - 1), only when that bit is set
// with unsigned LEB128 varints (7 bits per byte, low first) and the first
// span's "previous evidence" being -1. Cues found in text order, one per
// evidence entry, so cost two bytes each.
//
// Written by hand: SQLite keeps a BLOB as it is, and a general serialiser
// (JSON, MessagePack) would spend more bytes per span than this whole
// encoding, on every stored value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/batch.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The stored form of `spans` (empty for none).
std::string EncodeSpans(const std::vector<ResultSpan>& spans);
/// The spans of a stored BLOB; Corruption when it is not one EncodeSpans()
/// made (truncated, overlong varint, offset out of range).
Result<std::vector<ResultSpan>> DecodeSpans(std::string_view blob);

}  // namespace cxmap::core

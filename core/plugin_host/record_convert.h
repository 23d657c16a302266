// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "cxmap/abi_record.h"
#include "cxmap/record.h"
#include "cxmap/source_plugin.h"
#include "cxmap/status.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

/// Copies a record received from a source into an owning Record, checking
/// what the host must be able to trust: text is valid UTF-8, the channel is
/// known, scores are in range (NPS 0-10, CSAT 1-5, CES 1-7, rating 1-5).
/// Errors (kInvalidArgument) carry a reason fit for the rejected table.
Status CopyRecordFromPlugin(const cxmap_record& in, Record* out);

/// True when `s` is well-formed UTF-8 (the SDK's support/utf8.h, which
/// sources use too, so host and plugins agree on what is valid).
inline bool IsValidUtf8(std::string_view s) { return support::IsValidUtf8(s); }

/// At most `max_bytes` of `s`, cut on a character boundary, with invalid
/// sequences replaced by U+FFFD: safe to store and print as an excerpt.
inline std::string SafeExcerpt(std::string_view s, size_t max_bytes = 200) {
  return support::SafeExcerpt(s, max_bytes);
}

/// Refuses pieces a source's split() of `path` gave that the ABI does not
/// allow: an empty token, one longer than CXMAP_PIECE_TOKEN_CAPACITY or not
/// printable ASCII (tokens go into a shared store and come back to another
/// process), more than `parts` pieces, or sizes that add up to more than
/// the file (they are stored as signed 64-bit numbers and summed for
/// progress). Errors (kInternal) name `plugin`.
Status CheckPieces(const std::string& plugin, const std::string& path,
                   const std::vector<Piece>& pieces, uint32_t parts);

/// `in` with every string made a safe excerpt of a bounded size: what a
/// source's inspect() answered, in process or from its own process, is as
/// untrusted as its records.
Inspection SafeInspection(Inspection in);

}  // namespace cxmap::core

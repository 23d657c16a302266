// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

#include "call_model.h"

namespace cxmap::callcenter {

/// How text transcripts and logs are read.
struct TranscriptOptions {
  int utc_offset_minutes = 0;         ///< zone of times written without one
  size_t max_turn_bytes = 1u << 20;  ///< longer turns are rejected
};

/// Reads a text transcript or call log (format `transcript` when it has
/// speaker turns, `call_log` when it only has call records): calls start at
/// a separator line, at a key=value record, or at a metadata header after
/// turns; see README.md for the grammar and the vocabulary. Lines that break
/// the grammar, invalid UTF-8 and oversized turns become rejects with line
/// and column; everything around them is kept. Thread-safe.
ParsedInput ReadTranscript(std::string_view data, const TranscriptOptions& options);

/// Applies one metadata field ("Duration: 05:25", csat=4) to `call`. A value
/// that cannot be read is kept as attribute `<key>_raw` and reported in
/// `rejects` (the call itself still lands).
void ApplyMetadata(std::string_view key, std::string_view value, uint64_t line,
                   int utc_offset_minutes, Call& call, std::vector<ParseReject>& rejects);

}  // namespace cxmap::callcenter

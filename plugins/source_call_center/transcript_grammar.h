// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cxmap::callcenter {

/// A timestamp written at the start of (or after the speaker of) a turn.
struct Stamp {
  std::string text;                   ///< as written, e.g. "00:01:23"
  std::optional<int64_t> absolute_ms;  ///< set when the stamp carries a date
  int64_t clock_ms = 0;               ///< h:m:s as milliseconds (time of day or offset)
  bool has_hours = false;             ///< h:m:s rather than m:s
};

/// One line of a text transcript or call log, classified by shape only; the
/// reader decides from context whether "Agent: Lan" is a turn or metadata.
struct TranscriptLine {
  enum class Kind {
    kBlank,      ///< only blanks
    kSeparator,  ///< "-----", "=====", "*** Call 2 ***"
    kKeyValues,  ///< call_id=C1 agent="Lan" csat=4
    kLabelled,   ///< [stamp] label: text   (label may be a speaker or a metadata key)
    kText,       ///< anything else: a continuation of the current turn
    kError,      ///< a line that starts like a turn or a record but breaks
  };
  Kind kind = Kind::kText;
  std::optional<Stamp> stamp;
  std::string label;  ///< kLabelled: trimmed label
  std::string text;   ///< kLabelled: text after the colon; kText: the line
  std::vector<std::pair<std::string, std::string>> pairs;  ///< kKeyValues
  uint64_t column = 0;  ///< kError: 1-based byte column where it broke
  std::string reason;   ///< kError
};

/// Parses one line (without its line end) with the Boost.Spirit X3 grammar
/// described in README.md. `utc_offset_minutes` applies to dated stamps
/// without a zone. Never throws; malformed input gives Kind::kError with a
/// column. Thread-safe.
TranscriptLine ParseTranscriptLine(std::string_view line, int utc_offset_minutes);

}  // namespace cxmap::callcenter

// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cxmap/record.h"
#include "cxmap/status.h"
#include "cxmap/support/date_time.h"
#include "cxmap/support/utf8.h"

namespace cxmap_samples {

/// How one review line becomes a record; filled from the plugin's options.
struct ReviewLineOptions {
  std::string text_field = "body";       ///< JSON key holding the review text
  std::string sub_channel = "app_store";  ///< stored as the record's sub_channel
  bool keep_author = false;               ///< copy "author" into respondent
};

/// Parses one JSON Lines line (without its line break) holding one review
///   {"id","date","rating","title","body","lang","author"}
/// into `out`, overwriting its content fields (file/line are left alone).
/// Only the text field is required; a missing rating, date or language
/// stays empty/NULL. Returns InvalidArgument with a reason for a person
/// when the line is not a JSON object, the text is missing or empty, the
/// rating is not a number in 1..5, or the date is not ISO 8601. Pure
/// function: safe to call from any thread.
cxmap::Status ParseReviewLine(std::string_view line, const ReviewLineOptions& options,
                              cxmap::Record& out);

/// Converts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional
/// "Z" or "+HH:MM"/"-HH:MM" offset (no offset = UTC) to Unix milliseconds.
/// nullopt when malformed or out of range. The SDK's support layer has it.
inline std::optional<int64_t> ParseIsoDate(std::string_view s) {
  return cxmap::support::ParseIsoDateTime(s);
}

/// True when `s` is well-formed UTF-8.
using cxmap::support::IsValidUtf8;

}  // namespace cxmap_samples

// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "call_model.h"

namespace cxmap::callcenter {

/// Parses `data` as one JSON document. On failure fills `reject` with the
/// line and column nlohmann stopped at and a reason ("truncated" when the
/// input ended early, "invalid UTF-8", or the parser's message).
std::optional<nlohmann::json> ParseJson(std::string_view data, uint64_t first_line,
                                        ParseReject* reject);

/// The string at `key` of object `j` (numbers are written out), or "".
std::string JsonString(const nlohmann::json& j, std::string_view key);
/// The number at `key` of `j` (a numeric string is read too), or nullopt.
std::optional<double> JsonNumber(const nlohmann::json& j, std::string_view key);

/// Reads an Amazon Connect Contact Lens post-contact analysis file (voice
/// or chat): one call, its Transcript turns with participant roles,
/// offsets and sentiment, and ConversationCharacteristics as attributes.
/// A JSON document that is not Contact Lens output gives one reject naming
/// what is missing. Thread-safe.
ParsedInput ReadContactLens(std::string_view data);

/// Reads vCon containers (IETF draft-ietf-vcon-vcon-core): one object, an
/// array of them, or one per line (JSON Lines; a broken line is rejected,
/// the others land). Turns come from `analysis` entries of type
/// "transcript" (Deepgram, generic segment lists, or plain text), else from
/// `dialog` entries of type "text"; party roles from `parties[].role`.
ParsedInput ReadVcon(std::string_view data, int utc_offset_minutes);

}  // namespace cxmap::callcenter

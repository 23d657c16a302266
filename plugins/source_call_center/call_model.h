// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cxmap/record.h"

namespace cxmap::callcenter {

/// Who spoke a turn. Only customer turns are feedback by default.
enum class Role { kUnknown, kCustomer, kAgent, kSystem };

/// "customer", "agent", "system" or "unknown" (the `speaker_role` attribute).
std::string_view RoleName(Role role);

/// One speaker turn of a call, in the order spoken.
struct Turn {
  std::string speaker;              ///< label as written ("Agent", "Khách hàng", "CUSTOMER")
  Role role = Role::kUnknown;
  std::optional<int64_t> offset_ms;  ///< from the start of the call, when known
  std::optional<int64_t> time_ms;    ///< absolute unix ms, when known
  std::string text;
  uint64_t line = 0;                 ///< 1-based line (text formats) or turn number (JSON)
  std::vector<std::pair<std::string, std::string>> attributes;  ///< e.g. sentiment
};

/// One call (or chat) with its metadata and turns. Every field is optional:
/// a CDR row has no turns, a bare transcript has no metadata.
struct Call {
  std::string id;           ///< call id / contact id / uniqueid
  Channel channel = Channel::kCall;
  std::string sub_channel;  ///< e.g. "contact_lens", "asterisk"
  std::string language;
  std::string agent, queue, disposition, customer;
  std::optional<int64_t> start_ms;
  std::optional<double> duration_s, hold_s, csat;
  /// Further metadata as attributes, in input order (first key wins).
  std::vector<std::pair<std::string, std::string>> attributes;
  /// The keys of `attributes`, for AddAttribute(Call&, …): a call can have
  /// as many metadata keys as its input has room for.
  std::unordered_set<std::string> attribute_keys;
  std::vector<Turn> turns;
  uint64_t line = 0;  ///< where the call starts in its file (1-based)
};

/// An input unit that could not be read. The rest of the file still lands.
struct ParseReject {
  uint64_t line = 0;
  uint64_t column = 0;  ///< 1-based, in bytes; 0 when not meaningful
  std::string reason;
  std::string excerpt;
};

/// What a reader made of one whole input.
struct ParsedInput {
  std::string format;  ///< call_log, transcript, contact_lens, vcon, cdr
  std::vector<Call> calls;
  std::vector<ParseReject> rejects;
  std::vector<std::pair<std::string, std::string>> details;  ///< for `cxmap inspect`
};

/// Sets attribute `key` unless it is already set or `value` is empty.
void AddAttribute(std::vector<std::pair<std::string, std::string>>& attrs, std::string_view key,
                  std::string_view value);

/// AddAttribute on `call.attributes` through the key set `call.attribute_keys`
/// (rebuilt first if something added to the list directly): O(1), not
/// O(attributes), so a call's metadata of n keys costs O(n), not O(n²).
void AddAttribute(Call& call, std::string_view key, std::string_view value);

/// The value of attribute `key`, or nullptr.
const std::string* FindAttribute(const std::vector<std::pair<std::string, std::string>>& attrs,
                                 std::string_view key);

/// Two speakers and one known role (agent or customer): the other speaker
/// gets the other role. More speakers, or none known, stay as they are.
void InferMissingRoles(Call& call);

}  // namespace cxmap::callcenter

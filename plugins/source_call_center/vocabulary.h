// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "call_model.h"

namespace cxmap::callcenter {

/// A speaker label read as a role plus an optional name: "Agent (Lan)",
/// "Khách hàng", "客服小王", "พนักงาน สมชาย", "CUSTOMER".
struct SpeakerLabel {
  Role role = Role::kUnknown;
  bool known = false;  ///< the label starts with a role word of the vocabulary
  std::string name;    ///< what follows the role word, e.g. "Lan"
};

/// Reads a speaker label against the en/vi/th/zh (simplified and
/// traditional) vocabulary, case-insensitively (Unicode fold + NFC).
/// "Customer service" and "chăm sóc khách hàng" are agents. Thread-safe.
SpeakerLabel ClassifySpeaker(std::string_view label);

/// Call metadata a log or transcript header can carry.
enum class MetaKey {
  kCallId, kAgent, kCustomer, kQueue, kStart, kEnd, kDuration, kHold,
  kDisposition, kCsat, kLanguage, kChannel, kDirection, kPhone,
};

/// The metadata key a header or key=value name stands for ("Call ID",
/// "call_id", "Mã cuộc gọi", "通话ID", "รหัสการโทร", "Thời lượng", "CSAT"…),
/// or nullopt for a name outside the vocabulary. Thread-safe.
std::optional<MetaKey> ClassifyMetaKey(std::string_view key);

/// A name as an attribute key: folded, blanks and punctuation → '_'.
std::string AttributeKey(std::string_view key);

}  // namespace cxmap::callcenter

// SPDX-License-Identifier: Apache-2.0
// ApplyMetadata: one "key: value" or key=value field of a call.
#include <cmath>

#include "text_values.h"
#include "transcript_reader.h"
#include "vocabulary.h"

namespace cxmap::callcenter {
namespace {

Channel ChannelFromText(std::string_view v) {
  std::string f = FoldLabel(v);
  if (f == "chat" || f == "webchat" || f == "live chat" || f == "messaging") return Channel::kChat;
  if (f == "email" || f == "e-mail") return Channel::kEmail;
  return Channel::kCall;
}

void Unreadable(std::string_view key, std::string_view value, std::string_view what, uint64_t line,
                Call& call, std::vector<ParseReject>& rejects) {
  std::string attr = AttributeKey(key) + "_raw";
  AddAttribute(call, attr, value);
  rejects.push_back({line, 0,
                     "call " + (call.id.empty() ? std::string("at line ") + std::to_string(call.line)
                                                : call.id) +
                         ": " + std::string(what) + " '" + std::string(TruncateUtf8(value, 80)) +
                         "'; kept as attribute " + attr + ", the call still lands",
                     std::string(TruncateUtf8(value, 200))});
}

}  // namespace

void ApplyMetadata(std::string_view key, std::string_view value, uint64_t line,
                   int utc_offset_minutes, Call& call, std::vector<ParseReject>& rejects) {
  value = TrimBlanks(value);
  if (value.empty()) return;
  auto meta = ClassifyMetaKey(key);
  if (!meta) {
    AddAttribute(call, AttributeKey(key), value);
    return;
  }
  auto set_once = [&](std::string& field) {
    if (field.empty()) field = std::string(value);
  };
  switch (*meta) {
    case MetaKey::kCallId: set_once(call.id); return;
    case MetaKey::kAgent: set_once(call.agent); return;
    case MetaKey::kCustomer: set_once(call.customer); return;
    case MetaKey::kQueue: set_once(call.queue); return;
    case MetaKey::kDisposition: set_once(call.disposition); return;
    case MetaKey::kLanguage: set_once(call.language); return;
    case MetaKey::kPhone: AddAttribute(call, "phone", value); return;
    case MetaKey::kDirection: AddAttribute(call, "direction", value); return;
    case MetaKey::kChannel:
      call.channel = ChannelFromText(value);
      AddAttribute(call, "channel_name", value);
      return;
    case MetaKey::kStart:
    case MetaKey::kEnd: {
      auto t = ParseDateTime(value, utc_offset_minutes);
      if (!t) return Unreadable(key, value, "unreadable date/time", line, call, rejects);
      if (*meta == MetaKey::kStart && !call.start_ms) call.start_ms = t;
      if (*meta == MetaKey::kEnd) {
        AddAttribute(call, "end", value);
        if (call.start_ms && !call.duration_s && *t >= *call.start_ms) {
          call.duration_s = static_cast<double>(*t - *call.start_ms) / 1000;
        }
      }
      return;
    }
    case MetaKey::kDuration:
    case MetaKey::kHold: {
      auto s = ParseDurationSeconds(value);
      if (!s) return Unreadable(key, value, "unreadable duration", line, call, rejects);
      (*meta == MetaKey::kDuration ? call.duration_s : call.hold_s) = *s;
      return;
    }
    case MetaKey::kCsat: {
      auto v = ParseNumber(value);
      if (!v || *v < 1 || *v > 5) {
        return Unreadable(key, value, "CSAT is not a number in 1..5", line, call, rejects);
      }
      call.csat = *v;
      return;
    }
  }
}

}  // namespace cxmap::callcenter

// SPDX-License-Identifier: Apache-2.0
// ReadContactLens: Amazon Connect Contact Lens post-contact analysis output.
#include <map>

#include "json_readers.h"
#include "text_values.h"
#include "vocabulary.h"

namespace cxmap::callcenter {
namespace {

using nlohmann::json;

const json& At(const json& j, std::initializer_list<std::string_view> path) {
  static const json kNull;
  const json* cur = &j;
  for (std::string_view key : path) {
    if (!cur->is_object()) return kNull;
    auto it = cur->find(key);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}

Role RoleOf(std::string_view role) {
  // Contact Lens roles: AGENT, CUSTOMER, SYSTEM (chat), SUPERVISOR.
  return ClassifySpeaker(role).role;
}

/// Amazon Connect names recordings "<contact id>_<yyyyMMddTHH:mm>_UTC.wav";
/// the only start time a voice analysis file carries.
std::optional<int64_t> StartFromRecordingUri(std::string_view uri) {
  size_t utc = uri.rfind("_UTC");
  if (utc == std::string_view::npos || utc < 15) return std::nullopt;
  std::string_view s = uri.substr(utc - 14, 14);  // 20250123T07:17
  if (s[8] != 'T' || s[11] != ':') return std::nullopt;
  std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                    std::string(s.substr(6, 2)) + "T" + std::string(s.substr(9, 5)) + "Z";
  return ParseDateTime(iso, 0);
}

void CallAttributes(const json& doc, Call& call) {
  const json& cc = At(doc, {"ConversationCharacteristics"});
  if (auto ms = JsonNumber(cc, "TotalConversationDurationMillis")) call.duration_s = *ms / 1000;
  const json& overall = At(cc, {"Sentiment", "OverallSentiment"});
  if (auto v = JsonNumber(overall, "CUSTOMER")) AddAttribute(call.attributes, "sentiment_customer", FormatSeconds(*v));
  if (auto v = JsonNumber(overall, "AGENT")) AddAttribute(call.attributes, "sentiment_agent", FormatSeconds(*v));
  if (auto v = JsonNumber(At(cc, {"Interruptions"}), "TotalCount")) {
    AddAttribute(call.attributes, "interruptions", FormatSeconds(*v));
  }
  if (auto v = JsonNumber(At(cc, {"NonTalkTime"}), "TotalTimeMillis")) {
    AddAttribute(call.attributes, "non_talk_s", FormatSeconds(*v / 1000));
  }
  if (auto v = JsonNumber(At(cc, {"TalkTime"}), "TotalTimeMillis")) {
    AddAttribute(call.attributes, "talk_s", FormatSeconds(*v / 1000));
  }
  const json& summary = At(cc, {"ContactSummary", "PostContactSummary"});
  AddAttribute(call.attributes, "contact_summary", JsonString(summary, "Content"));
  std::string categories;
  if (const json& m = At(doc, {"Categories", "MatchedCategories"}); m.is_array()) {
    for (const json& c : m) {
      if (!c.is_string()) continue;
      if (!categories.empty()) categories += ", ";
      categories += c.get<std::string>();
    }
  }
  AddAttribute(call.attributes, "categories", categories);
  if (const json& r = At(doc, {"ContentMetadata", "Output"}); r.is_string()) {
    AddAttribute(call.attributes, "redaction", r.get<std::string>());
  }
}

}  // namespace

ParsedInput ReadContactLens(std::string_view data) {
  ParsedInput out;
  out.format = "contact_lens";
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  ParseReject reject;
  auto doc = ParseJson(data, 1, &reject);
  if (!doc) {
    out.rejects.push_back(std::move(reject));
    return out;
  }
  const json& transcript = At(*doc, {"Transcript"});
  if (!doc->is_object() || !transcript.is_array()) {
    std::string keys;
    if (doc->is_object()) {
      for (auto it = doc->begin(); it != doc->end() && keys.size() < 120; ++it) {
        keys += (keys.empty() ? "" : ", ") + it.key();
      }
    }
    out.rejects.push_back({1, 1,
                           "not Contact Lens analysis output: no \"Transcript\" array (top-level " +
                               (doc->is_object() ? "keys: " + keys : std::string("value is not an object")) + ")",
                           ""});
    return out;
  }
  Call call;
  call.line = 1;
  call.sub_channel = "contact_lens";
  call.channel = JsonString(*doc, "Channel") == "CHAT" ? Channel::kChat : Channel::kCall;
  call.id = JsonString(At(*doc, {"CustomerMetadata"}), "ContactId");
  call.language = JsonString(*doc, "LanguageCode");
  call.start_ms = StartFromRecordingUri(JsonString(At(*doc, {"CustomerMetadata"}), "InputS3Uri"));
  CallAttributes(*doc, call);
  std::map<std::string, Role> roles;
  if (const json& ps = At(*doc, {"Participants"}); ps.is_array()) {
    for (const json& p : ps) roles[JsonString(p, "ParticipantId")] = RoleOf(JsonString(p, "ParticipantRole"));
  }
  for (size_t i = 0; i < transcript.size(); ++i) {
    const json& item = transcript[i];
    Turn t;
    t.line = 0;  // JSON: records point at the file (line 1) and carry attribute turn
    t.text = JsonString(item, "Content");
    t.speaker = JsonString(item, "ParticipantId");
    if (!item.is_object() || t.text.empty() || t.speaker.empty()) {
      // Line 1, the file's, like the records: the item's index is no line
      // number (a one-line file with many items pointed past its end).
      out.rejects.push_back({1, 0,
                             "Transcript[" + std::to_string(i) + "] has no Content or ParticipantId",
                             item.is_object() ? std::string(TruncateUtf8(item.dump(), 200)) : ""});
      continue;
    }
    auto role = roles.find(t.speaker);
    std::string item_role = JsonString(item, "ParticipantRole");  // chat analysis writes it inline
    t.role = !item_role.empty() ? RoleOf(item_role) : role != roles.end() ? role->second : RoleOf(t.speaker);
    if (auto ms = JsonNumber(item, "BeginOffsetMillis")) t.offset_ms = static_cast<int64_t>(*ms);
    if (auto abs = JsonString(item, "AbsoluteTime"); !abs.empty()) t.time_ms = ParseDateTime(abs, 0);
    if (!t.time_ms && t.offset_ms && call.start_ms) t.time_ms = *call.start_ms + *t.offset_ms;
    AddAttribute(t.attributes, "sentiment", JsonString(item, "Sentiment"));
    if (const json& issues = At(item, {"IssuesDetected"}); issues.is_array() && !issues.empty()) {
      std::string texts;
      for (const json& is : issues) {
        std::string s = JsonString(is, "Text");
        if (!s.empty()) texts += (texts.empty() ? "" : " | ") + s;
      }
      AddAttribute(t.attributes, "issue", texts);
    }
    call.turns.push_back(std::move(t));
  }
  if (!call.start_ms) call.start_ms = call.turns.empty() ? std::nullopt : call.turns.front().time_ms;
  InferMissingRoles(call);
  out.details.emplace_back("participants", std::to_string(roles.size()));
  out.calls.push_back(std::move(call));
  return out;
}

}  // namespace cxmap::callcenter

// SPDX-License-Identifier: Apache-2.0
#include "record_emitter.h"

#include "text_values.h"

namespace cxmap::callcenter {
namespace {

// The whole conversation is an attribute of per-call records; bound it so
// that one endless call cannot make a record of unbounded size.
constexpr size_t kConversationBytes = size_t{256} << 10;

Record CallRecord(const Call& call, const EmitOptions& options) {
  Record r;
  r.channel = call.channel;
  r.sub_channel = call.sub_channel;
  r.language = call.language.empty() ? options.default_language : call.language;
  r.time_unix_ms = call.start_ms;
  r.respondent = call.customer;
  r.csat = call.csat;
  r.file = options.file;
  r.line = call.line;
  // A call is one response; its turns are the units (ABI 1.3).
  r.response_id = call.id;
  return r;
}

SpeakerRole SdkRole(Role role) {
  switch (role) {
    case Role::kCustomer: return SpeakerRole::kCustomer;
    case Role::kAgent: return SpeakerRole::kAgent;
    case Role::kSystem: return SpeakerRole::kSystem;
    case Role::kUnknown: break;
  }
  return SpeakerRole::kUnknown;
}

void CallAttributes(const Call& call, Record& r) {
  AddAttribute(r.attributes, "call_id", call.id);
  AddAttribute(r.attributes, "agent", call.agent);
  AddAttribute(r.attributes, "queue", call.queue);
  AddAttribute(r.attributes, "disposition", call.disposition);
  if (call.duration_s) AddAttribute(r.attributes, "duration_s", FormatSeconds(*call.duration_s));
  if (call.hold_s) AddAttribute(r.attributes, "hold_s", FormatSeconds(*call.hold_s));
  // The call's keys are unique already (AddAttribute made them), so each is
  // checked only against the keys the record had before them. AddAttribute
  // searched the whole growing list: O(call attributes²) per record, and a
  // record per turn made a call of many attributes and turns cubic.
  const size_t before = r.attributes.size();
  r.attributes.reserve(before + call.attributes.size());
  for (const auto& [k, v] : call.attributes) {
    if (k.empty() || v.empty()) continue;
    bool taken = false;
    for (size_t i = 0; i < before && !taken; ++i) taken = r.attributes[i].first == k;
    if (!taken) r.attributes.emplace_back(k, v);
  }
}

void TurnAttributes(const Turn& t, size_t index, Record& r) {
  AddAttribute(r.attributes, "speaker", t.speaker);
  AddAttribute(r.attributes, "speaker_role", RoleName(t.role));
  AddAttribute(r.attributes, "turn", std::to_string(index + 1));
  if (t.offset_ms) AddAttribute(r.attributes, "offset_s", FormatSeconds(static_cast<double>(*t.offset_ms) / 1000));
  for (const auto& [k, v] : t.attributes) AddAttribute(r.attributes, k, v);
}

std::string Conversation(const Call& call, size_t limit) {
  std::string out;
  for (const Turn& t : call.turns) {
    std::string line = t.speaker + ": " + t.text + "\n";
    if (out.size() + line.size() > limit) {
      out.append(TruncateUtf8(line, limit - out.size()));
      break;
    }
    out += line;
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void PerCall(const Call& call, const EmitOptions& options, bool roles_known, Record& r) {
  size_t customer_turns = 0;
  for (const Turn& t : call.turns) customer_turns += t.role == Role::kCustomer ? 1 : 0;
  if (!roles_known || options.include_agents) {
    r.text = Conversation(call, SIZE_MAX);
  } else {
    for (const Turn& t : call.turns) {
      if (t.role != Role::kCustomer) continue;
      if (!r.text.empty()) r.text.push_back('\n');
      r.text += t.text;
    }
    AddAttribute(r.attributes, "conversation", Conversation(call, kConversationBytes));
  }
  AddAttribute(r.attributes, "turns", std::to_string(call.turns.size()));
  AddAttribute(r.attributes, "customer_turns", std::to_string(customer_turns));
  if (!roles_known) AddAttribute(r.attributes, "speaker_roles", "unknown");
}

}  // namespace

CallEmitter::CallEmitter(const Call& call, const EmitOptions& options) : call_(call), options_(options) {
  for (const Turn& t : call.turns) {
    roles_known_ = roles_known_ || t.role == Role::kCustomer || t.role == Role::kAgent;
  }
  per_turn_ = !call.turns.empty() && !options.per_call && roles_known_;
}

bool CallEmitter::Next(uint64_t& record_number, size_t max, std::vector<Record>& out) {
  const Call& call = call_;
  if (!per_turn_) {
    Record r = CallRecord(call, options_);
    r.external_id = call.id;
    r.record_number = ++record_number;
    if (!call.turns.empty()) PerCall(call, options_, roles_known_, r);
    // A whole conversation: the customer's words, unless nobody's role is known.
    if (!roles_known_ && !call.turns.empty()) r.speaker_role = SpeakerRole::kUnknown;
    CallAttributes(call, r);
    out.push_back(std::move(r));
    next_turn_ = call.turns.size();
    return true;
  }
  size_t emitted = 0;
  for (; next_turn_ < call.turns.size() && emitted < max; ++next_turn_) {
    size_t i = next_turn_;
    const Turn& t = call.turns[i];
    bool customer_side = t.role == Role::kCustomer || t.role == Role::kUnknown;
    if (customer_side || options_.include_agents) {
      Record r = CallRecord(call, options_);
      if (!call.id.empty()) r.external_id = call.id + "#" + std::to_string(i + 1);
      if (t.time_ms) r.time_unix_ms = t.time_ms;
      r.text = t.text;
      r.speaker_role = SdkRole(t.role);
      r.line = t.line != 0 ? t.line : call.line;
      r.record_number = ++record_number;
      TurnAttributes(t, i, r);
      bool has_context = customer_side ? has_agent_ : has_customer_;
      if (has_context) AddAttribute(r.attributes, "context", customer_side ? last_agent_ : last_customer_);
      CallAttributes(call, r);
      out.push_back(std::move(r));
      ++emitted;
    }
    if (t.role == Role::kAgent) {
      last_agent_ = TruncateUtf8(t.text, options_.context_bytes);
      has_agent_ = true;
    }
    if (t.role == Role::kCustomer) {
      last_customer_ = TruncateUtf8(t.text, options_.context_bytes);
      has_customer_ = true;
    }
  }
  return next_turn_ >= call.turns.size();
}

void CallToRecords(const Call& call, const EmitOptions& options, uint64_t& record_number,
                   std::vector<Record>& out) {
  CallEmitter emitter(call, options);
  while (!emitter.Next(record_number, SIZE_MAX, out)) {
  }
}

}  // namespace cxmap::callcenter

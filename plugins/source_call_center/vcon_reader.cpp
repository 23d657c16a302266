// SPDX-License-Identifier: Apache-2.0
// ReadVcon: IETF vCon containers, their parties and transcript analysis.
#include <cmath>
#include <optional>
#include <unordered_map>

#include "json_readers.h"
#include "text_values.h"
#include "transcript_reader.h"
#include "vocabulary.h"

namespace cxmap::callcenter {
namespace {

using nlohmann::json;

struct Party {
  std::string label;
  Role role = Role::kUnknown;
};

/// The parties of one vCon, with their labels folded once: a transcript
/// names a party per turn, and folding every party's label again for every
/// turn made a vCon's reading quadratic in its size.
struct Parties {
  std::vector<Party> list;
  /// Folded label -> index of the first party with that label.
  std::unordered_map<std::string, size_t> by_folded;
  /// 0, 1, … list.size() - 1: the speaker numbering of a dialog without its own.
  std::vector<int> all;
};

Parties ReadParties(const json& v) {
  Parties parties;
  std::vector<Party>& out = parties.list;
  auto it = v.find("parties");
  if (it == v.end() || !it->is_array()) return parties;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& p = (*it)[i];
    Party party;
    for (const char* key : {"name", "tel", "mailto", "sip", "uuid"}) {
      if (party.label.empty()) party.label = JsonString(p, key);
    }
    if (party.label.empty()) party.label = "party " + std::to_string(i);
    std::string role = JsonString(p, "role");
    if (role.empty() && p.is_object() && p.contains("meta")) role = JsonString(p.at("meta"), "role");
    party.role = ClassifySpeaker(role).role;
    parties.by_folded.emplace(FoldLabel(party.label), out.size());  // the first one wins
    parties.all.push_back(static_cast<int>(out.size()));
    out.push_back(std::move(party));
  }
  return parties;
}

/// Maps a transcript's speaker (an index or a name) to a party.
const Party* SpeakerParty(const json& speaker, const Parties& parties,
                          const std::vector<int>& dialog_parties) {
  if (speaker.is_number_integer()) {
    int64_t i = speaker.get<int64_t>();
    if (i >= 0 && static_cast<size_t>(i) < dialog_parties.size()) {
      int p = dialog_parties[i];
      if (p >= 0 && static_cast<size_t>(p) < parties.list.size()) return &parties.list[p];
    }
    return nullptr;
  }
  if (speaker.is_string()) {
    auto it = parties.by_folded.find(FoldLabel(speaker.get_ref<const std::string&>()));
    if (it != parties.by_folded.end()) return &parties.list[it->second];
  }
  return nullptr;
}

void AddTurn(Call& call, const json& speaker, std::string text, std::optional<double> start_s,
             const Parties& parties, const std::vector<int>& dialog_parties) {
  text = std::string(TrimBlanks(text));
  if (text.empty()) return;
  Turn t;
  t.line = 0;  // JSON: records point at the call's line and carry attribute turn
  const Party* p = SpeakerParty(speaker, parties, dialog_parties);
  if (p != nullptr) {
    t.speaker = p->label;
    t.role = p->role;
  } else {
    t.speaker = speaker.is_string() ? speaker.get<std::string>()
                : speaker.is_number_integer() ? "speaker " + std::to_string(speaker.get<int64_t>())
                                              : "";
    t.role = ClassifySpeaker(t.speaker).role;
  }
  if (start_s && *start_s >= 0) t.offset_ms = std::llround(*start_s * 1000);
  if (t.offset_ms && call.start_ms) t.time_ms = *call.start_ms + *t.offset_ms;
  t.text = std::move(text);
  call.turns.push_back(std::move(t));
}

/// The member `key` of object `j`, or nullptr (never a copy, unlike value()).
const json* Member(const json* j, const char* key) {
  if (j == nullptr || !j->is_object()) return nullptr;
  auto it = j->find(key);
  return it == j->end() ? nullptr : &*it;
}

/// The first element of array `j`, or nullptr.
const json* First(const json* j) {
  return j != nullptr && j->is_array() && !j->empty() ? &(*j)[0] : nullptr;
}

/// Deepgram pre-recorded output: paragraphs per speaker, else the transcript.
bool ReadDeepgram(const json& body, Call& call, const Parties& parties,
                  const std::vector<int>& dp) {
  const json* alt = First(Member(First(Member(Member(&body, "results"), "channels")), "alternatives"));
  if (alt == nullptr || !alt->is_object()) return false;
  const json* paras = Member(Member(alt, "paragraphs"), "paragraphs");
  if (paras != nullptr && paras->is_array() && !paras->empty()) {
    for (const json& para : *paras) {
      std::string text;
      if (const json* sentences = Member(&para, "sentences"); sentences && sentences->is_array()) {
        for (const json& s : *sentences) {
          std::string piece = JsonString(s, "text");
          if (!piece.empty()) text += (text.empty() ? "" : " ") + piece;
        }
      }
      const json* speaker = Member(&para, "speaker");
      AddTurn(call, speaker ? *speaker : json(), text, JsonNumber(para, "start"), parties, dp);
    }
    return true;
  }
  std::string transcript = JsonString(*alt, "transcript");
  if (transcript.empty()) return false;
  AddTurn(call, json(), transcript, std::nullopt, parties, dp);
  return true;
}

/// A list of segments: [{speaker, text, start}], under utterances,
/// segments, turns or transcript (AssemblyAI, WhisperX, vcon-server).
bool ReadSegments(const json& body, Call& call, const Parties& parties,
                  const std::vector<int>& dp) {
  const json* list = body.is_array() ? &body : nullptr;
  for (const char* key : {"utterances", "segments", "turns", "transcript"}) {
    const json* m = Member(&body, key);
    if (list == nullptr && m != nullptr && m->is_array()) list = m;
  }
  if (list == nullptr) return false;
  for (const json& seg : *list) {
    std::string text;
    for (const char* key : {"text", "content", "transcript", "utterance", "body"}) {
      if (text.empty()) text = JsonString(seg, key);
    }
    const json* speaker = nullptr;
    for (const char* key : {"speaker", "party", "participant", "role", "channel"}) {
      if (speaker == nullptr) speaker = Member(&seg, key);
    }
    std::optional<double> start = JsonNumber(seg, "start");
    if (!start) start = JsonNumber(seg, "start_time");
    if (auto ms = JsonNumber(seg, "start_ms")) start = *ms / 1000;
    AddTurn(call, speaker ? *speaker : json(), text, start, parties, dp);
  }
  return true;
}

/// The array `key` of `j`, or an empty array.
const json& ArrayAt(const json& j, const char* key) {
  static const json kEmpty = json::array();
  const json* m = Member(&j, key);
  return m != nullptr && m->is_array() ? *m : kEmpty;
}

/// Per dialog, its speaker numbering (its parties[] as party indexes, -1
/// for what is not a number), built on first use: many analyses of one
/// dialog must not each build (or copy) it again, O(analyses x parties).
using DialogNumbering = std::vector<std::optional<std::vector<int>>>;

const std::vector<int>& SpeakerNumbering(const json& dialogs, size_t di, const Parties& parties,
                                         DialogNumbering& numbering) {
  if (di >= dialogs.size()) return parties.all;
  std::optional<std::vector<int>>& dp = numbering[di];
  if (!dp) {
    dp.emplace();
    for (const json& p : ArrayAt(dialogs[di], "parties")) {
      dp->push_back(p.is_number_integer() ? p.get<int>() : -1);
    }
  }
  return dp->empty() ? parties.all : *dp;
}

void ReadAnalysis(const json& a, const json& dialogs, Call& call, const Parties& parties,
                  DialogNumbering& numbering, int utc_offset_minutes) {
  // Speaker numbers index the parties of the dialog the analysis is about.
  const json* d = Member(&a, "dialog");
  if (d != nullptr && d->is_array()) d = First(d);
  size_t di = d != nullptr && d->is_number_unsigned() ? d->get<size_t>() : 0;
  const std::vector<int>& dp = SpeakerNumbering(dialogs, di, parties, numbering);
  const json* raw = Member(&a, "body");
  if (raw == nullptr) return;
  json parsed;
  if (raw->is_string() && JsonString(a, "encoding") == "json") {
    parsed = json::parse(raw->get<std::string>(), nullptr, false);
    if (parsed.is_discarded()) return;
    raw = &parsed;
  }
  if (raw->is_string()) {  // plain text transcript: the text grammar reads it
    ParsedInput text = ReadTranscript(raw->get<std::string>(), {utc_offset_minutes, size_t{1} << 20});
    for (Call& c : text.calls) {
      for (Turn& t : c.turns) call.turns.push_back(std::move(t));
    }
    return;
  }
  if (!ReadDeepgram(*raw, call, parties, dp)) ReadSegments(*raw, call, parties, dp);
}

Call ReadOne(const json& v, uint64_t line, int utc_offset_minutes) {
  Call call;
  call.line = line;
  call.sub_channel = "vcon";
  call.id = JsonString(v, "uuid");
  AddAttribute(call.attributes, "subject", JsonString(v, "subject"));
  Parties parties = ReadParties(v);
  const json& dialogs = ArrayAt(v, "dialog");
  DialogNumbering numbering(dialogs.size());
  bool text_dialog = false;
  for (const json& d : dialogs) {
    if (!call.start_ms) call.start_ms = ParseDateTime(JsonString(d, "start"), 0);
    if (auto dur = JsonNumber(d, "duration"); dur && *dur >= 0) {
      call.duration_s = call.duration_s.value_or(0) + *dur;
    }
    if (call.disposition.empty()) call.disposition = JsonString(d, "disposition");
    text_dialog = text_dialog || JsonString(d, "type") == "text";
  }
  if (!call.start_ms) call.start_ms = ParseDateTime(JsonString(v, "created_at"), 0);
  for (const json& a : ArrayAt(v, "analysis")) {
    if (JsonString(a, "type") == "transcript") {
      ReadAnalysis(a, dialogs, call, parties, numbering, utc_offset_minutes);
    }
  }
  if (call.turns.empty() && text_dialog) {  // a chat: the dialog holds the messages
    call.channel = Channel::kChat;
    for (const json& d : dialogs) {
      if (JsonString(d, "type") != "text") continue;
      const json* speaker = Member(&d, "originator");
      if (speaker == nullptr) speaker = First(Member(&d, "parties"));
      size_t before = call.turns.size();
      AddTurn(call, speaker ? *speaker : json(), JsonString(d, "body"), std::nullopt, parties,
              parties.all);
      if (call.turns.size() > before) call.turns.back().time_ms = ParseDateTime(JsonString(d, "start"), 0);
    }
  }
  for (const Party& p : parties.list) {
    if (p.role == Role::kAgent && call.agent.empty()) call.agent = p.label;
    if (p.role == Role::kCustomer && call.customer.empty()) call.customer = p.label;
  }
  InferMissingRoles(call);
  return call;
}

bool IsVcon(const json& v) { return v.is_object() && v.contains("vcon") && v.contains("parties"); }

}  // namespace

ParsedInput ReadVcon(std::string_view data, int utc_offset_minutes) {
  ParsedInput out;
  out.format = "vcon";
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  ParseReject reject;
  std::vector<std::pair<json, uint64_t>> docs;
  if (auto doc = ParseJson(data, 1, &reject)) {
    if (doc->is_array()) {
      for (auto& v : *doc) docs.emplace_back(std::move(v), 1);
    } else {
      docs.emplace_back(std::move(*doc), 1);
    }
  } else if (reject.reason.rfind("not valid JSON", 0) == 0 && reject.line > 1 && data.find('\n') < data.size()) {
    // Several documents: JSON Lines, one vCon per line.
    uint64_t number = 0;
    for (size_t pos = 0; pos < data.size();) {
      size_t end = std::min(data.find('\n', pos), data.size());
      std::string_view line = data.substr(pos, end - pos);
      ++number;
      pos = end + 1;
      if (TrimBlanks(line).empty()) continue;
      ParseReject r;
      if (auto v = ParseJson(line, number, &r)) {
        docs.emplace_back(std::move(*v), number);
      } else {
        out.rejects.push_back(std::move(r));
      }
    }
  } else {
    out.rejects.push_back(std::move(reject));
  }
  for (auto& [v, line] : docs) {
    if (!IsVcon(v)) {
      out.rejects.push_back({line, 1, "not a vCon: an object with \"vcon\" and \"parties\" keys expected", ""});
      continue;
    }
    out.calls.push_back(ReadOne(v, line, utc_offset_minutes));
  }
  return out;
}

}  // namespace cxmap::callcenter

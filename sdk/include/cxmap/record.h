// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cxmap/abi_record.h"
#include "cxmap/strings.h"

namespace cxmap {

enum class Channel : int32_t {
  kOther = CXMAP_CHANNEL_OTHER,
  kSurvey = CXMAP_CHANNEL_SURVEY,
  kCall = CXMAP_CHANNEL_CALL,
  kChat = CXMAP_CHANNEL_CHAT,
  kEmail = CXMAP_CHANNEL_EMAIL,
  kSocial = CXMAP_CHANNEL_SOCIAL,
  kReview = CXMAP_CHANNEL_REVIEW,
};

/// "survey", "call", ...; "other" for anything unknown.
constexpr std::string_view ChannelName(Channel c) {
  switch (c) {
    case Channel::kSurvey: return "survey";
    case Channel::kCall: return "call";
    case Channel::kChat: return "chat";
    case Channel::kEmail: return "email";
    case Channel::kSocial: return "social";
    case Channel::kReview: return "review";
    case Channel::kOther: break;
  }
  return "other";
}

/// Parses a channel name as written by ChannelName(); nullopt if unknown.
inline std::optional<Channel> ParseChannel(std::string_view s) {
  for (int i = 0; i <= CXMAP_CHANNEL_REVIEW; ++i) {
    if (ChannelName(static_cast<Channel>(i)) == s) return static_cast<Channel>(i);
  }
  return std::nullopt;
}

/// Who speaks in a text unit (cxmap_speaker_role).
enum class SpeakerRole : int32_t {
  kCustomer = CXMAP_SPEAKER_CUSTOMER,
  kAgent = CXMAP_SPEAKER_AGENT,
  kBrand = CXMAP_SPEAKER_BRAND,
  kSystem = CXMAP_SPEAKER_SYSTEM,
  kUnknown = CXMAP_SPEAKER_UNKNOWN,
};

/// "customer", "agent", "brand", "system", "unknown".
constexpr std::string_view SpeakerRoleName(SpeakerRole r) {
  switch (r) {
    case SpeakerRole::kCustomer: return "customer";
    case SpeakerRole::kAgent: return "agent";
    case SpeakerRole::kBrand: return "brand";
    case SpeakerRole::kSystem: return "system";
    case SpeakerRole::kUnknown: break;
  }
  return "unknown";
}

/// Parses a role name as written by SpeakerRoleName(); nullopt if unknown.
inline std::optional<SpeakerRole> ParseSpeakerRole(std::string_view s) {
  for (int i = 0; i <= CXMAP_SPEAKER_UNKNOWN; ++i) {
    if (SpeakerRoleName(static_cast<SpeakerRole>(i)) == s) return static_cast<SpeakerRole>(i);
  }
  return std::nullopt;
}

/// What kind of closed question an answer answers (cxmap_answer_kind).
enum class AnswerKind : int32_t {
  kChoice = CXMAP_ANSWER_CHOICE,
  kMultiple = CXMAP_ANSWER_MULTIPLE,
  kRating = CXMAP_ANSWER_RATING,
  kNumber = CXMAP_ANSWER_NUMBER,
  kDate = CXMAP_ANSWER_DATE,
};

/// "choice", "multiple", "rating", "number", "date".
constexpr std::string_view AnswerKindName(AnswerKind k) {
  switch (k) {
    case AnswerKind::kChoice: return "choice";
    case AnswerKind::kMultiple: return "multiple";
    case AnswerKind::kRating: return "rating";
    case AnswerKind::kNumber: return "number";
    case AnswerKind::kDate: return "date";
  }
  return "choice";
}

/// One closed answer of a response, the C++ face of cxmap_answer.
struct Answer {
  std::string question;       ///< the question's id in the export
  std::string question_text;  ///< as the respondent read it; may be empty
  AnswerKind kind = AnswerKind::kChoice;
  std::string value;          ///< as exported
  std::optional<double> number;
  std::optional<std::pair<double, double>> scale;  ///< (min, max)
};

/// An owning feedback record, the C++ face of cxmap_record. Sources fill one
/// and emit it; the host copies it. Absent scores are std::nullopt (NULL in
/// storage, never 0).
struct Record {
  std::string external_id;
  Channel channel = Channel::kOther;
  std::string sub_channel;
  std::optional<int64_t> time_unix_ms;
  std::string language;
  std::string text;
  std::string respondent;
  std::string segment;
  std::optional<double> nps, csat, ces, rating;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string file;
  uint64_t line = 0;
  uint64_t record_number = 0;
  /// The platform's own id of the response this unit belongs to (ABI 1.3);
  /// empty: the record is its own response. Never derived from a file name,
  /// so a renamed or cumulative re-export adds only new responses.
  std::string response_id;
  SpeakerRole speaker_role = SpeakerRole::kCustomer;
  /// The response's closed answers. A source may attach them to any record
  /// of the response (the first is usual); the host stores each once.
  std::vector<Answer> answers;
};

/// Borrowed C view of `r` plus the attribute array it points to, without
/// its answers (answer_count 0). Valid while `r` and `kv_storage` live and
/// are not modified.
inline cxmap_record ToC(const Record& r, std::vector<cxmap_kv>& kv_storage) {
  kv_storage.clear();
  for (const auto& [k, v] : r.attributes) kv_storage.push_back({ToC(k), ToC(v)});
  cxmap_record c{};
  c.struct_size = sizeof(cxmap_record);
  auto score = [&c](const std::optional<double>& s, uint32_t bit, double* out) {
    if (s) { c.score_mask |= bit; *out = *s; }
  };
  score(r.nps, CXMAP_SCORE_NPS, &c.nps);
  score(r.csat, CXMAP_SCORE_CSAT, &c.csat);
  score(r.ces, CXMAP_SCORE_CES, &c.ces);
  score(r.rating, CXMAP_SCORE_RATING, &c.rating);
  if (r.time_unix_ms) { c.score_mask |= CXMAP_HAS_TIME; c.time_unix_ms = *r.time_unix_ms; }
  c.external_id = ToC(r.external_id);
  c.channel = static_cast<int32_t>(r.channel);
  c.sub_channel = ToC(r.sub_channel);
  c.language = ToC(r.language);
  c.text = ToC(r.text);
  c.respondent = ToC(r.respondent);
  c.segment = ToC(r.segment);
  c.attributes = kv_storage.data();
  c.attribute_count = kv_storage.size();
  c.file = ToC(r.file);
  c.line = r.line;
  c.record_number = r.record_number;
  c.response_id = ToC(r.response_id);
  c.speaker_role = static_cast<int32_t>(r.speaker_role);
  return c;
}

/// Borrowed C view of `r` with its answers too (`answer_storage` holds
/// them). Valid while `r` and both storages live and are not modified.
inline cxmap_record ToC(const Record& r, std::vector<cxmap_kv>& kv_storage,
                        std::vector<cxmap_answer>& answer_storage) {
  cxmap_record c = ToC(r, kv_storage);
  answer_storage.clear();
  for (const Answer& a : r.answers) {
    cxmap_answer x{};
    x.struct_size = sizeof(cxmap_answer);
    x.question = ToC(a.question);
    x.question_text = ToC(a.question_text);
    x.kind = static_cast<int32_t>(a.kind);
    x.value = ToC(a.value);
    if (a.number) { x.flags |= CXMAP_ANSWER_HAS_NUMBER; x.number = *a.number; }
    if (a.scale) {
      x.flags |= CXMAP_ANSWER_HAS_SCALE;
      x.scale_min = a.scale->first;
      x.scale_max = a.scale->second;
    }
    answer_storage.push_back(x);
  }
  c.answers = answer_storage.data();
  c.answer_count = answer_storage.size();
  return c;
}

/// Read-only view of a record handed to an analysis plugin. Cheap to copy;
/// valid only during the analyze() call.
class RecordView {
 public:
  explicit RecordView(const cxmap_record* r) : r_(r) {}

  std::string_view id() const { return FromC(r_->id); }
  std::string_view external_id() const { return FromC(r_->external_id); }
  Channel channel() const { return static_cast<Channel>(r_->channel); }
  std::string_view sub_channel() const { return FromC(r_->sub_channel); }
  std::optional<int64_t> time_unix_ms() const { return Opt(CXMAP_HAS_TIME, r_->time_unix_ms); }
  std::string_view language() const { return FromC(r_->language); }
  std::string_view text() const { return FromC(r_->text); }
  std::string_view respondent() const { return FromC(r_->respondent); }
  std::string_view segment() const { return FromC(r_->segment); }
  std::optional<double> nps() const { return Opt(CXMAP_SCORE_NPS, r_->nps); }
  std::optional<double> csat() const { return Opt(CXMAP_SCORE_CSAT, r_->csat); }
  std::optional<double> ces() const { return Opt(CXMAP_SCORE_CES, r_->ces); }
  std::optional<double> rating() const { return Opt(CXMAP_SCORE_RATING, r_->rating); }
  /// The value of attribute `key`, or nullopt.
  std::optional<std::string_view> attribute(std::string_view key) const {
    for (size_t i = 0; i < r_->attribute_count; ++i) {
      if (FromC(r_->attributes[i].key) == key) return FromC(r_->attributes[i].value);
    }
    return std::nullopt;
  }
  std::string_view file() const { return FromC(r_->file); }
  /// The speaker of this unit (customer for hosts older than ABI 1.3).
  SpeakerRole speaker_role() const {
    if (r_->struct_size < offsetof(cxmap_record, speaker_role) + sizeof(int32_t)) {
      return SpeakerRole::kCustomer;
    }
    return static_cast<SpeakerRole>(r_->speaker_role);
  }
  uint64_t line() const { return r_->line; }
  const cxmap_record& raw() const { return *r_; }

 private:
  template <typename T>
  std::optional<T> Opt(uint32_t bit, T v) const {
    return (r_->score_mask & bit) ? std::optional<T>(v) : std::nullopt;
  }
  const cxmap_record* r_;
};

}  // namespace cxmap

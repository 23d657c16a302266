// SPDX-License-Identifier: Apache-2.0
#pragma once

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
};

/// Borrowed C view of `r` plus the attribute array it points to. Valid while
/// `r` and `kv_storage` live and are not modified.
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

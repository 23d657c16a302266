// SPDX-License-Identifier: Apache-2.0
#include "record_builder.h"

#include <unicode/timezone.h>

#include <algorithm>
#include <cctype>

#include "cxmap/support/content_hash.h"
#include "cxmap/support/speaker_roles.h"
#include "encoding.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

constexpr size_t kExcerptBytes = 200;
constexpr uint64_t kTimeWarningsLogged = 5;
constexpr size_t kCacheEntries = 4096;  // beyond this the column is not categorical

/// True when a timestamp carries its own zone (Z or ±HH:MM after the time).
bool HasZone(std::string_view value) {
  value = TrimAscii(value);
  if (!value.empty() && (value.back() == 'Z' || value.back() == 'z')) return true;
  size_t t = value.find_first_of("T ");
  if (t == std::string_view::npos) return false;
  return value.find_first_of("+-", t) != std::string_view::npos;
}

bool IsAnonymous(std::string_view cell) {  // Microsoft Forms writes it for anonymous responses
  std::string_view v = TrimAscii(cell);
  return v == "anonymous" || v == "Anonymous";
}

}  // namespace

Channel MapChannel(std::string_view cell, Channel fallback, std::string* sub_channel) {
  std::string v = FoldHeader(cell);
  sub_channel->clear();
  if (v.empty()) return fallback;
  if (auto exact = ParseChannel(v)) return *exact;
  struct Alias {
    std::string_view text;
    Channel channel;
  };
  static constexpr Alias kAliases[] = {
      {"form", Channel::kSurvey},        {"khao sat", Channel::kSurvey},
      {"phone", Channel::kCall},         {"hotline", Channel::kCall},
      {"call center", Channel::kCall},   {"tong dai", Channel::kCall},
      {"livechat", Channel::kChat},      {"live chat", Channel::kChat},
      {"messenger", Channel::kChat},     {"zalo", Channel::kChat},
      {"line", Channel::kChat},          {"e mail", Channel::kEmail},
      {"mail", Channel::kEmail},         {"facebook", Channel::kSocial},
      {"twitter", Channel::kSocial},     {"x", Channel::kSocial},
      {"tiktok", Channel::kSocial},      {"instagram", Channel::kSocial},
      {"app store", Channel::kReview},   {"google play", Channel::kReview},
  };
  sub_channel->assign(v);
  for (const Alias& a : kAliases) {
    if (a.text == v) return a.channel;
  }
  return fallback;
}

std::string NormalizeLanguage(std::string_view cell) {
  std::string v = FoldHeader(cell);
  struct Name {
    std::string_view text;
    std::string_view tag;
  };
  static constexpr Name kNames[] = {
      {"english", "en"},    {"tieng anh", "en"},   {"อังกฤษ", "en"},     {"英文", "en"},
      {"英语", "en"},       {"vietnamese", "vi"},  {"tieng viet", "vi"}, {"เวียดนาม", "vi"},
      {"越南语", "vi"},     {"thai", "th"},        {"tieng thai", "th"}, {"ไทย", "th"},
      {"ภาษาไทย", "th"},    {"泰语", "th"},        {"chinese", "zh"},    {"tieng trung", "zh"},
      {"จีน", "zh"},        {"中文", "zh"},        {"汉语", "zh"},       {"華語", "zh"},
      // Qualtrics UserLanguage codes for the two Chinese scripts.
      {"zh s", "zh-Hans"},  {"zh t", "zh-Hant"},
  };
  for (const Name& n : kNames) {
    if (n.text == v) return std::string(n.tag);
  }
  // A tag such as "vi", "zh tw" (folded from zh_TW / zh-TW) or "zh hant tw".
  std::string tag;
  size_t start = 0;
  for (int part = 0; start <= v.size(); ++part) {
    size_t end = std::min(v.find(' ', start), v.size());
    std::string_view sub = std::string_view(v).substr(start, end - start);
    start = end + 1;
    bool alnum = !sub.empty() && std::all_of(sub.begin(), sub.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    if (!alnum || (part == 0 && (sub.size() < 2 || sub.size() > 3)) || sub.size() > 8) return "";
    std::string s(sub);
    if (part > 0 && s.size() == 2) for (char& c : s) c = static_cast<char>(std::toupper(c));
    if (part > 0 && s.size() == 4) s[0] = static_cast<char>(std::toupper(s[0]));
    tag += (part == 0 ? "" : "-") + s;
  }
  return tag;
}

RecordBuilder::RecordBuilder(BuildSettings settings, std::vector<std::string> headers,
                             ColumnRoles roles, const Host& host)
    : settings_(std::move(settings)),
      headers_(std::move(headers)),
      roles_(std::move(roles)),
      host_(host) {
  text_columns_ = roles_.TextColumns();
  for (size_t i = 0; i < roles_.roles.size(); ++i) {
    if (roles_.roles[i] == Role::kAttribute) attribute_columns_.push_back(i);
  }
  record_.file = settings_.file;
  if (!settings_.time_zone.empty()) {
    zone_.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(settings_.time_zone)));
    if (!zone_ || *zone_ == icu::TimeZone::getUnknown()) {
      host_.Log(LogLevel::kWarn, settings_.file + ": unknown time zone '" + settings_.time_zone +
                                     "'; times read at the timezone option's offset");
      zone_.reset();
    }
  }
}

RecordBuilder::~RecordBuilder() = default;

void RecordBuilder::Reject(const CsvRow& row, const std::string& reason, RecordSink& sink) {
  std::string excerpt;
  for (size_t i = 0; i < row.fields.size() && excerpt.size() < kExcerptBytes; ++i) {
    if (i > 0) excerpt += settings_.delimiter;
    excerpt.append(row.fields[i].substr(0, kExcerptBytes));
  }
  std::string clean;
  if (!CleanText(TruncateUtf8(excerpt, kExcerptBytes), &clean).ok()) clean.clear();
  ++stats_.rejected_rows;
  sink.Reject(settings_.file, row.line, reason, clean);
}

void RecordBuilder::SetTime(const CsvRow& row, std::string_view value) {
  record_.time_unix_ms.reset();
  if (TrimAscii(value).empty()) return;
  if (zone_) {
    // Read as if at UTC, then move by the zone's offset at that local time
    // (ICU resolves daylight saving from the wall-clock time).
    record_.time_unix_ms = ParseTimestamp(value, settings_.date_order, 0);
    if (record_.time_unix_ms && !HasZone(value)) {
      UErrorCode err = U_ZERO_ERROR;
      int32_t raw = 0, dst = 0;
      zone_->getOffset(static_cast<UDate>(*record_.time_unix_ms), true, raw, dst, err);
      if (U_SUCCESS(err)) *record_.time_unix_ms -= raw + dst;
    }
  } else {
    record_.time_unix_ms = ParseTimestamp(value, settings_.date_order, settings_.utc_offset_minutes);
  }
  if (record_.time_unix_ms) return;
  // A bad date loses only the time, not the customer's words.
  if (++stats_.bad_times <= kTimeWarningsLogged) {
    host_.Log(LogLevel::kWarn, settings_.file + ":" + std::to_string(row.line) +
                                   ": unrecognised date/time '" +
                                   std::string(TruncateUtf8(value, 64)) +
                                   "'; record kept without time");
  }
}

void RecordBuilder::SetChannel(std::string_view cell) {
  if (TrimAscii(cell).empty()) return;
  auto it = channel_cache_.find(cell);
  if (it == channel_cache_.end()) {
    std::string sub;
    Channel channel = MapChannel(cell, settings_.channel, &sub);
    if (channel_cache_.size() >= kCacheEntries) {
      record_.channel = channel;
      record_.sub_channel = sub.empty() ? settings_.sub_channel : sub;
      return;
    }
    it = channel_cache_.emplace(std::string(cell), std::make_pair(channel, std::move(sub))).first;
  }
  record_.channel = it->second.first;
  record_.sub_channel = it->second.second.empty() ? settings_.sub_channel : it->second.second;
}

void RecordBuilder::SetLanguage(std::string_view cell) {
  auto it = language_cache_.find(cell);
  if (it == language_cache_.end()) {
    std::string tag = NormalizeLanguage(cell);
    if (language_cache_.size() >= kCacheEntries) {
      if (!tag.empty()) record_.language = tag;
      return;
    }
    it = language_cache_.emplace(std::string(cell), std::move(tag)).first;
  }
  if (!it->second.empty()) record_.language = it->second;
}

bool RecordBuilder::FillCommon(const CsvRow& row, RecordSink& sink) {
  Record& r = record_;
  r.nps = r.csat = r.ces = r.rating = std::nullopt;
  r.channel = settings_.channel;
  r.sub_channel = settings_.sub_channel;
  r.language = settings_.language;
  r.respondent.clear();
  r.segment.clear();
  r.time_unix_ms.reset();
  r.line = row.line;
  for (size_t i = 0; i < roles_.roles.size(); ++i) {
    std::string_view cell = fields_[i];
    std::optional<double>* score = nullptr;
    const ScoreSpec* spec = nullptr;
    switch (roles_.roles[i]) {
      case Role::kNps: score = &r.nps, spec = &kNps; break;
      case Role::kCsat: score = &r.csat, spec = &kCsat; break;
      case Role::kCes: score = &r.ces, spec = &kCes; break;
      case Role::kRating: score = &r.rating, spec = &kRating; break;
      case Role::kTime: SetTime(row, cell); break;
      case Role::kRespondent:
        if (!(settings_.drop_pii && IsPii(i)) && !IsAnonymous(cell)) {
          (void)CleanText(TrimAscii(cell), &r.respondent);
        }
        break;
      case Role::kSegment: (void)CleanText(TrimAscii(cell), &r.segment); break;
      case Role::kChannel: SetChannel(cell); break;
      case Role::kLanguage: SetLanguage(cell); break;
      default: break;
    }
    if (score == nullptr) continue;
    auto parsed = settings_.score_labels ? ParseScoreLabel(cell, *spec) : ParseScore(cell, *spec);
    if (!parsed.ok()) {
      Reject(row, "column '" + headers_[i] + "': " + parsed.status().message(), sink);
      return false;
    }
    *score = *parsed;
  }
  return true;
}

bool RecordBuilder::FitRow(const CsvRow& row, std::string* reason) {
  fields_.assign(row.fields.begin(), row.fields.end());
  size_t width = headers_.size();
  if (fields_.size() == width) return true;
  if (!settings_.pad_short_rows) {
    *reason = "expected " + std::to_string(width) + " fields, found " + std::to_string(fields_.size());
    return false;
  }
  for (size_t i = width; i < fields_.size(); ++i) {
    if (!TrimAscii(fields_[i]).empty()) {
      *reason = "a value in column " + std::to_string(i + 1) + " beyond the " +
                std::to_string(width) + " header columns";
      return false;
    }
  }
  fields_.resize(width);  // short rows: missing cells are empty
  return true;
}

std::string RecordBuilder::TextProblem() const {
  if (!fields_.empty() && fields_[0].substr(0, 3) == "\xEF\xBB\xBF") {
    return "a byte-order mark (U+FEFF) starts this row: another export appended here?";
  }
  if (!settings_.reject_invalid_utf8) return "";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (IsValidUtf8(fields_[i], false)) continue;
    // The longest prefix that is valid (allowing a cut sequence at its end):
    // validity of prefixes is monotonic, so a binary search finds it.
    size_t good = 0, bad = fields_[i].size();
    while (good + 1 < bad) {
      size_t mid = good + (bad - good) / 2;
      (IsValidUtf8(fields_[i].substr(0, mid), true) ? good : bad) = mid;
    }
    // Step back over the start of the broken sequence to report its first byte.
    while (good > 0 && !IsValidUtf8(fields_[i].substr(0, good), false)) --good;
    return "column '" + headers_[i] + "': invalid UTF-8 at byte " + std::to_string(good + 1) +
           " of the cell (the file was read as UTF-8; set encoding= if it is another encoding)";
  }
  return "";
}

Status RecordBuilder::Build(const CsvRow& row, uint64_t data_row, RecordSink& sink,
                            size_t* emitted) {
  *emitted = 0;
  bool readable = !row.unterminated_quote && !row.too_large && row.problem.empty();
  if (readable && std::all_of(row.fields.begin(), row.fields.end(),
                              [](std::string_view f) { return TrimAscii(f).empty(); })) {
    // A row of empty cells is no response; it is counted, not lost.
    ++stats_.empty_rows;
    sink.Skip(settings_.file, row.line, "empty row");
    return Status::Ok();
  }
  ++stats_.rows;
  if (row.unterminated_quote) {
    Reject(row, "unterminated quoted field: the quote opened in this record is never closed "
                "before the end of the file", sink);
    return Status::Ok();
  }
  if (row.too_large) {
    Reject(row, "record longer than " + std::to_string(settings_.max_record_bytes) +
                    " bytes (max_record_bytes); a stray quote is the usual cause", sink);
    return Status::Ok();
  }
  if (!row.problem.empty()) {
    Reject(row, std::string(row.problem), sink);
    return Status::Ok();
  }
  std::string reason;
  if (!FitRow(row, &reason) || !(reason = TextProblem()).empty()) {
    Reject(row, reason, sink);
    return Status::Ok();
  }
  if (!FillCommon(row, sink)) return Status::Ok();
  std::optional<size_t> id_column = roles_.Find(Role::kId);
  std::string_view id = id_column ? TrimAscii(fields_[*id_column]) : std::string_view();
  std::string clean_id;
  if (!id.empty()) CXMAP_RETURN_IF_ERROR(CleanText(id, &clean_id));
  record_.response_id = ResponseId(clean_id);
  FillAnswers();
  const size_t units = std::max<size_t>(1, text_columns_.size());
  auto emit = [&]() -> Status {
    CXMAP_RETURN_IF_ERROR(sink.Emit(record_));
    record_.answers.clear();  // the response's answers travel once
    ++stats_.records;
    ++*emitted;
    return Status::Ok();
  };
  for (size_t k = 0; k < text_columns_.size(); ++k) {
    size_t column = text_columns_[k];
    CXMAP_RETURN_IF_ERROR(CleanText(TrimAscii(fields_[column]), &record_.text));
    if (record_.text.empty()) {
      ++stats_.empty_texts;
      continue;
    }
    std::string unit_id = record_.response_id;
    if (text_columns_.size() > 1) unit_id += ":" + headers_[column];
    // Stable per (row, column): ids derived from it survive rejects elsewhere.
    record_.record_number = (data_row - 1) * units + k + 1;
    auto set_attributes = [&]() -> Status {
      record_.attributes.clear();
      record_.attributes.emplace_back("question", headers_[column]);
      if (column < settings_.question_texts.size() && !settings_.question_texts[column].empty() &&
          settings_.question_texts[column] != headers_[column]) {
        record_.attributes.emplace_back("question_text", settings_.question_texts[column]);
      }
      return AddRowAttributes(clean_id);
    };
    // A transcript column ("Agent: …\nCustomer: …" in one cell): each turn
    // is a unit with its speaker, so an agent's words are never read as the
    // customer's.
    std::vector<support::SpeakerTurn> turns =
        support::SplitSpeakerTurns(record_.text, [](std::string_view l) { return FoldCase(l); });
    if (turns.empty()) {
      record_.external_id = unit_id;
      record_.speaker_role = SpeakerRole::kCustomer;
      CXMAP_RETURN_IF_ERROR(set_attributes());
      CXMAP_RETURN_IF_ERROR(emit());
      continue;
    }
    ++stats_.transcript_cells;
    for (size_t t = 0; t < turns.size(); ++t) {
      if (turns[t].text.empty()) continue;
      record_.external_id = unit_id + "#" + std::to_string(t + 1);
      record_.speaker_role = turns[t].role;
      CXMAP_RETURN_IF_ERROR(set_attributes());
      record_.attributes.emplace_back("speaker", turns[t].speaker);
      record_.attributes.emplace_back("speaker_role", std::string(SpeakerRoleName(turns[t].role)));
      record_.attributes.emplace_back("turn", std::to_string(t + 1));
      record_.text = std::move(turns[t].text);
      CXMAP_RETURN_IF_ERROR(emit());
    }
    record_.speaker_role = SpeakerRole::kCustomer;
  }
  if (*emitted == 0) {
    // Nothing written: the response alone, with its scores and answers.
    record_.text.clear();
    record_.speaker_role = SpeakerRole::kCustomer;
    record_.external_id = record_.response_id;
    record_.record_number = (data_row - 1) * units + 1;
    record_.attributes.clear();
    CXMAP_RETURN_IF_ERROR(AddRowAttributes(clean_id));
    ++stats_.responses_without_text;
    CXMAP_RETURN_IF_ERROR(emit());
  }
  return Status::Ok();
}

std::string RecordBuilder::ResponseId(const std::string& clean_id) {
  if (!clean_id.empty() && !settings_.id_is_row_number) return settings_.survey_key + ":" + clean_id;
  support::ContentHash h;
  for (std::string_view f : fields_) h.Add(TrimAscii(f));
  uint32_t seen = ++row_hashes_[h.value()];
  std::string id = settings_.survey_key + ":h:" + h.Hex();
  // The same answers twice in one export are two respondents.
  if (seen > 1) id += "#" + std::to_string(seen);
  return id;
}

void RecordBuilder::FillAnswers() {
  record_.answers.clear();
  for (const AnswerColumn& c : settings_.answer_columns) {
    std::optional<double> score;
    switch (roles_.roles[c.column]) {
      case Role::kNps: score = record_.nps; break;
      case Role::kCsat: score = record_.csat; break;
      case Role::kCes: score = record_.ces; break;
      case Role::kRating: score = record_.rating; break;
      default: break;
    }
    auto answer = MakeAnswer(c, c.question.empty() ? headers_[c.column] : c.question,
                             fields_[c.column], score);
    if (!answer) continue;
    record_.answers.push_back(std::move(*answer));
    ++stats_.answers;
  }
}

Status RecordBuilder::AddRowAttributes(const std::string& clean_id) {
  if (!clean_id.empty()) record_.attributes.emplace_back("respondent_id", clean_id);
  for (size_t a : attribute_columns_) {
    std::string_view cell = TrimAscii(fields_[a]);
    if (cell.empty() || (settings_.drop_pii && IsPii(a))) continue;
    CXMAP_RETURN_IF_ERROR(CleanText(cell, &scratch_));
    record_.attributes.emplace_back(headers_[a], scratch_);
  }
  return Status::Ok();
}

}  // namespace cxmap::csv

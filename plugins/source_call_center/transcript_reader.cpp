// SPDX-License-Identifier: Apache-2.0
// Assembles calls from the lines the X3 grammar classified.
#include "transcript_reader.h"

#include <algorithm>
#include <map>
#include <optional>

#include "text_values.h"
#include "transcript_grammar.h"
#include "vocabulary.h"

namespace cxmap::callcenter {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr size_t kExcerptBytes = 200;

bool LooksLikeName(std::string_view value) {
  // "Agent: Nguyễn Lan" is metadata; "Agent: Hello, how can I help?" is a turn.
  if (value.empty() || value.size() > 60) return false;
  if (value.find_first_of(".,?!") != std::string_view::npos) return false;
  for (std::string_view p : {"。", "，", "？", "！"}) {
    if (value.find(p) != std::string_view::npos) return false;
  }
  return true;
}

/// Whether `next` continues a header block: blank, a separator, a record
/// or another metadata line. The end of the input does not.
bool NextIsHeaderish(std::optional<std::string_view> next) {
  if (!next) return false;
  TranscriptLine l = ParseTranscriptLine(*next, 0);
  using Kind = TranscriptLine::Kind;
  if (l.kind == Kind::kBlank || l.kind == Kind::kSeparator || l.kind == Kind::kKeyValues) return true;
  return l.kind == Kind::kLabelled && !l.stamp && ClassifyMetaKey(l.label).has_value();
}

class Assembler {
 public:
  explicit Assembler(const TranscriptOptions& options) : options_(options) {}

  /// `next` is the following line (nullopt at the end): it tells whether
  /// "Agent: Lan" sits in a header block.
  void Line(std::string_view raw, uint64_t number, std::optional<std::string_view> next);
  ParsedInput Finish();

 private:
  void StartCall(uint64_t line);
  void FinishCall();
  void Reject(uint64_t line, uint64_t column, std::string reason, std::string_view text);
  void Header(std::string_view key, std::string_view value, uint64_t line);
  void StartTurn(const TranscriptLine& l, uint64_t line);
  void Continue(std::string_view text, uint64_t line);
  void CloseTurn();
  void ResolveTimes(Call& call);

  const TranscriptOptions& options_;
  ParsedInput out_;
  Call call_;
  bool call_open_ = false;
  bool call_from_kv_ = false;  // the call began with a key=value record
  bool has_metadata_ = false;
  std::map<std::string, Role> names_;  // folded speaker name → role, from the header
  Turn* turn_ = nullptr;               // the turn continuation lines extend
  std::vector<std::optional<Stamp>> stamps_;  // per turn of call_
  bool dropping_ = false;  // continuation lines of a broken turn are skipped
  size_t dropped_ = 0;
  size_t last_error_ = 0;
};

void Assembler::Reject(uint64_t line, uint64_t column, std::string reason, std::string_view text) {
  std::string_view excerpt = TruncateUtf8(text, kExcerptBytes);
  if (FirstInvalidUtf8(excerpt) != std::string_view::npos) excerpt = {};
  out_.rejects.push_back({line, column, std::move(reason), std::string(excerpt)});
}

void Assembler::StartCall(uint64_t line) {
  FinishCall();
  call_ = Call{};
  call_.line = line;
  call_.sub_channel = "transcript";
  call_open_ = true;
  call_from_kv_ = has_metadata_ = false;
  names_.clear();
  stamps_.clear();
  turn_ = nullptr;
}

void Assembler::CloseTurn() {
  if (turn_ != nullptr && turn_->text.size() > options_.max_turn_bytes) {
    Reject(turn_->line, 1,
           "turn of " + std::to_string(turn_->text.size()) + " bytes is longer than max_turn_bytes (" +
               std::to_string(options_.max_turn_bytes) + ")",
           turn_->text);
    call_.turns.pop_back();
    stamps_.pop_back();
  }
  turn_ = nullptr;
  if (dropping_ && dropped_ > 0) {
    out_.rejects[last_error_].reason +=
        " (and " + std::to_string(dropped_) + " continuation line(s) of that turn)";
  }
  dropping_ = false;
  dropped_ = 0;
}

void Assembler::Header(std::string_view key, std::string_view value, uint64_t line) {
  auto meta = ClassifyMetaKey(key);
  // A header after turns, or a second call id, begins the next call.
  bool new_call = !call_open_ || !call_.turns.empty() ||
                  (meta == MetaKey::kCallId && !call_.id.empty());
  if (new_call) StartCall(line);
  CloseTurn();
  ApplyMetadata(key, value, line, options_.utc_offset_minutes, call_, out_.rejects);
  if (meta == MetaKey::kAgent || meta == MetaKey::kCustomer) {
    names_[FoldLabel(value)] = meta == MetaKey::kAgent ? Role::kAgent : Role::kCustomer;
  }
  has_metadata_ = true;
}

void Assembler::StartTurn(const TranscriptLine& l, uint64_t line) {
  if (!call_open_) StartCall(line);
  CloseTurn();
  SpeakerLabel label = ClassifySpeaker(l.label);
  Turn t;
  t.speaker = l.label;
  t.role = label.role;
  if (!label.known) {
    auto it = names_.find(FoldLabel(l.label));
    if (it != names_.end()) t.role = it->second;
  }
  if (!label.name.empty()) AddAttribute(t.attributes, "speaker_name", label.name);
  t.text = l.text;
  t.line = line;
  call_.turns.push_back(std::move(t));
  stamps_.push_back(l.stamp);
  turn_ = &call_.turns.back();
}

void Assembler::Continue(std::string_view text, uint64_t line) {
  if (dropping_) {
    ++dropped_;
    return;
  }
  if (turn_ == nullptr) {
    Reject(line, 1, "not a speaker turn, call record or metadata line (text before the first turn)",
           text);
    return;
  }
  // Guard the append itself: a runaway turn must not grow without bound.
  if (turn_->text.size() <= options_.max_turn_bytes) {
    if (!turn_->text.empty()) turn_->text.push_back('\n');
    turn_->text.append(TrimBlanks(text));
  }
}

void Assembler::Line(std::string_view raw, uint64_t number, std::optional<std::string_view> next) {
  if (size_t bad = FirstInvalidUtf8(raw); bad != std::string_view::npos) {
    Reject(number, bad + 1, "invalid UTF-8 at byte column " + std::to_string(bad + 1), raw.substr(0, bad));
    return;
  }
  TranscriptLine l = ParseTranscriptLine(raw, options_.utc_offset_minutes);
  using Kind = TranscriptLine::Kind;
  switch (l.kind) {
    case Kind::kBlank: return;
    case Kind::kSeparator:
      CloseTurn();
      // Between a header block and its turns a separator is only a divider.
      if (call_open_ && !call_.turns.empty()) StartCall(number + 1);
      return;
    case Kind::kError:
      CloseTurn();
      Reject(number, l.column, l.reason, raw);
      last_error_ = out_.rejects.size() - 1;
      dropping_ = true;
      return;
    case Kind::kKeyValues: {
      bool record = l.pairs.size() >= 2 || ClassifyMetaKey(l.pairs.front().first).has_value();
      if (!record) break;
      // In a log every key=value record is a call of its own.
      if (!call_open_ || call_from_kv_ || !call_.turns.empty() || !call_.id.empty()) StartCall(number);
      CloseTurn();
      for (const auto& [k, v] : l.pairs) {
        ApplyMetadata(k, v, number, options_.utc_offset_minutes, call_, out_.rejects);
      }
      call_from_kv_ = has_metadata_ = true;
      return;
    }
    case Kind::kLabelled: {
      auto meta = ClassifyMetaKey(l.label);
      bool ambiguous = meta == MetaKey::kAgent || meta == MetaKey::kCustomer;
      // A second bare "Customer:" line cannot name the customer again:
      // metadata is first-wins, so reading it as a header would drop the
      // line. ("Agent ID: 4711" then "Agent Name: Jane" stays metadata.)
      SpeakerLabel bare = ClassifySpeaker(l.label);
      bool repeated = bare.known && bare.name.empty();
      bool named = repeated && ((meta == MetaKey::kAgent && !call_.agent.empty()) ||
                                (meta == MetaKey::kCustomer && !call_.customer.empty()));
      bool header = meta && !l.stamp &&
                    (!ambiguous || (call_open_ && call_.turns.empty() && has_metadata_ && !named &&
                                    LooksLikeName(l.text) && NextIsHeaderish(next)));
      if (header) {
        Header(l.label, l.text, number);
        return;
      }
      bool speaker = l.stamp || ClassifySpeaker(l.label).known ||
                     names_.count(FoldLabel(l.label)) > 0;
      if (speaker && l.label.size() > 64) {
        CloseTurn();
        Reject(number, 1, "speaker label longer than 64 bytes", raw);
        return;
      }
      if (speaker) {
        StartTurn(l, number);
        return;
      }
      break;
    }
    case Kind::kText: break;
  }
  Continue(raw, number);
}

void Assembler::ResolveTimes(Call& call) {
  // h:m:s stamps are offsets from the call start when the first one is in
  // the first ten minutes (00:00:05); else times of day (10:22:13).
  bool any = false, offsets = true;
  for (const auto& s : stamps_) {
    if (!s || s->absolute_ms) continue;
    if (!any && s->has_hours && s->clock_ms >= 600000) offsets = false;
    any = true;
  }
  int64_t tz_ms = int64_t{options_.utc_offset_minutes} * 60000;
  for (size_t i = 0; i < call.turns.size(); ++i) {
    Turn& t = call.turns[i];
    const auto& s = stamps_[i];
    if (!s) continue;
    AddAttribute(t.attributes, "stamp", s->text);
    if (s->absolute_ms) {
      t.time_ms = s->absolute_ms;
    } else if (offsets) {
      t.offset_ms = s->clock_ms;
      if (call.start_ms) t.time_ms = *call.start_ms + s->clock_ms;
      continue;
    } else if (call.start_ms) {
      int64_t local_start = *call.start_ms + tz_ms;
      int64_t midnight = local_start - ((local_start % kDayMs) + kDayMs) % kDayMs;
      int64_t t_local = midnight + s->clock_ms;
      if (t_local + 3600000 < local_start) t_local += kDayMs;  // the call ran past midnight
      t.time_ms = t_local - tz_ms;
    }
    if (t.time_ms && call.start_ms) t.offset_ms = *t.time_ms - *call.start_ms;
  }
}

void Assembler::FinishCall() {
  if (!call_open_) return;
  CloseTurn();
  call_open_ = false;
  if (call_.turns.empty() && !has_metadata_) return;
  InferMissingRoles(call_);
  ResolveTimes(call_);
  out_.calls.push_back(std::move(call_));
}

ParsedInput Assembler::Finish() {
  FinishCall();
  bool turns = false;
  for (const Call& c : out_.calls) turns = turns || !c.turns.empty();
  out_.format = turns ? "transcript" : "call_log";
  return std::move(out_);
}

}  // namespace

ParsedInput ReadTranscript(std::string_view data, const TranscriptOptions& options) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  Assembler assembler(options);
  auto next_line = [&data](size_t& pos) {
    size_t end = std::min(data.find('\n', pos), data.size());
    std::string_view line = data.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    return line;
  };
  uint64_t number = 0;
  size_t pos = 0;
  std::optional<std::string_view> line;
  if (pos < data.size()) line = next_line(pos);
  while (line) {
    std::optional<std::string_view> next;
    if (pos < data.size()) next = next_line(pos);
    assembler.Line(*line, ++number, next);
    line = next;
  }
  return assembler.Finish();
}

}  // namespace cxmap::callcenter

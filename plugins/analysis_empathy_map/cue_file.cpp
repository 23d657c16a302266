// SPDX-License-Identifier: Apache-2.0
#include "cue_file.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace cxmap::empathy {

namespace {

constexpr std::array<std::pair<std::string_view, Emotion>, 8> kEmotions = {{
    {"joy", Emotion::kJoy},
    {"trust", Emotion::kTrust},
    {"fear", Emotion::kFear},
    {"surprise", Emotion::kSurprise},
    {"sadness", Emotion::kSadness},
    {"disgust", Emotion::kDisgust},
    {"anger", Emotion::kAnger},
    {"anticipation", Emotion::kAnticipation},
}};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return cols;
    start = tab + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Sets role/quadrant from the kind column; false for an unknown kind.
bool SetKind(std::string_view kind, CueEntry* e) {
  static constexpr std::array<std::pair<std::string_view, Quadrant>, 4> kQuadrants = {{
      {"says", Quadrant::kSays}, {"thinks", Quadrant::kThinks},
      {"feels", Quadrant::kFeels}, {"does", Quadrant::kDoes}}};
  for (const auto& [name, q] : kQuadrants) {
    if (kind == name) {
      e->role = CueRole::kCue;
      e->quadrant = q;
      return true;
    }
  }
  if (kind == "quote") {  // reported speech: a says cue that also names another speaker
    e->role = CueRole::kCue;
    e->quadrant = Quadrant::kSays;
    e->agent_too = true;
    if (e->item.empty()) e->item = "quote";
    return true;
  }
  static constexpr std::array<std::pair<std::string_view, CueRole>, 5> kRoles = {{
      {"block", CueRole::kBlock}, {"agent", CueRole::kAgent}, {"self", CueRole::kSelf},
      {"negator", CueRole::kNegator}, {"intensifier", CueRole::kIntensifier}}};
  for (const auto& [name, role] : kRoles) {
    if (kind == name) {
      e->role = role;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view QuadrantName(Quadrant q) {
  switch (q) {
    case Quadrant::kThinks: return "thinks";
    case Quadrant::kFeels: return "feels";
    case Quadrant::kDoes: return "does";
    case Quadrant::kSays: break;
  }
  return "says";
}

std::string_view EmotionName(Emotion e) {
  for (const auto& [name, value] : kEmotions) {
    if (value == e) return name;
  }
  return "";
}

std::optional<Emotion> ParseEmotion(std::string_view name) {
  for (const auto& [n, value] : kEmotions) {
    if (n == name) return value;
  }
  return std::nullopt;
}

Emotion NegatedDefault(Emotion e) {
  switch (e) {
    case Emotion::kJoy: return Emotion::kSadness;
    case Emotion::kSadness: return Emotion::kJoy;
    case Emotion::kTrust: return Emotion::kDisgust;
    case Emotion::kDisgust: return Emotion::kTrust;
    case Emotion::kSurprise: return Emotion::kAnticipation;
    case Emotion::kAnticipation: return Emotion::kSurprise;
    case Emotion::kFear: return Emotion::kTrust;   // "không lo", "not worried": reassured
    case Emotion::kAnger: return Emotion::kTrust;  // "not angry": calm
    case Emotion::kNone: break;
  }
  return Emotion::kNone;
}

Result<std::vector<CueEntry>> ParseCueFile(std::string_view text, std::string_view lang,
                                           std::string_view origin) {
  std::vector<CueEntry> entries;
  size_t line_no = 0;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    start = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    std::string where = std::string(origin) + ":" + std::to_string(line_no);
    auto fail = [&](const std::string& why) { return Status::InvalidArgument(where + ": " + why); };
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() < 2 || cols.size() > 6) {
      return fail("expected kind<TAB>term[<TAB>weight<TAB>item<TAB>emotion<TAB>negated], found " +
                  std::to_string(cols.size()) + " column(s)");
    }
    CueEntry e;
    e.origin = where;
    e.lang = std::string(lang);
    e.term = std::string(Trim(cols[1]));
    if (e.term.empty() || e.term.front() == '#') return fail("empty term (or a term starting with '#')");
    if (cols.size() > 3) e.item = std::string(Trim(cols[3]));
    if (!SetKind(Trim(cols[0]), &e)) return fail("unknown kind '" + std::string(Trim(cols[0])) + "'");
    std::string_view weight = cols.size() > 2 ? Trim(cols[2]) : std::string_view();
    if (!weight.empty()) {
      auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), e.weight);
      if (ec != std::errc() || end != weight.data() + weight.size() || !std::isfinite(e.weight) ||
          e.weight < 0 || e.weight > 10) {
        return fail("weight '" + std::string(weight) + "' is not a number in [0, 10]");
      }
    } else if (e.role == CueRole::kIntensifier) {
      e.weight = 1.5;
    }
    for (size_t c = 4; c < cols.size(); ++c) {
      std::string_view name = Trim(cols[c]);
      if (name.empty()) continue;
      auto emotion = ParseEmotion(name);
      if (!emotion) return fail("unknown emotion '" + std::string(name) + "' (Plutchik: joy, trust, "
                                "fear, surprise, sadness, disgust, anger, anticipation)");
      (c == 4 ? e.emotion : e.negated_emotion) = *emotion;
    }
    bool is_feels = e.role == CueRole::kCue && e.quadrant == Quadrant::kFeels;
    if (is_feels && e.emotion == Emotion::kNone) return fail("a feels cue needs an emotion (column 5)");
    if (!is_feels && e.emotion != Emotion::kNone) return fail("only feels cues carry an emotion");
    if (is_feels && e.negated_emotion == Emotion::kNone) e.negated_emotion = NegatedDefault(e.emotion);
    if (e.role == CueRole::kCue && e.item.empty()) {
      e.item = is_feels ? std::string(EmotionName(e.emotion)) : std::string(QuadrantName(e.quadrant));
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace cxmap::empathy

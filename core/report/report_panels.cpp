// SPDX-License-Identifier: Apache-2.0
#include "core/report/report_panels.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace cxmap::core {
namespace {

using Json = nlohmann::ordered_json;

// The emotion curve's drawing area, in SVG user units.
constexpr double kCurveWidth = 960, kCurveHeight = 260, kCurveTop = 20, kCurveBars = 170;
constexpr size_t kSegmentCurves = 12;

// The stakeholder quadrant's drawing area: scores 1..5 on both axes.
constexpr double kQuadSize = 400, kQuadMargin = 60, kScoreMin = 1, kScoreMax = 5;
constexpr size_t kStakeholdersLabelled = 40;
constexpr size_t kStakeholderRows = 60;

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> Number(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

}  // namespace

// Stacked shares per stage with the mean drawn across them.
void AddEmotionCurve(const MapBody& map, Dict* dict) {
  dict->SetValue("CURVE_W", fmt::format("{:.0f}", kCurveWidth));
  dict->SetValue("CURVE_H", fmt::format("{:.0f}", kCurveHeight));
  const size_t n = std::max<size_t>(1, map.stages.size());
  const double step = kCurveWidth / static_cast<double>(n);
  const double bar = step * 0.5;
  std::string points;
  for (size_t i = 0; i < map.stages.size(); ++i) {
    const StageCell& s = map.stages[i];
    const SentimentShares& se = s.scores.sentiment;
    const double cx = step * (static_cast<double>(i) + 0.5);
    double y = kCurveTop;
    struct Part {
      double share;
      const char* cls;
      const char* name;
    };
    for (const Part& part :
         {Part{se.positive, "pos", "positive"}, Part{se.neutral, "neu", "neutral"},
          Part{se.negative, "neg", "negative"}}) {
      const double share = part.share;
      if (se.n == 0 || share <= 0) continue;
      Dict* b = dict->AddSectionDictionary("BAR");
      b->SetValue("X", fmt::format("{:.1f}", cx - bar / 2));
      b->SetValue("Y", fmt::format("{:.1f}", y));
      b->SetValue("W", fmt::format("{:.1f}", bar));
      b->SetValue("H", fmt::format("{:.1f}", share * kCurveBars));
      b->SetValue("CLASS", part.cls);
      b->SetValue("TITLE", fmt::format("{}: {} {}", s.label, Percent(share), part.name));
      y += share * kCurveBars;
    }
    Dict* p = dict->AddSectionDictionary("POINT");
    p->SetValue("X", fmt::format("{:.1f}", cx));
    p->SetValue("LABEL", s.label);
    p->SetValue("LABEL_Y", fmt::format("{:.0f}", kCurveTop + kCurveBars + 24));
    p->SetValue("VOL_Y", fmt::format("{:.0f}", kCurveTop + kCurveBars + 44));
    p->SetValue("N", fmt::format("{}", se.n));
    if (se.n > 0) {
      // mean +1 at the top of the bars, −1 at their foot
      const double my = kCurveTop + (1 - se.mean) / 2 * kCurveBars;
      Dict* dot = p->AddSectionDictionary("DOT");
      dot->SetValue("Y", fmt::format("{:.1f}", my));
      dot->SetValue(
          "TITLE",
          fmt::format("{}: mean {:+.2f} over {} text units ({} positive, {} neutral, {} negative)",
                      s.label, se.mean, se.n, Percent(se.positive), Percent(se.neutral), Percent(se.negative)));
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", cx, my);
    }
  }
  dict->SetValue("CURVE_POINTS", points);
}

void AddSegmentCurves(const JourneyMap& map, Dict* dict) {
  std::vector<const JourneyGroup*> groups;
  for (const JourneyGroup& g : map.groups) {
    if (g.map.records > 0) groups.push_back(&g);
  }
  if (groups.size() < 2) return;
  std::stable_sort(groups.begin(), groups.end(), [](const JourneyGroup* a, const JourneyGroup* b) {
    return a->map.records > b->map.records;
  });
  Dict* sec = dict->AddSectionDictionary("SEG_CURVES");
  sec->SetValue("SHOWN", fmt::format("{}", std::min(groups.size(), kSegmentCurves)));
  sec->SetValue("TOTAL", fmt::format("{}", groups.size()));
  for (size_t i = 0; i < groups.size() && i < kSegmentCurves; ++i) {
    Dict* d = sec->AddSectionDictionary("SEG_CURVE");
    d->SetValue("NAME", groups[i]->value.empty() ? "(no segment)" : groups[i]->value);
    d->SetValue("RECORDS", fmt::format("{}", groups[i]->map.records));
    AddEmotionCurve(groups[i]->map, d);
  }
}

void AddEmpathyPanel(const Json& empathy, Dict* dict) {
  auto groups = empathy.find("groups");
  if (groups == empathy.end() || !groups->is_array() || groups->empty()) return;
  const Json& all = groups->front();
  const uint64_t sentences = all.value("sentences", uint64_t{0});
  if (sentences == 0) return;
  Dict* sec = dict->AddSectionDictionary("EMPATHY");
  sec->SetValue("SENTENCES", fmt::format("{}", sentences));
  static const std::pair<const char*, const char*> kQuadrants[] = {
      {"says", "Says"}, {"thinks", "Thinks"}, {"does", "Does"}, {"feels", "Feels"}};
  const Json quadrants = all.value("quadrants", Json::object());
  for (const auto& [id, name] : kQuadrants) {
    Dict* q = sec->AddSectionDictionary("QUADRANT");
    q->SetValue("ID", id);
    q->SetValue("NAME", name);
    const Json quadrant = quadrants.value(id, Json::object());
    q->SetValue("SENTENCES", fmt::format("{}", quadrant.value("sentences", uint64_t{0})));
    const Json items = quadrant.value("items", Json::array());
    if (items.empty()) q->ShowSection("NONE");
    for (const Json& item : items) {
      Dict* d = q->AddSectionDictionary("ITEM");
      d->SetValue("ITEM", Text(item, "item"));
      d->SetValue("COUNT", fmt::format("{}", item.value("count", uint64_t{0})));
      d->SetValue("SHARE", Percent(Number(item, "share").value_or(0)));
      // One quote per item keeps the 2 × 2 readable on one page.
      const Json quotes = item.value("quotes", Json::array());
      if (!quotes.empty()) {
        const Json& first = quotes.front();
        AddQuote(Quote{Text(first, "text"), Text(first, "language"),
                       first.value("record", int64_t{0}), 0},
                 d->AddSectionDictionary("QUOTE"));
      }
    }
  }
  if (groups->size() < 2) return;
  Dict* segs = sec->AddSectionDictionary("EMP_SEGMENTS");
  for (size_t g = 1; g < groups->size(); ++g) {
    const Json& group = (*groups)[g];
    Dict* row = segs->AddSectionDictionary("EMP_SEG");
    const std::string name = Text(group, "value");
    row->SetValue("NAME", name.empty() ? "(no segment)" : name);
    row->SetValue("SENTENCES", fmt::format("{}", group.value("sentences", uint64_t{0})));
    const Json qs = group.value("quadrants", Json::object());
    for (const auto& [id, label] : kQuadrants) {
      Dict* top = row->AddSectionDictionary("TOP");
      const Json items = qs.value(id, Json::object()).value("items", Json::array());
      if (items.empty()) {
        top->SetValue("ITEM", "–");
        continue;
      }
      top->SetValue("ITEM", Text(items.front(), "item"));
      top->SetValue("SHARE", Percent(Number(items.front(), "share").value_or(0)));
    }
  }
}

namespace {

// The plugin's thresholds as its reasons state them ("support 4.0
// (explicit) ≥ 3.5"); the scale's middle when no reason says.
double Threshold(const Json& people, const char* axis) {
  const std::regex pattern(std::string(axis) + R"( [0-9.]+ \([^)]*\) (?:≥|<) ([0-9]+(?:\.[0-9]+)?))");
  for (const Json& s : people) {
    const std::string reason = Text(s, "reason");
    std::smatch m;
    if (std::regex_search(reason, m, pattern)) return std::stod(m[1].str());
  }
  return (kScoreMin + kScoreMax) / 2;
}

double ToX(double support) {
  return kQuadMargin + (std::clamp(support, kScoreMin, kScoreMax) - kScoreMin) /
                           (kScoreMax - kScoreMin) * kQuadSize;
}

double ToY(double influence) {
  return kQuadMargin + (kScoreMax - std::clamp(influence, kScoreMin, kScoreMax)) /
                           (kScoreMax - kScoreMin) * kQuadSize;
}

}  // namespace

void AddStakeholderPanel(const Json& stakeholders, Dict* dict) {
  auto people = stakeholders.find("stakeholders");
  if (people == stakeholders.end() || !people->is_array() || people->empty()) return;
  Dict* sec = dict->AddSectionDictionary("STAKEHOLDERS");
  sec->SetValue("COUNT", fmt::format("{}", people->size()));
  const double support_at = Threshold(*people, "support");
  const double influence_at = Threshold(*people, "influence");
  const double left = kQuadMargin, top = kQuadMargin, right = kQuadMargin + kQuadSize,
               bottom = kQuadMargin + kQuadSize;
  sec->SetValue("W", fmt::format("{:.0f}", right + kQuadMargin));
  sec->SetValue("H", fmt::format("{:.0f}", bottom + kQuadMargin));
  sec->SetValue("LEFT", fmt::format("{:.0f}", left));
  sec->SetValue("TOP", fmt::format("{:.0f}", top));
  sec->SetValue("RIGHT", fmt::format("{:.0f}", right));
  sec->SetValue("BOTTOM", fmt::format("{:.0f}", bottom));
  sec->SetValue("SIZE", fmt::format("{:.0f}", kQuadSize));
  sec->SetValue("MID_X", fmt::format("{:.1f}", ToX(support_at)));
  sec->SetValue("MID_Y", fmt::format("{:.1f}", ToY(influence_at)));
  sec->SetValue("AXIS_X", fmt::format("{:.0f}", left + kQuadSize / 2));
  sec->SetValue("AXIS_Y", fmt::format("{:.0f}", top + kQuadSize / 2));
  sec->SetValue("BELOW", fmt::format("{:.0f}", bottom + 44));
  sec->SetValue("SUPPORT_AT", fmt::format("{}", support_at));
  sec->SetValue("INFLUENCE_AT", fmt::format("{}", influence_at));
  // The strategy of each quadrant, named by the people in it.
  struct Corner {
    const char* quadrant;
    double x, y;
    const char* anchor;
  };
  // Outside the frame, so no dot sits under a name.
  for (const Corner& c : {Corner{"high_support_high_influence", right, top - 12, "end"},
                          Corner{"low_support_high_influence", left, top - 12, "start"},
                          Corner{"high_support_low_influence", right, bottom + 22, "end"},
                          Corner{"low_support_low_influence", left, bottom + 22, "start"}}) {
    for (const Json& s : *people) {
      if (Text(s, "quadrant") != c.quadrant || Text(s, "strategy").empty()) continue;
      Dict* d = sec->AddSectionDictionary("CORNER");
      d->SetValue("X", fmt::format("{:.0f}", c.x));
      d->SetValue("Y", fmt::format("{:.0f}", c.y));
      d->SetValue("ANCHOR", c.anchor);
      d->SetValue("TEXT", Text(s, "strategy"));
      break;
    }
  }
  // People with the same scores would hide each other: each further one at
  // the same point moves a little round it.
  std::map<std::pair<long, long>, int> seen;
  size_t index = 0;
  for (const Json& s : *people) {
    ++index;
    auto support = Number(s, "support"), influence = Number(s, "influence");
    const std::string name = Text(s, "name");
    const std::string owns = [&] {
      std::string out;
      for (const Json& t : s.value("owns", Json::array())) {
        if (t.value("volume", uint64_t{0}) == 0) continue;
        out += (out.empty() ? "" : ", ") + Text(t, "label");
      }
      return out;
    }();
    if (index <= kStakeholderRows) {
      Dict* row = sec->AddSectionDictionary("PERSON_ROW");
      row->SetValue("NAME", name);
      row->SetValue("DEPARTMENT", Text(s, "department"));
      row->SetValue("ROLE", Text(s, "role"));
      row->SetValue("SUPPORT", support ? fmt::format("{:.1f}", *support) : "–");
      row->SetValue("INFLUENCE", influence ? fmt::format("{:.1f}", *influence) : "–");
      row->SetValue("STRATEGY", Text(s, "strategy"));
      row->SetValue("OWNS", owns.empty() ? "–" : owns);
    }
    if (!support || !influence) continue;
    const int k = seen[{std::lround(*support * 10), std::lround(*influence * 10)}]++;
    const double angle = k * 2.399963;  // the golden angle spreads them evenly
    const double radius = k == 0 ? 0 : 7 * std::sqrt(static_cast<double>(k));
    const double x = ToX(*support) + radius * std::cos(angle);
    const double y = ToY(*influence) + radius * std::sin(angle);
    Dict* d = sec->AddSectionDictionary("PERSON");
    d->SetValue("X", fmt::format("{:.1f}", x));
    d->SetValue("Y", fmt::format("{:.1f}", y));
    d->SetValue("CLASS", Text(s, "strategy").empty() ? "unknown" : Text(s, "strategy"));
    d->SetValue("TITLE", fmt::format("{} — {}, {}: support {:.1f}, influence {:.1f} → {}", name,
                                     Text(s, "department"), Text(s, "role"), *support, *influence,
                                     Text(s, "strategy")));
    if (index <= kStakeholdersLabelled) {
      Dict* label = d->AddSectionDictionary("LABEL");
      label->SetValue("TEXT", name);
      // Names point inwards, so none runs off the drawing.
      const bool right_half = x > left + kQuadSize / 2;
      label->SetValue("LX", fmt::format("{:.1f}", right_half ? x - 9 : x + 9));
      label->SetValue("LY", fmt::format("{:.1f}", y + 4));
      label->SetValue("ANCHOR", right_half ? "end" : "start");
    }
  }
  if (people->size() > kStakeholderRows) {
    Dict* more = sec->AddSectionDictionary("MORE_PEOPLE");
    more->SetValue("SHOWN", fmt::format("{}", kStakeholderRows));
  }
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_map.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/journey/journey_facts.h"
#include "core/journey/journey_metrics.h"
#include "core/journey/keyphrases.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

// One cell of the map (a stage or a touchpoint). Sentiment counts per
// unit; scores and call figures count per response, once per cell, however
// many of the respondent's sentences map there.
struct Cell {
  ScoreAccumulator acc;
  std::unordered_set<int64_t> responses;

  void Add(const Fact& f) {
    if (f.sentiment) acc.AddSentiment(f.sentiment_label, *f.sentiment);
    if (!responses.insert(f.response).second) return;
    if (f.nps) acc.AddNps(*f.nps);
    if (f.csat) acc.AddCsat(*f.csat);
    if (f.ces) acc.AddCes(*f.ces);
    if (f.channel == "call") acc.AddCall(f.duration_s, f.hold_s, f.disposition);
  }
};

Json Scores(const ScoreAccumulator& acc) {
  Json j;
  auto s = acc.sentiment();
  j["sentiment"] = {{"n", s.n}, {"positive", s.positive}, {"neutral", s.neutral},
                    {"negative", s.negative}, {"mean", s.mean}};
  auto nps = acc.nps();
  j["nps"] = nps.n == 0 ? Json(nullptr)
                        : Json{{"value", nps.value}, {"n", nps.n}, {"ci_low", nps.ci_low},
                               {"ci_high", nps.ci_high}, {"promoters", nps.promoters},
                               {"passives", nps.passives}, {"detractors", nps.detractors}};
  auto csat = acc.csat();
  j["csat"] = csat.n == 0 ? Json(nullptr)
                          : Json{{"value", csat.top2}, {"n", csat.n}, {"mean", csat.mean},
                                 {"ci_low", csat.ci_low}, {"ci_high", csat.ci_high}};
  auto ces = acc.ces();
  j["ces"] = ces.n == 0 ? Json(nullptr)
                        : Json{{"value", ces.mean}, {"n", ces.n}, {"easy_share", ces.easy_share},
                               {"ci_low", ces.ci_low}, {"ci_high", ces.ci_high}};
  if (acc.calls() == 0) {
    j["calls"] = nullptr;
  } else {
    auto hold = acc.mean_hold();
    uint64_t outcomes = acc.calls_with_outcome();
    j["calls"] = {{"count", acc.calls()},
                  {"mean_duration_s", acc.timed_calls() == 0 ? Json(nullptr) : Json(acc.mean_duration())},
                  {"mean_hold_s", hold ? Json(*hold) : Json(nullptr)},
                  {"resolution_rate", outcomes == 0 ? Json(nullptr)
                                                    : Json(100.0 * acc.resolved_calls() / outcomes)},
                  {"resolution_n", outcomes}};
  }
  return j;
}

class MapBuilder {
 public:
  MapBuilder(const JourneyLabels& labels, const JourneyQuery& query, const std::vector<Fact>& facts,
             const std::vector<Unit>& units, const PhraseIndex& phrases)
      : labels_(labels), query_(query), facts_(facts), units_(units), phrases_(phrases) {}

  /// The map over the facts for which `in(fact)` holds.
  template <typename Pred>
  Json Build(Pred in) const {
    std::map<std::string, Cell> stages, touchpoints;
    std::map<std::string, uint64_t> stage_volume, tp_volume;
    std::map<std::string, std::map<std::string, uint64_t>> tp_stages;
    uint64_t records = 0, unmapped = 0, not_analysed = 0;
    Json unmapped_examples = Json::array();
    for (const auto& f : facts_) {
      if (!in(f)) continue;
      ++records;
      if (!f.journey_done) {
        ++not_analysed;
        continue;
      }
      if (!f.stage.empty()) {
        stages[f.stage].Add(f);
        ++stage_volume[f.stage];
      }
      if (f.touchpoint.empty()) {
        ++unmapped;
        if (unmapped_examples.size() < query_.unmapped_examples) {
          unmapped_examples.push_back({{"record", f.record}, {"text", f.text}, {"language", f.lang}});
        }
        continue;
      }
      touchpoints[f.touchpoint].Add(f);
      ++tp_volume[f.touchpoint];
      if (!f.stage.empty()) ++tp_stages[f.touchpoint][f.stage];
    }

    Json out;
    out["records"] = records;
    out["stages"] = Json::array();
    std::vector<std::string> stage_ids;
    for (const auto& s : labels_.stages) stage_ids.push_back(s.id);
    for (const auto& [id, v] : stage_volume) {
      if (labels_.Stage(id) == nullptr) stage_ids.push_back(id);  // from another model
    }
    for (const auto& id : stage_ids) {
      const auto* item = labels_.Stage(id);
      Json s{{"id", id}, {"label", item ? item->label : id}, {"volume", stage_volume[id]}};
      s.update(Scores(stages[id].acc));
      out["stages"].push_back(std::move(s));
    }

    out["touchpoints"] = Json::array();
    std::vector<std::string> tp_ids;
    for (const auto& t : labels_.touchpoints) tp_ids.push_back(t.id);
    for (const auto& [id, v] : tp_volume) {
      if (labels_.Touchpoint(id) == nullptr) tp_ids.push_back(id);
    }
    auto units_of = UnitsByTouchpoint(in);
    for (const auto& id : tp_ids) {
      const auto* item = labels_.Touchpoint(id);
      std::string stage;
      uint64_t best = 0;
      for (const auto& [sid, n] : tp_stages[id]) {
        if (n > best) best = n, stage = sid;
      }
      Json t{{"id", id}, {"label", item ? item->label : id}, {"owner", item ? item->owner : ""},
             {"stage", stage.empty() ? Json(nullptr) : Json(stage)}, {"volume", tp_volume[id]}};
      t.update(Scores(touchpoints[id].acc));
      t["themes"] = Themes(units_of[id]);
      t["pain_points"] = PainPoints(units_of[id]);
      out["touchpoints"].push_back(std::move(t));
    }
    out["unmapped"] = {{"count", unmapped}, {"examples", std::move(unmapped_examples)}};
    out["not_analysed"] = not_analysed;
    return out;
  }

 private:
  template <typename Pred>
  std::unordered_map<std::string, std::vector<size_t>> UnitsByTouchpoint(Pred in) const {
    std::unordered_map<std::string, std::vector<size_t>> out;
    for (size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      const Fact& f = facts_[u.fact];
      if (!in(f)) continue;
      // A sentence with no touchpoint of its own belongs to its record's.
      const std::string& tp = u.touchpoint.empty() ? f.touchpoint : u.touchpoint;
      if (!tp.empty()) out[tp].push_back(i);
    }
    return out;
  }

  Json Themes(const std::vector<size_t>& units) const {
    std::unordered_map<std::string, uint64_t> df;
    for (size_t i : units) {
      for (const auto& k : phrases_.keys[i]) ++df[k];
    }
    Json out = Json::array();
    for (const auto& t : TopThemes(df, units.size(), phrases_.corpus, query_.themes, 2)) {
      out.push_back({{"phrase", t.phrase}, {"volume", t.volume}, {"lift", t.lift}});
    }
    return out;
  }

  // Negative themes ranked by volume × negativity (mean −score of the
  // negative sentences holding them), each with the most negative quotes.
  Json PainPoints(const std::vector<size_t>& units) const {
    std::unordered_map<std::string, uint64_t> df;
    std::unordered_map<std::string, double> negativity;
    std::unordered_map<std::string, std::vector<size_t>> holders;
    uint64_t negative = 0;
    for (size_t i : units) {
      if (units_[i].sentiment_label >= 0) continue;
      ++negative;
      for (const auto& k : phrases_.keys[i]) {
        ++df[k];
        negativity[k] += -units_[i].sentiment;
        holders[k].push_back(i);
      }
    }
    for (auto& [k, sum] : negativity) sum /= static_cast<double>(df[k]);
    Json out = Json::array();
    uint64_t min_volume = negative >= 20 ? 2 : 1;
    auto themes = TopThemes(df, negative, phrases_.corpus, query_.pain_points, min_volume, &negativity);
    for (const auto& t : themes) {
      auto& h = holders[t.key];
      std::stable_sort(h.begin(), h.end(),
                       [&](size_t a, size_t b) { return units_[a].sentiment < units_[b].sentiment; });
      Json quotes = Json::array();
      for (size_t i = 0; i < h.size() && quotes.size() < query_.quotes; ++i) {
        const Unit& u = units_[h[i]];
        quotes.push_back({{"text", u.text}, {"language", facts_[u.fact].lang},
                          {"record", facts_[u.fact].record}, {"sentiment", u.sentiment}});
      }
      out.push_back({{"theme", t.phrase}, {"volume", t.volume}, {"negativity", negativity[t.key]},
                     {"score", t.volume * negativity[t.key]}, {"quotes", std::move(quotes)}});
    }
    std::stable_sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
      return a["score"].get<double>() > b["score"].get<double>();
    });
    return out;
  }

  const JourneyLabels& labels_;
  const JourneyQuery& query_;
  const std::vector<Fact>& facts_;
  const std::vector<Unit>& units_;
  const PhraseIndex& phrases_;
};

const std::string& CutValue(const Fact& f, const std::string& by) {
  if (by == "segment") return f.segment;
  if (by == "language") return f.lang;
  return f.channel;
}

}  // namespace

Result<Json> BuildJourneyMap(SqliteDb& db, const JourneyLabels& labels, const JourneyQuery& query) {
  if (!query.by.empty() && query.by != "segment" && query.by != "language" && query.by != "channel") {
    return Status::InvalidArgument("--by " + query.by + ": use segment, language or channel");
  }
  auto data = LoadJourneyData(db, query.where, query.since, query.until);
  if (!data.ok()) return data.status();
  MapBuilder builder(labels, query, data->facts, data->units, data->phrases);

  auto totals = LoadResponseTotals(db, query.where, query.since, query.until);
  if (!totals.ok()) return totals.status();

  Json out;
  out["model"] = labels.model;
  out["filter"] = {{"where", query.where}, {"since", query.since}, {"until", query.until}};
  // The headline figures count every respondent who gave the score, whether
  // or not they wrote anything; the cells below can only count those whose
  // words map there.
  Json overall{{"responses", totals->responses}, {"with_text", totals->with_text}};
  overall.update(Scores(totals->scores));
  overall.erase("sentiment");  // sentiment exists only for responses with text: see the stages
  overall["basis"] = query.where.empty()
                         ? "every response in the time window"
                         : "every response in the time window matching --where through a customer "
                           "text unit, or through its own fields when it has no text";
  out["overall"] = std::move(overall);
  out["score_basis"] =
      "overall: every response that gave the score; stages and touchpoints: the responses with a "
      "customer text unit mapped there, each counted once per cell";
  Json all = builder.Build([](const Fact&) { return true; });
  for (auto& [k, v] : all.items()) out[k] = std::move(v);
  if (!query.by.empty()) {
    std::map<std::string, uint64_t> values;
    for (const auto& f : data->facts) ++values[CutValue(f, query.by)];
    out["by"] = query.by;
    out["groups"] = Json::array();
    for (const auto& [value, n] : values) {
      Json g{{"value", value}};
      Json map = builder.Build([&](const Fact& f) { return CutValue(f, query.by) == value; });
      for (auto& [k, v] : map.items()) g[k] = std::move(v);
      out["groups"].push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace cxmap::core

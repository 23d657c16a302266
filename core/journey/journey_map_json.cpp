// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_map_json.h"

#include "core/util/utc_time.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;


template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json MapBodyInto(const MapBody& m, Json out) {
  out["records"] = m.records;
  out["stages"] = Json::array();
  for (const StageCell& s : m.stages) {
    Json j{{"id", s.id}, {"label", s.label}, {"volume", s.volume}};
    j.update(CellScoresJson(s.scores));
    out["stages"].push_back(std::move(j));
  }
  out["touchpoints"] = Json::array();
  for (const TouchpointCell& t : m.touchpoints) {
    Json j{{"id", t.id}, {"label", t.label}, {"owner", t.owner}, {"stage", OrNull(t.stage)},
           {"volume", t.volume}};
    j.update(CellScoresJson(t.scores));
    j["themes"] = Json::array();
    for (const JourneyTheme& th : t.themes) {
      j["themes"].push_back({{"phrase", th.phrase}, {"volume", th.volume}, {"lift", th.lift}});
    }
    j["pain_points"] = Json::array();
    for (const PainPoint& p : t.pain_points) {
      Json quotes = Json::array();
      for (const Quote& q : p.quotes) {
        quotes.push_back({{"text", q.text}, {"language", q.language}, {"record", q.record},
                          {"sentiment", q.sentiment}});
      }
      Json trend = nullptr;
      if (p.trend) {
        trend = {{"split", FormatUtc(p.trend->split_ms)},
                 {"earlier", p.trend->earlier},
                 {"recent", p.trend->recent},
                 {"earlier_base", p.trend->earlier_base},
                 {"recent_base", p.trend->recent_base},
                 {"direction", p.trend->direction > 0   ? "rising"
                               : p.trend->direction < 0 ? "falling"
                                                        : "steady"}};
      }
      j["pain_points"].push_back({{"theme", p.theme}, {"volume", p.volume},
                                  {"negativity", p.negativity}, {"score", p.score},
                                  {"quotes", std::move(quotes)}, {"trend", std::move(trend)}});
    }
    out["touchpoints"].push_back(std::move(j));
  }
  out["grid"] = Json::array();
  for (const GridCell& g : m.grid) {
    Json j{{"stage", g.stage}, {"touchpoint", g.touchpoint}, {"volume", g.volume}};
    j.update(CellScoresJson(g.scores));
    out["grid"].push_back(std::move(j));
  }
  Json examples = Json::array();
  for (const UnmappedExample& e : m.unmapped_examples) {
    examples.push_back({{"record", e.record}, {"text", e.text}, {"language", e.language}});
  }
  out["unmapped"] = {{"count", m.unmapped}, {"examples", std::move(examples)}};
  out["not_analysed"] = m.not_analysed;
  return out;
}

}  // namespace

Json NpsJson(const std::optional<Nps>& nps) {
  if (!nps) return nullptr;
  return {{"value", nps->value},         {"n", nps->n},
          {"ci_low", nps->ci_low},       {"ci_high", nps->ci_high},
          {"promoters", nps->promoters}, {"passives", nps->passives},
          {"detractors", nps->detractors}};
}

Json CellScoresJson(const CellScores& c) {
  Json j;
  const SentimentShares& s = c.sentiment;
  j["sentiment"] = {{"n", s.n}, {"positive", s.positive}, {"neutral", s.neutral},
                    {"negative", s.negative}, {"mean", s.mean}};
  j["nps"] = NpsJson(c.nps);
  j["csat"] = c.csat ? Json{{"value", c.csat->top2}, {"n", c.csat->n}, {"mean", c.csat->mean},
                            {"ci_low", c.csat->ci_low}, {"ci_high", c.csat->ci_high}}
                     : Json(nullptr);
  j["ces"] = c.ces ? Json{{"value", c.ces->mean}, {"n", c.ces->n}, {"easy_share", c.ces->easy_share},
                          {"ci_low", c.ces->ci_low}, {"ci_high", c.ces->ci_high}}
                   : Json(nullptr);
  if (!c.calls) {
    j["calls"] = nullptr;
  } else {
    j["calls"] = {{"count", c.calls->count},
                  {"mean_duration_s", OrNull(c.calls->mean_duration_s)},
                  {"mean_hold_s", OrNull(c.calls->mean_hold_s)},
                  {"resolution_rate", OrNull(c.calls->resolution_rate)},
                  {"resolution_n", c.calls->resolution_n}};
  }
  return j;
}

Json JourneyMapJson(const JourneyMap& map) {
  Json out;
  out["model"] = map.model;
  out["filter"] = {{"where", map.query.where}, {"since", map.query.since}, {"until", map.query.until}};
  Json overall{{"responses", map.overall.responses}, {"with_text", map.overall.with_text}};
  overall.update(CellScoresJson(map.overall.scores));
  overall.erase("sentiment");  // only responses with text have one: see the stages
  overall["basis"] = map.overall.basis;
  out["overall"] = std::move(overall);
  out["score_basis"] = map.score_basis;
  out = MapBodyInto(map.all, std::move(out));
  if (!map.query.by.empty()) {
    out["by"] = map.query.by;
    out["groups"] = Json::array();
    for (const JourneyGroup& g : map.groups) {
      out["groups"].push_back(MapBodyInto(g.map, Json{{"value", g.value}}));
    }
  }
  return out;
}

}  // namespace cxmap::core

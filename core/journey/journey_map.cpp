// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_map.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iterator>
#include <unordered_set>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/journey/journey_facts.h"
#include "core/journey/journey_metrics.h"
#include "core/journey/keyphrases.h"

namespace cxmap::core {

namespace {

// A touchpoint needs this many non-negative sentences before its pains are
// compared with them.
constexpr uint64_t kMinCalmSentences = 5;
// Two themes whose sentences overlap by this share of the larger set are
// one theme.
constexpr double kSameSentences = 0.8;

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

CellScores Scores(const ScoreAccumulator& acc) {
  CellScores c;
  c.sentiment = acc.sentiment();
  if (Nps nps = acc.nps(); nps.n > 0) c.nps = nps;
  if (Csat csat = acc.csat(); csat.n > 0) c.csat = csat;
  if (Ces ces = acc.ces(); ces.n > 0) c.ces = ces;
  if (acc.calls() > 0) {
    CallFigures calls;
    calls.count = acc.calls();
    if (acc.timed_calls() > 0) calls.mean_duration_s = acc.mean_duration();
    calls.mean_hold_s = acc.mean_hold();
    calls.resolution_n = acc.calls_with_outcome();
    if (calls.resolution_n > 0) calls.resolution_rate = 100.0 * acc.resolved_calls() / calls.resolution_n;
    c.calls = calls;
  }
  return c;
}

class MapBuilder {
 public:
  MapBuilder(const JourneyLabels& labels, const JourneyQuery& query, const std::vector<Fact>& facts,
             const std::vector<Unit>& units, const PhraseIndex& phrases)
      : labels_(labels), query_(query), facts_(facts), units_(units), phrases_(phrases) {
    // The median date of the dated text splits each pain point's trend:
    // two halves of equal weight, and one mistyped year cannot move it.
    std::vector<int64_t> times;
    for (const Fact& f : facts_) {
      if (f.time_ms) times.push_back(*f.time_ms);
    }
    if (times.size() >= 2) {
      auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
      std::nth_element(times.begin(), mid, times.end());
      const int64_t last = *std::max_element(times.begin(), times.end());
      if (*mid < last || *std::min_element(times.begin(), times.end()) < *mid) split_ms_ = *mid;
    }
  }

  /// The map over the facts for which `in(fact)` holds.
  template <typename Pred>
  MapBody Build(Pred in) const {
    std::map<std::string, Cell> stages, touchpoints;
    std::map<std::string, uint64_t> stage_volume, tp_volume;
    std::map<std::string, std::map<std::string, uint64_t>> tp_stages;
    std::map<std::pair<std::string, std::string>, Cell> grid;  // (stage, touchpoint)
    MapBody out;
    for (const auto& f : facts_) {
      if (!in(f)) continue;
      ++out.records;
      if (!f.journey_done) {
        ++out.not_analysed;
        continue;
      }
      if (!f.stage.empty()) {
        stages[f.stage].Add(f);
        ++stage_volume[f.stage];
      }
      if (f.touchpoint.empty()) {
        ++out.unmapped;
        if (out.unmapped_examples.size() < query_.unmapped_examples) {
          out.unmapped_examples.push_back({f.record, f.text, f.lang});
        }
        continue;
      }
      touchpoints[f.touchpoint].Add(f);
      ++tp_volume[f.touchpoint];
      if (!f.stage.empty()) {
        ++tp_stages[f.touchpoint][f.stage];
        grid[{f.stage, f.touchpoint}].Add(f);
      }
    }

    std::vector<std::string> stage_ids;
    for (const auto& s : labels_.stages) stage_ids.push_back(s.id);
    for (const auto& [id, v] : stage_volume) {
      if (labels_.Stage(id) == nullptr) stage_ids.push_back(id);  // from another model
    }
    for (const auto& id : stage_ids) {
      const auto* item = labels_.Stage(id);
      out.stages.push_back({id, item ? item->label : id, stage_volume[id], Scores(stages[id].acc)});
    }

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
      TouchpointCell t;
      t.id = id;
      t.label = item ? item->label : id;
      t.owner = item ? item->owner : "";
      if (!stage.empty()) t.stage = stage;
      t.volume = tp_volume[id];
      t.scores = Scores(touchpoints[id].acc);
      t.themes = Themes(units_of[id]);
      // A touchpoint none of whose texts reads negative has no pain, even
      // when one sentence of a happy text does ("wish there were more").
      if (t.scores.sentiment.negative > 0) t.pain_points = PainPoints(id, units_of[id]);
      out.touchpoints.push_back(std::move(t));
    }
    for (const auto& sid : stage_ids) {
      for (const auto& tid : tp_ids) {
        auto it = grid.find({sid, tid});
        if (it == grid.end()) continue;
        out.grid.push_back({sid, tid, it->second.responses.size(), Scores(it->second.acc)});
      }
    }
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

  std::vector<JourneyTheme> Themes(const std::vector<size_t>& units) const {
    std::unordered_map<std::string, uint64_t> df;
    for (size_t i : units) {
      for (const auto& k : phrases_.keys[i]) ++df[k];
    }
    std::vector<JourneyTheme> out;
    for (const auto& t : TopThemes(df, units.size(), phrases_.corpus, query_.themes, 2)) {
      out.push_back({t.phrase, t.volume, t.lift});
    }
    return out;
  }

  // Negative themes ranked by volume × negativity (mean −score of the
  // negative sentences holding them), each with the most negative quotes.
  std::vector<PainPoint> PainPoints(const std::string& touchpoint,
                                    const std::vector<size_t>& units) const {
    std::unordered_map<std::string, uint64_t> df;
    std::unordered_map<std::string, double> negativity;
    std::unordered_map<std::string, std::vector<size_t>> holders;
    std::unordered_map<std::string, uint64_t> calm_df;  // in the non-negative sentences
    uint64_t negative = 0, calm = 0;
    for (size_t i : units) {
      if (units_[i].sentiment_label >= 0) {
        ++calm;
        for (const auto& k : phrases_.keys[i]) ++calm_df[k];
        continue;
      }
      ++negative;
      for (const auto& k : phrases_.keys[i]) {
        ++df[k];
        negativity[k] += -units_[i].sentiment;
        holders[k].push_back(i);
      }
    }
    for (auto& [k, sum] : negativity) sum /= static_cast<double>(df[k]);
    // The words that named the touchpoint (its cues in each sentence's
    // evidence) are no pain of it: "delivery" under Delivery.
    for (size_t i : units) {
      if (units_[i].sentiment_label >= 0) continue;
      for (const std::string& key : CueKeys(units_[i].touchpoint_evidence)) df.erase(key);
    }
    // Nor is any cue word of its catalogue entry on its own, whether or not
    // it named the touchpoint in these sentences (a sentence may take its
    // record's touchpoint): "giảm giá" under Pricing, "sorted" under
    // Customer support. Phrases around a cue ("late delivery") stay.
    for (const std::string& key : CatalogueCueKeys(touchpoint)) df.erase(key);
    // A pain is what the touchpoint's complaints say more often than its
    // other sentences: the words that name the touchpoint ("delivery"
    // under Delivery, "giá" under Pricing) are as common in praise and
    // drop out. Add-one smoothing; without other sentences nothing drops.
    if (calm >= kMinCalmSentences) {
      for (auto it = df.begin(); it != df.end();) {
        const double in_negative = static_cast<double>(it->second) / static_cast<double>(negative);
        auto c = calm_df.find(it->first);
        const double in_calm = (static_cast<double>(c == calm_df.end() ? 0 : c->second) + 1) /
                               (static_cast<double>(calm) + 2);
        it = in_negative > in_calm ? std::next(it) : df.erase(it);
      }
    }
    // Negative sentences of the touchpoint per half, the trend's bases.
    uint64_t earlier_base = 0, recent_base = 0;
    for (size_t i : units) {
      if (units_[i].sentiment_label >= 0) continue;
      if (auto half = Half(i)) (*half ? recent_base : earlier_base)++;
    }
    std::vector<PainPoint> out;
    uint64_t min_volume = negative >= 20 ? 2 : 1;
    // More candidates than asked for: a theme held by nearly the same
    // sentences as one ranked above it (another n-gram of those sentences:
    // "late delivery", "delivery late again") says nothing new and is
    // left out. A theme inside a broader one's sentences stays.
    auto themes = TopThemes(df, negative, phrases_.corpus, query_.pain_points * 4, min_volume,
                            &negativity);
    std::vector<std::vector<size_t>> kept;  // sorted holder sets
    for (const auto& t : themes) {
      if (out.size() >= query_.pain_points) break;
      auto& h = holders[t.key];
      std::vector<size_t> mine = h;
      std::sort(mine.begin(), mine.end());
      bool repeats = false;
      for (const auto& other : kept) {
        std::vector<size_t> both;
        std::set_intersection(mine.begin(), mine.end(), other.begin(), other.end(),
                              std::back_inserter(both));
        repeats = repeats || static_cast<double>(both.size()) >=
                                 kSameSentences * static_cast<double>(std::max(mine.size(), other.size()));
      }
      if (repeats) continue;
      kept.push_back(std::move(mine));
      std::stable_sort(h.begin(), h.end(),
                       [&](size_t a, size_t b) { return units_[a].sentiment < units_[b].sentiment; });
      PainPoint p{t.phrase, t.volume, negativity[t.key], t.volume * negativity[t.key], {}};
      for (size_t i = 0; i < h.size() && p.quotes.size() < query_.quotes; ++i) {
        const Unit& u = units_[h[i]];
        p.quotes.push_back({u.text, facts_[u.fact].lang, facts_[u.fact].record, u.sentiment});
      }
      if (split_ms_) {
        PainTrend trend{*split_ms_, 0, 0, earlier_base, recent_base, 0};
        for (size_t i : h) {
          if (auto half = Half(i)) (*half ? trend.recent : trend.earlier)++;
        }
        trend.direction = TrendDirection(trend);
        p.trend = trend;
      }
      out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const PainPoint& a, const PainPoint& b) { return a.score > b.score; });
    return out;
  }

  // The phrase keys of the "cue:…" entries of a touchpoint's evidence,
  // folded as the sentences' phrases are; cached, evidence lists repeat.
  const std::vector<std::string>& CueKeys(const std::string& evidence) const {
    auto hit = cue_keys_.find(evidence);
    if (hit != cue_keys_.end()) return hit->second;
    std::vector<std::string> keys;
    auto list = nlohmann::json::parse(evidence, nullptr, /*allow_exceptions=*/false);
    if (list.is_array()) {
      for (const auto& e : list) {
        if (!e.is_string()) continue;
        const std::string item = e.get<std::string>();
        if (item.rfind("cue:", 0) != 0) continue;
        for (const auto& [key, surface] : cue_extractor_.Extract(item.substr(4))) keys.push_back(key);
      }
    }
    return cue_keys_.emplace(evidence, std::move(keys)).first->second;
  }

  // The whole-cue phrase keys of a touchpoint's catalogue cues (the
  // longest key each cue folds to); cached per touchpoint.
  const std::unordered_set<std::string>& CatalogueCueKeys(const std::string& touchpoint) const {
    auto hit = catalogue_cue_keys_.find(touchpoint);
    if (hit != catalogue_cue_keys_.end()) return hit->second;
    std::unordered_set<std::string> keys;
    if (const auto* item = labels_.Touchpoint(touchpoint)) {
      for (const std::string& cue : item->cues) {
        std::string whole;
        for (const auto& [key, surface] : cue_extractor_.Extract(cue)) {
          if (key.size() > whole.size()) whole = key;
        }
        if (!whole.empty()) keys.insert(std::move(whole));
      }
    }
    return catalogue_cue_keys_.emplace(touchpoint, std::move(keys)).first->second;
  }

  // Which half of the time span unit i's text falls in (true: the recent
  // one); none without a date or a span.
  std::optional<bool> Half(size_t i) const {
    const auto& t = facts_[units_[i].fact].time_ms;
    if (!split_ms_ || !t) return std::nullopt;
    return *t >= *split_ms_;
  }

  static int TrendDirection(const PainTrend& t) {
    if (t.earlier_base < kMinTrendBase || t.recent_base < kMinTrendBase) return 0;
    const double n1 = static_cast<double>(t.earlier_base), n2 = static_cast<double>(t.recent_base);
    const double p1 = t.earlier / n1, p2 = t.recent / n2;
    const double pooled = (t.earlier + t.recent) / (n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    if (se <= 0) return 0;
    const double z = (p2 - p1) / se;
    return z > 1.96 ? 1 : z < -1.96 ? -1 : 0;
  }

  std::optional<int64_t> split_ms_;
  mutable PhraseExtractor cue_extractor_;
  mutable std::unordered_map<std::string, std::vector<std::string>> cue_keys_;
  mutable std::unordered_map<std::string, std::unordered_set<std::string>> catalogue_cue_keys_;
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

Result<JourneyMap> BuildJourneyMap(SqliteDb& db, const JourneyLabels& labels,
                                   const JourneyQuery& query) {
  if (!query.by.empty() && query.by != "segment" && query.by != "language" && query.by != "channel") {
    return Status::InvalidArgument("--by " + query.by + ": use segment, language or channel");
  }
  auto data = LoadJourneyData(db, query.where, query.since, query.until);
  if (!data.ok()) return data.status();
  MapBuilder builder(labels, query, data->facts, data->units, data->phrases);

  auto totals = LoadResponseTotals(db, query.where, query.since, query.until);
  if (!totals.ok()) return totals.status();

  JourneyMap out;
  out.model = labels.model;
  out.query = query;
  // The headline figures count every respondent who gave the score, whether
  // or not they wrote anything; the cells below can only count those whose
  // words map there.
  out.overall.responses = totals->responses;
  out.overall.with_text = totals->with_text;
  out.overall.scores = Scores(totals->scores);
  out.overall.basis = query.where.empty()
                          ? "every response in the time window"
                          : "every response in the time window matching --where through a customer "
                            "text unit, or through its own fields when it has no text";
  out.score_basis =
      "overall: every response that gave the score; stages and touchpoints: the responses with a "
      "customer text unit mapped there, each counted once per cell";
  out.all = builder.Build([](const Fact&) { return true; });
  std::set<std::pair<int64_t, std::string>> negative;
  for (const Unit& u : data->units) {
    const Fact& f = data->facts[u.fact];
    const std::string& tp = u.touchpoint.empty() ? f.touchpoint : u.touchpoint;
    if (u.sentiment_label < 0 && !tp.empty()) negative.emplace(f.response, tp);
  }
  out.negative_mentions.assign(negative.begin(), negative.end());
  if (!query.by.empty()) {
    std::map<std::string, uint64_t> values;
    for (const auto& f : data->facts) ++values[CutValue(f, query.by)];
    for (const auto& [value, n] : values) {
      out.groups.push_back(
          {value, builder.Build([&](const Fact& f) { return CutValue(f, query.by) == value; })});
    }
  }
  return out;
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/journey/root_cause.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/journey/journey_facts.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

/// Counts, per candidate value, the records having it overall and in the
/// pain set (each record counts once per value).
struct Tally {
  std::map<std::string, uint64_t> all, pain;
  void Add(const std::set<std::string>& values, bool in_pain) {
    for (const auto& v : values) {
      ++all[v];
      if (in_pain) ++pain[v];
    }
  }
};

Json Drivers(const Tally& t, uint64_t n_records, uint64_t n_pain, size_t limit,
             const std::map<std::string, std::string>* surface = nullptr) {
  struct Row {
    std::string value;
    uint64_t k, n;
    double expected, lift, z;
  };
  std::vector<Row> rows;
  for (const auto& [value, k] : t.pain) {
    uint64_t n = t.all.at(value);
    double share = static_cast<double>(n) / n_records;
    double expected = n_pain * share;
    if (k < 2 || expected <= 0) continue;
    double lift = k / expected;
    if (lift <= 1.0) continue;
    double sd = std::sqrt(expected * (1 - share));
    double z = sd > 0 ? (k - expected) / sd : 0;
    rows.push_back({value, k, n, expected, lift, z});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.z != b.z ? a.z > b.z : a.value < b.value;
  });
  Json out = Json::array();
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    const Row& r = rows[i];
    std::string shown = r.value;
    if (surface != nullptr) {
      auto it = surface->find(r.value);
      if (it != surface->end()) shown = it->second;
    }
    out.push_back({{"value", shown}, {"pain_records", r.k}, {"records", r.n},
                   {"expected", r.expected}, {"lift", r.lift}, {"z", r.z}});
  }
  return out;
}

}  // namespace

Result<Json> DrillDown(SqliteDb& db, const JourneyQuery& query, const std::string& pain, size_t limit) {
  size_t colon = pain.find(':');
  std::string touchpoint = pain.substr(0, colon);
  std::string theme = colon == std::string::npos ? "" : pain.substr(colon + 1);
  if (touchpoint.empty()) return Status::InvalidArgument("--why TOUCHPOINT[:THEME]: touchpoint missing");
  std::string theme_key;
  if (!theme.empty()) {
    // Fold the theme the way phrases are keyed, so "Giao hàng chậm" and
    // "giao hang cham" name the same pain point.
    PhraseExtractor extractor;
    const auto& phrases = extractor.Extract(theme);
    for (const auto& [key, surface] : phrases) {
      if (key.size() > theme_key.size()) theme_key = key;
    }
    if (theme_key.empty()) return Status::InvalidArgument("--why: '" + theme + "' holds no theme words");
  }

  auto data = LoadJourneyData(db, query.where, query.since, query.until);
  if (!data.ok()) return data.status();
  const std::vector<Fact>& facts = data->facts;
  const std::vector<Unit>& units = data->units;
  const PhraseIndex& phrases = data->phrases;

  // Per record: is it in the pain set, and which themes and touchpoints
  // its sentences carry.
  std::vector<bool> in_pain(facts.size(), false);
  std::vector<std::set<std::string>> themes(facts.size()), touchpoints(facts.size());
  std::map<std::string, std::string> surface;
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const Fact& f = facts[u.fact];
    const std::string& tp = u.touchpoint.empty() ? f.touchpoint : u.touchpoint;
    const auto& keys = phrases.keys[i];
    bool has_theme = theme_key.empty() || std::find(keys.begin(), keys.end(), theme_key) != keys.end();
    if (tp == touchpoint && u.sentiment_label < 0 && has_theme) in_pain[u.fact] = true;
    for (const auto& k : keys) {
      themes[u.fact].insert(k);
      surface.try_emplace(k, phrases.corpus.surface(k));
    }
    if (!tp.empty()) touchpoints[u.fact].insert(tp);
  }
  Tally by_theme, by_touchpoint, by_segment, by_channel, by_language;
  uint64_t n_pain = 0;
  for (size_t i = 0; i < facts.size(); ++i) {
    const Fact& f = facts[i];
    bool p = in_pain[i];
    n_pain += p;
    std::set<std::string> t = themes[i];
    if (!theme_key.empty()) t.erase(theme_key);  // the pain point explains nothing about itself
    by_theme.Add(t, p);
    std::set<std::string> tps = touchpoints[i];
    tps.erase(touchpoint);
    by_touchpoint.Add(tps, p);
    if (!f.segment.empty()) by_segment.Add({f.segment}, p);
    if (!f.channel.empty()) by_channel.Add({f.channel}, p);
    if (!f.lang.empty()) by_language.Add({f.lang}, p);
  }
  Json out;
  out["pain_point"] = {{"touchpoint", touchpoint}, {"theme", theme.empty() ? Json(nullptr) : Json(theme)}};
  out["records"] = facts.size();
  out["pain_records"] = n_pain;
  uint64_t n = facts.size();
  out["drivers"] = {{"themes", Drivers(by_theme, n, n_pain, limit, &surface)},
                    {"touchpoints", Drivers(by_touchpoint, n, n_pain, limit)},
                    {"segments", Drivers(by_segment, n, n_pain, limit)},
                    {"channels", Drivers(by_channel, n, n_pain, limit)},
                    {"languages", Drivers(by_language, n, n_pain, limit)}};
  return out;
}

}  // namespace cxmap::core

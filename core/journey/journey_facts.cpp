// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_facts.h"

#include <utility>

namespace cxmap::core {

PhraseIndex IndexPhrases(const std::vector<Fact>& facts, const std::vector<Unit>& units) {
  PhraseIndex out;
  PhraseExtractor extractor;
  out.keys.reserve(units.size());
  for (const auto& u : units) {
    const auto& phrases = extractor.Extract(u.text, facts[u.fact].lang);
    out.corpus.AddDocument(phrases);
    std::vector<std::string> k;
    k.reserve(phrases.size());
    for (const auto& p : phrases) k.push_back(p.first);
    out.keys.push_back(std::move(k));
  }
  return out;
}

Result<ResponseTotals> LoadResponseTotals(SqliteDb& db, std::string_view where,
                                          const std::string& since, const std::string& until) {
  ResponseTotals out;
  Status s = ReadResponseScores(db, where, since, until, [&](const ResponseScoreRow& r) {
    ++out.responses;
    if (r.nps) out.scores.AddNps(*r.nps);
    if (r.csat) out.scores.AddCsat(*r.csat);
    if (r.ces) out.scores.AddCes(*r.ces);
    if (r.channel == "call") out.scores.AddCall(r.duration_s, r.hold_s, r.disposition);
    if (r.has_customer_text) ++out.with_text;
  });
  if (!s.ok()) return s;
  return out;
}

Result<JourneyData> LoadJourneyData(SqliteDb& db, std::string_view where, const std::string& since,
                                    const std::string& until) {
  auto compiled = CompileFilter(where);
  if (!compiled.ok()) return compiled.status();
  auto filter = WithTimeWindow(*compiled, since, until);
  if (!filter.ok()) return filter.status();
  JourneyData data;
  auto facts = LoadFacts(db, *filter);
  if (!facts.ok()) return facts.status();
  data.facts = std::move(facts).value();
  auto units = LoadUnits(db, *filter, data.facts);
  if (!units.ok()) return units.status();
  data.units = std::move(units).value();
  data.phrases = IndexPhrases(data.facts, data.units);
  return data;
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/report/empathy_report.h"

#include <algorithm>
#include <map>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>

#include "core/journey/journey_facts.h"
#include "core/storage/report_reads.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kQuadrants[] = {"says", "thinks", "feels", "does"};

using EmpathySentence = EmpathySentenceRow;

struct ItemTally {
  uint64_t count = 0;
  std::map<std::string, uint64_t> emotions;
  std::vector<const EmpathySentence*> examples;
};

// Letters in `text` (any script: Latin, Thai, Han…), so an emoji or "ok"
// does not pass for a quote.
int Letters(const std::string& text) {
  int letters = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c >= 0 && u_isalpha(c)) ++letters;
  }
  return letters;
}

// A quote reads best at about a sentence's length: between kMinQuoteLetters
// and a few dozen letters, nearest kIdealQuoteLetters first.
constexpr int kMinQuoteLetters = 8;
constexpr int kShortestQuoteLetters = 3;  // "ok" or an emoji alone is no quote
constexpr int kIdealQuoteLetters = 40;

Json Group(const std::vector<const EmpathySentence*>& sentences, const EmpathyQuery& q) {
  std::map<std::string, std::map<std::string, ItemTally>> tally;  // quadrant → item
  std::map<std::string, uint64_t> per_quadrant;
  for (const EmpathySentence* s : sentences) {
    ItemTally& t = tally[s->quadrant][s->item];
    ++t.count;
    ++per_quadrant[s->quadrant];
    if (!s->emotion.empty()) ++t.emotions[s->emotion];
    t.examples.push_back(s);
  }
  Json out;
  out["sentences"] = sentences.size();
  out["quadrants"] = Json::object();
  for (const char* quadrant : kQuadrants) {
    std::vector<std::pair<std::string, const ItemTally*>> items;
    for (const auto& [item, t] : tally[quadrant]) items.emplace_back(item, &t);
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.second->count > b.second->count; });
    Json list = Json::array();
    for (size_t i = 0; i < items.size() && i < q.items; ++i) {
      const ItemTally& t = *items[i].second;
      // Representative quotes: readable ones (a sentence's worth of letters,
      // nearest the ideal length first, then shorter ones only if needed),
      // one per record, no repeats.
      std::vector<std::pair<std::pair<int, int>, const EmpathySentence*>> ex;
      for (const EmpathySentence* s : t.examples) {
        const int letters = Letters(s->text);
        if (letters < kShortestQuoteLetters) continue;
        // Whole sentences first, nearest the ideal length; short ones after.
        const bool whole = letters >= kMinQuoteLetters;
        ex.emplace_back(std::pair{whole ? 0 : 1, whole ? std::abs(letters - kIdealQuoteLetters)
                                                       : kMinQuoteLetters - letters},
                        s);
      }
      std::stable_sort(ex.begin(), ex.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      Json quotes = Json::array();
      std::set<int64_t> records;
      std::set<std::string> texts;
      for (const auto& [rank, s] : ex) {
        if (quotes.size() >= q.quotes) break;
        if (!records.insert(s->record).second || !texts.insert(s->text).second) continue;
        quotes.push_back({{"text", s->text}, {"language", s->lang}, {"record", s->record}});
      }
      Json entry{{"item", items[i].first}, {"count", t.count},
                 {"share", static_cast<double>(t.count) / per_quadrant[quadrant]}};
      if (!t.emotions.empty()) entry["emotions"] = t.emotions;
      entry["quotes"] = std::move(quotes);
      list.push_back(std::move(entry));
    }
    out["quadrants"][quadrant] = {{"sentences", per_quadrant[quadrant]}, {"items", std::move(list)}};
  }
  return out;
}

}  // namespace

Result<Json> BuildEmpathyMap(SqliteDb& db, const EmpathyQuery& query) {
  if (!query.by.empty() && query.by != "segment" && query.by != "stage") {
    return Status::InvalidArgument("--by " + query.by + ": use segment or stage");
  }
  auto filter = CompileFilter(query.where);
  if (!filter.ok()) return filter.status();
  auto sentences = LoadEmpathySentences(db, *filter);
  if (!sentences.ok()) return sentences.status();
  Json out;
  out["by"] = query.by.empty() ? Json(nullptr) : Json(query.by);
  out["groups"] = Json::array();
  std::map<std::string, std::vector<const EmpathySentence*>> groups;
  for (const auto& s : *sentences) {
    groups[query.by.empty() ? "all" : query.by == "segment" ? s.segment : s.stage].push_back(&s);
  }
  for (const auto& [value, members] : groups) {
    Json g{{"value", value}};
    g.update(Group(members, query));
    out["groups"].push_back(std::move(g));
  }
  return out;
}

Result<Json> BuildEmpathyOverview(SqliteDb& db, const std::string& where) {
  // One read of the sentences serves both cuts.
  EmpathyQuery query;
  query.where = where;
  auto filter = CompileFilter(query.where);
  if (!filter.ok()) return filter.status();
  auto sentences = LoadEmpathySentences(db, *filter);
  if (!sentences.ok()) return sentences.status();
  Json out;
  out["by"] = "segment";
  out["groups"] = Json::array();
  std::vector<const EmpathySentence*> all;
  std::map<std::string, std::vector<const EmpathySentence*>> by_segment;
  for (const auto& s : *sentences) {
    all.push_back(&s);
    by_segment[s.segment].push_back(&s);
  }
  Json everyone{{"value", "all"}};
  everyone.update(Group(all, query));
  out["groups"].push_back(std::move(everyone));
  for (const auto& [value, members] : by_segment) {
    Json g{{"value", value}};
    g.update(Group(members, query));
    out["groups"].push_back(std::move(g));
  }
  return out;
}

}  // namespace cxmap::core

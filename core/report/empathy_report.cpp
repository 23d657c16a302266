// SPDX-License-Identifier: Apache-2.0
#include "core/report/empathy_report.h"

#include <algorithm>
#include <map>
#include <set>

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
      // Representative quotes: short ones first, one per record, no repeats.
      std::vector<const EmpathySentence*> ex = t.examples;
      std::stable_sort(ex.begin(), ex.end(),
                       [](const EmpathySentence* a, const EmpathySentence* b) { return a->text.size() < b->text.size(); });
      Json quotes = Json::array();
      std::set<int64_t> records;
      std::set<std::string> texts;
      for (const EmpathySentence* s : ex) {
        if (quotes.size() >= q.quotes) break;
        if (s->text.size() < 4 || !records.insert(s->record).second || !texts.insert(s->text).second) continue;
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

}  // namespace cxmap::core

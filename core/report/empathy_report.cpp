// SPDX-License-Identifier: Apache-2.0
#include "core/report/empathy_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/journey/journey_facts.h"
#include "core/storage/field_roles.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kQuadrants[] = {"says", "thinks", "feels", "does"};

struct EmpathySentence {
  int64_t record = 0;
  std::string text, quadrant, item, emotion, stage, segment, lang;
};

struct ItemTally {
  uint64_t count = 0;
  std::map<std::string, uint64_t> emotions;
  std::vector<const EmpathySentence*> examples;
};

Result<std::vector<EmpathySentence>> LoadSentences(SqliteDb& db, const SqlFilter& filter) {
  // One row per sentence: the empathy fields pivoted, the sentence's own
  // journey stage (else its record's), and the record's segment/language.
  // The plugin that declares empathy.quadrant, its item and emotion fields,
  // and the stage role's sentence values.
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  auto quadrant = roles->find("empathy.quadrant");
  if (quadrant == roles->end()) return std::vector<EmpathySentence>();
  auto fields = FieldsOfRolePlugin(db, "empathy.quadrant");
  if (!fields.ok()) return fields.status();
  std::vector<SqlValue> binds;
  std::string sql = "SELECT s.record, s.sentence, max(s.sentence_text)";
  for (const char* role : {"empathy.quadrant", "empathy.item", "emotion"}) {
    auto field = fields->find(role);
    if (field == fields->end()) {
      sql += ", NULL";
      continue;
    }
    sql += ", max(CASE WHEN s.field = ? THEN s.value END)";
    binds.emplace_back(field->second);
  }
  auto stage = roles->find("stage");
  if (stage != roles->end()) {
    sql += ", coalesce((SELECT value FROM results j WHERE j.record = s.record AND"
           " j.plugin = ? AND j.field = ? AND j.sentence = s.sentence), f.stage)";
    binds.emplace_back(stage->second.plugin);
    binds.emplace_back(stage->second.field);
  } else {
    sql += ", f.stage";
  }
  sql += ", f.segment, f.lang FROM results s JOIN facts f ON f.record = s.record"
         " WHERE s.plugin = ? AND s.sentence >= 0";
  binds.emplace_back(quadrant->second.plugin);
  if (!filter.sql.empty()) sql += " AND s.record IN (SELECT record FROM facts WHERE " + filter.sql + ")";
  sql += " GROUP BY s.record, s.sentence ORDER BY s.record, s.sentence";
  binds.insert(binds.end(), filter.binds.begin(), filter.binds.end());
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, binds);
  std::vector<EmpathySentence> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    EmpathySentence s;
    s.record = stmt->ColumnInt(0);
    s.text = stmt->ColumnText(2);
    s.quadrant = stmt->ColumnText(3);
    s.item = stmt->ColumnText(4);
    s.emotion = stmt->ColumnText(5);
    s.stage = stmt->ColumnText(6);
    s.segment = stmt->ColumnText(7);
    s.lang = stmt->ColumnText(8);
    if (s.quadrant.empty()) continue;
    if (s.item.empty()) s.item = s.quadrant == "says" ? "statement" : s.quadrant;
    out.push_back(std::move(s));
  }
  return out;
}

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
  auto sentences = LoadSentences(db, *filter);
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

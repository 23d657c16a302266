// SPDX-License-Identifier: Apache-2.0
#include "core/storage/report_reads.h"

#include <string_view>
#include <unordered_map>

#include "core/storage/fact_reads.h"
#include "core/storage/field_roles.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

Json Value(Statement& stmt, int col) {
  switch (stmt.ColumnType(col)) {
    case 1: return Json(stmt.ColumnInt(col));     // SQLITE_INTEGER
    case 2: return Json(stmt.ColumnDouble(col));  // SQLITE_FLOAT
    case 5: return Json(nullptr);                 // SQLITE_NULL
    default: return Json(std::string(stmt.ColumnText(col)));
  }
}

}  // namespace

Result<std::vector<EmpathySentenceRow>> LoadEmpathySentences(SqliteDb& db, const SqlFilter& filter) {
  // One row per sentence: the empathy fields pivoted, the sentence's own
  // journey stage (else its record's), and the record's segment/language.
  // Two passes rather than a join: the units under the filter with their
  // record-level stage first, then every sentence value of the two plugins
  // in one grouped scan. Joining `facts` per sentence, or looking the
  // sentence's stage up in a correlated subquery, took minutes at 100k.
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  auto quadrant = roles->find("empathy.quadrant");
  if (quadrant == roles->end()) return std::vector<EmpathySentenceRow>();
  auto fields = FieldsOfRolePlugin(db, *roles, "empathy.quadrant");
  if (!fields.ok()) return fields.status();

  struct UnitInfo {
    std::string stage, segment, lang;
  };
  std::unordered_map<int64_t, UnitInfo> units;
  {
    std::string sql = "SELECT record, stage, segment, lang FROM facts";
    if (!filter.sql.empty()) sql += " WHERE " + filter.sql;
    auto stmt = db.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    BindAll(*stmt, filter.binds);
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      units.emplace(stmt->ColumnInt(0),
                    UnitInfo{std::string(stmt->ColumnText(1)), std::string(stmt->ColumnText(2)),
                             std::string(stmt->ColumnText(3))});
    }
  }

  std::vector<SqlValue> binds;
  std::string sql = "SELECT s.record, s.sentence, max(s.sentence_text)";
  for (const char* role : {"empathy.quadrant", "empathy.item", "emotion"}) {
    auto field = fields->find(role);
    if (field == fields->end()) {
      sql += ", NULL";
      continue;
    }
    sql += ", max(CASE WHEN s.plugin = ? AND s.field = ? THEN s.value END)";
    binds.emplace_back(quadrant->second.plugin);
    binds.emplace_back(field->second);
  }
  std::string plugins = "?";
  binds.emplace_back(quadrant->second.plugin);
  auto stage = roles->find("stage");
  if (stage != roles->end()) {
    sql += ", max(CASE WHEN s.plugin = ? AND s.field = ? THEN s.value END)";
    binds.insert(binds.end() - 1, {stage->second.plugin, stage->second.field});
    plugins += ", ?";
    binds.emplace_back(stage->second.plugin);
  } else {
    sql += ", NULL";
  }
  // The fields too, so SQLite skips the other columns' arms of the view.
  std::string field_names = "''";
  for (const char* role : {"empathy.quadrant", "empathy.item", "emotion"}) {
    if (auto field = fields->find(role); field != fields->end()) {
      field_names += ", ?";
      binds.emplace_back(field->second);
    }
  }
  if (stage != roles->end()) {
    field_names += ", ?";
    binds.emplace_back(stage->second.field);
  }
  sql += " FROM results s WHERE s.sentence >= 0 AND s.plugin IN (" + plugins + ") AND s.field IN (" +
         field_names + ") GROUP BY s.record, s.sentence ORDER BY s.record, s.sentence";
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, binds);
  std::vector<EmpathySentenceRow> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto unit = units.find(stmt->ColumnInt(0));
    if (unit == units.end()) continue;
    EmpathySentenceRow s;
    s.record = unit->first;
    s.quadrant = stmt->ColumnText(3);
    if (s.quadrant.empty()) continue;
    s.text = stmt->ColumnText(2);
    s.item = stmt->ColumnText(4);
    s.emotion = stmt->ColumnText(5);
    s.stage = stmt->ColumnText(6);
    if (s.stage.empty()) s.stage = unit->second.stage;
    s.segment = unit->second.segment;
    s.lang = unit->second.lang;
    if (s.item.empty()) s.item = s.quadrant == "says" ? "statement" : s.quadrant;
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::map<int64_t, nlohmann::ordered_json>> ReadStakeholderFields(SqliteDb& db) {
  // The plugin that declares stakeholder.quadrant; its fields are read by
  // their roles (stakeholder.<what>), keyed here by <what>.
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  auto fields = FieldsOfRolePlugin(db, *roles, "stakeholder.quadrant");
  if (!fields.ok()) return fields.status();
  std::map<std::string, std::string> key_of;  // field -> key
  for (const auto& [role, field] : *fields) {
    constexpr std::string_view kPrefix = "stakeholder.";
    if (role.compare(0, kPrefix.size(), kPrefix) == 0) key_of[field] = role.substr(kPrefix.size());
  }
  std::map<int64_t, nlohmann::ordered_json> by_record;
  if (auto owner = roles->find("stakeholder.quadrant"); owner != roles->end()) {
    auto stmt = db.Prepare(
        "SELECT record, field, value FROM results WHERE plugin = ?1 AND sentence = -1 ORDER BY record");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, owner->second.plugin);
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto key = key_of.find(std::string(stmt->ColumnText(1)));
      if (key == key_of.end()) continue;
      by_record[stmt->ColumnInt(0)][key->second] = Value(*stmt, 2);
    }
  }
  return by_record;
}

}  // namespace cxmap::core

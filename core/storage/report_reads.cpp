// SPDX-License-Identifier: Apache-2.0
#include "core/storage/report_reads.h"

#include <string_view>

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
  // The plugin that declares empathy.quadrant, its item and emotion fields,
  // and the stage role's sentence values.
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  auto quadrant = roles->find("empathy.quadrant");
  if (quadrant == roles->end()) return std::vector<EmpathySentenceRow>();
  auto fields = FieldsOfRolePlugin(db, *roles, "empathy.quadrant");
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
  std::vector<EmpathySentenceRow> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    EmpathySentenceRow s;
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

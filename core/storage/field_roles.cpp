// SPDX-License-Identifier: Apache-2.0
#include "core/storage/field_roles.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/storage/result_tables.h"

namespace cxmap::core {

Result<std::map<std::string, RoleField>> ResolveRoles(SqliteDb& db) {
  Result<Statement> stmt =
      db.Prepare("SELECT role, plugin, field FROM field_roles ORDER BY rowid DESC");
  if (!stmt.ok()) return stmt.status();
  std::map<std::string, RoleField> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    // Newest first: the oldest declaration is written last and wins.
    out[std::string(stmt->ColumnText(0))] = {std::string(stmt->ColumnText(1)),
                                             std::string(stmt->ColumnText(2))};
  }
  return out;
}

Result<std::map<std::string, std::string>> FieldsOfRolePlugin(
    SqliteDb& db, const std::map<std::string, RoleField>& roles, const std::string& role) {
  std::map<std::string, std::string> out;
  auto it = roles.find(role);
  if (it == roles.end()) return out;
  Result<Statement> stmt = db.Prepare("SELECT role, field FROM field_roles WHERE plugin = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, it->second.plugin);
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out[std::string(stmt->ColumnText(0))] = stmt->ColumnText(1);
  }
  return out;
}

namespace {

Result<FieldRoles> StoredRoles(SqliteDb& db, const std::string& plugin) {
  Result<Statement> stmt =
      db.Prepare("SELECT field, role FROM field_roles WHERE plugin = ?1 ORDER BY field");
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, plugin);
  FieldRoles out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out.emplace_back(stmt->ColumnText(0), stmt->ColumnText(1));
  }
  return out;
}

}  // namespace

Status DeclareFieldRoles(SqliteDb& db, const std::string& plugin, const FieldRoles& roles) {
  FieldRoles wanted;
  for (const auto& [field, role] : roles) {
    if (!role.empty()) wanted.emplace_back(field, role);
  }
  std::sort(wanted.begin(), wanted.end());
  Result<FieldRoles> stored = StoredRoles(db, plugin);
  if (!stored.ok()) return stored.status();
  if (stored.value() == wanted) return Status::Ok();  // the usual case: no write
  Transaction txn(&db);
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  // Rows that stay keep their rowid, and with it their place in the
  // "first to declare" order.
  Result<Statement> erase = db.Prepare("DELETE FROM field_roles WHERE plugin = ?1 AND field = ?2");
  if (!erase.ok()) return erase.status();
  for (const auto& [field, role] : stored.value()) {
    if (std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return w.first == field; })) {
      continue;
    }
    erase->BindText(1, plugin);
    erase->BindText(2, field);
    CXMAP_RETURN_IF_ERROR(erase->Run());
  }
  Result<Statement> insert = db.Prepare(
      "INSERT INTO field_roles (plugin, field, role) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (plugin, field) DO UPDATE SET role = excluded.role");
  if (!insert.ok()) return insert.status();
  for (const auto& [field, role] : wanted) {
    insert->BindText(1, plugin);
    insert->BindText(2, field);
    insert->BindText(3, role);
    CXMAP_RETURN_IF_ERROR(insert->Run());
  }
  CXMAP_RETURN_IF_ERROR(RebuildFactsView(db));
  return txn.Commit();
}

Status RebuildFactsView(SqliteDb& db) {
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  // Names reach the view only as quoted literals (SqlQuote): they come
  // from the database, which plugins wrote.
  auto value_of = [&](const char* role) -> std::string {
    auto it = roles->find(role);
    if (it == roles->end()) return "NULL";
    return fmt::format(
        "(SELECT x.value FROM results x WHERE x.record = r.rowid AND x.plugin = {} AND"
        " x.field = {} AND x.sentence = -1 AND x.value IS NOT NULL)",
        SqlQuote(it->second.plugin), SqlQuote(it->second.field));
  };
  std::string done = "0";
  if (auto it = roles->find("stage"); it != roles->end()) {
    // The plugin's range starting last at or before the unit (one index
    // step), rather than the analyses view.
    done = fmt::format(
        "coalesce((SELECT a.last >= r.rowid FROM plugins p JOIN analysed_ranges a ON a.plugin = p.id"
        " WHERE p.name = {} AND a.first <= r.rowid ORDER BY a.first DESC LIMIT 1), 0)",
        SqlQuote(it->second.plugin));
  }
  const std::string sql = fmt::format(
      "DROP VIEW IF EXISTS facts; CREATE VIEW facts AS SELECT"
      " r.rowid AS record, r.id AS id, r.source AS source, r.import_id AS import_id,"
      " r.external_id AS external_id, r.channel AS channel, r.sub_channel AS sub_channel,"
      " r.time_ms AS time_ms, r.language AS lang, r.text AS text, r.respondent AS respondent,"
      " r.segment AS segment, r.nps AS nps, r.csat AS csat, r.ces AS ces, r.rating AS rating,"
      " r.attributes AS attributes, {} AS touchpoint, {} AS stage, {} AS owner,"
      " {} AS journey_confidence, {} AS sentiment_label, {} AS sentiment, {} AS journey_done,"
      " r.response AS response, r.speaker_role AS speaker FROM records r",
      value_of("touchpoint"), value_of("stage"), value_of("owner"),
      value_of("touchpoint.confidence"), value_of("sentiment.label"), value_of("sentiment.score"),
      done);
  return db.Exec(sql.c_str(), "rebuilding the facts view");
}

}  // namespace cxmap::core

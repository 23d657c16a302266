// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migration_6.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/field_roles.h"
#include "core/storage/result_tables.h"
#include "core/storage/result_writer.h"

namespace cxmap::core {

namespace {

// All rows of a two-column query (id, text) into memory: the tables it
// reads are rewritten afterwards.
Result<std::vector<std::pair<int64_t, std::string>>> ReadPairs(SqliteDb& db, const std::string& sql) {
  Result<Statement> read = db.Prepare(sql);
  if (!read.ok()) return read.status();
  std::vector<std::pair<int64_t, std::string>> out;
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out.emplace_back(read->ColumnInt(0), std::string(read->ColumnText(1)));
  }
  return out;
}

// Rewrites `column` of `table` through temp.migrate_ids (old -> new).
Status Remap(SqliteDb& db, const std::string& table, const std::string& column) {
  const std::string sql = fmt::format(
      "UPDATE {0} SET {1} = (SELECT m.new FROM temp.migrate_ids m WHERE m.old = {1})"
      " WHERE {1} IN (SELECT old FROM temp.migrate_ids)",
      table, column);
  return db.Exec(sql.c_str(), "pointing results at their lists");
}

Status FillMap(SqliteDb& db, const std::vector<std::pair<int64_t, int64_t>>& pairs) {
  CXMAP_RETURN_IF_ERROR(db.Exec("DELETE FROM temp.migrate_ids", "clearing the id map"));
  Result<Statement> insert = db.Prepare("INSERT INTO temp.migrate_ids (old, new) VALUES (?1, ?2)");
  if (!insert.ok()) return insert.status();
  for (const auto& [old_id, new_id] : pairs) {
    if (old_id == new_id) continue;
    insert->BindInt(1, old_id);
    insert->BindInt(2, new_id);
    CXMAP_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

}  // namespace

Status FinishMigration6(SqliteDb& db) {
  Result<std::unique_ptr<ResultWriter>> writer = ResultWriter::Create(db);
  if (!writer.ok()) return writer.status();
  Result<ResultTables> tables = ResultTables::Load(db);
  if (!tables.ok()) return tables.status();
  CXMAP_RETURN_IF_ERROR(db.Exec(
      "CREATE TEMP TABLE migrate_ids (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
      "making the id map"));

  // Evidence lists: each becomes a list of its interned items.
  Result<std::vector<std::pair<int64_t, std::string>>> lists =
      ReadPairs(db, "SELECT id, json FROM evidence ORDER BY id");
  if (!lists.ok()) return lists.status();
  std::vector<std::pair<int64_t, int64_t>> moved;
  for (const auto& [id, json] : *lists) {
    nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    std::vector<std::string> items;
    bool strings = parsed.is_array();
    for (const nlohmann::json& e : strings ? parsed : nlohmann::json::array()) {
      if (!e.is_string()) strings = false;
      if (strings) items.push_back(e.get<std::string>());
    }
    if (!strings) {
      return Status::Corruption(fmt::format(
          "{}: evidence list {} is not a JSON array of strings; rebuild the database with"
          " `cxmap run` into a new file", db.path(), id));
    }
    Result<int64_t> list = (*writer)->InternEvidence(items);
    if (!list.ok()) return list.status();
    moved.emplace_back(id, list.value());
  }
  CXMAP_RETURN_IF_ERROR(FillMap(db, moved));
  for (const auto& [key, c] : tables->columns()) {
    if (!c.evidence) continue;
    CXMAP_RETURN_IF_ERROR(
        Remap(db, ResultTables::TableName(c.plugin_id), fmt::format("e{}", c.field_id)));
  }
  // Evidence ids and list ids may meet in the map: remap the evidence
  // first, then reuse the map for the JSON values.
  for (const auto& [key, c] : tables->columns()) {
    if (c.value_type != "json") continue;
    const std::string table = ResultTables::TableName(c.plugin_id);
    const std::string column = fmt::format("f{}", c.field_id);
    Result<std::vector<std::pair<int64_t, std::string>>> values = ReadPairs(
        db, fmt::format("SELECT x.id, x.text FROM result_texts x WHERE x.id IN"
                        " (SELECT {} FROM {} WHERE typeof({}) = 'integer' AND {} > 0)",
                        column, table, column, column));
    if (!values.ok()) return values.status();
    std::vector<std::pair<int64_t, int64_t>> encoded;
    for (const auto& [id, text] : *values) {
      Result<int64_t> value = (*writer)->InternJson(text);
      if (!value.ok()) return value.status();
      encoded.emplace_back(id, value.value());
    }
    CXMAP_RETURN_IF_ERROR(FillMap(db, encoded));
    CXMAP_RETURN_IF_ERROR(Remap(db, table, column));
  }

  // Texts only a whole list or array used are not referred to any more.
  std::string kept = "SELECT j.value FROM result_lists l, json_each(l.items) j";
  for (const auto& [key, c] : tables->columns()) {
    if (c.value_type != "string" && c.value_type != "json") continue;
    kept += fmt::format(" UNION SELECT f{0} FROM {1} WHERE typeof(f{0}) = 'integer' AND f{0} > 0",
                        c.field_id, ResultTables::TableName(c.plugin_id));
  }
  const std::string sql = "DROP TABLE temp.migrate_ids; DROP TABLE evidence;"
                          " DELETE FROM result_texts WHERE id NOT IN (" + kept + ");";
  CXMAP_RETURN_IF_ERROR(db.Exec(sql.c_str(), "dropping what the lists replace"));
  CXMAP_RETURN_IF_ERROR(tables->RebuildView());
  return RebuildFactsView(db);
}

}  // namespace cxmap::core

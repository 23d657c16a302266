// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migration_8.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/storage/field_roles.h"
#include "core/storage/migration_util.h"
#include "core/storage/result_tables.h"

namespace cxmap::core {

Status FinishMigration8(SqliteDb& db) {
  Result<ResultTables> tables = ResultTables::Load(db);
  if (!tables.ok()) return tables.status();
  Result<std::vector<int64_t>> ids = ReadPluginIds(db);
  if (!ids.ok()) return ids.status();
  Result<Statement> insert =
      db.Prepare("INSERT INTO analysed_ranges (plugin, first, last) VALUES (?1, ?2, ?3)");
  if (!insert.ok()) return insert.status();
  for (int64_t id : *ids) {
    const std::string table = ResultTables::TableName(id);
    Result<int64_t> exists = db.QueryInt(
        fmt::format("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{}'", table)
            .c_str(),
        "looking for a result table");
    if (!exists.ok()) return exists.status();
    if (exists.value() == 0) continue;
    // Runs of consecutive rowids, one range each.
    Result<Statement> marks = db.Prepare(fmt::format(
        "SELECT record FROM {} WHERE sentence = -1 AND ordinal = 0 ORDER BY record", table));
    if (!marks.ok()) return marks.status();
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (;;) {
      Result<bool> row = marks->Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      const int64_t record = marks->ColumnInt(0);
      if (!ranges.empty() && ranges.back().second == record - 1) {
        ranges.back().second = record;
      } else {
        ranges.emplace_back(record, record);
      }
    }
    for (const auto& [first, last] : ranges) {
      insert->BindInt(1, id);
      insert->BindInt(2, first);
      insert->BindInt(3, last);
      CXMAP_RETURN_IF_ERROR(insert->Run());
    }
    // A mark that holds no value is not needed any more.
    std::string empty = "sentence = -1 AND ordinal = 0 AND sentence_text IS NULL AND s0 IS NULL";
    for (const ResultColumn* c : tables->TableColumns(id)) {
      empty += fmt::format(" AND f{} IS NULL", c->field_id);
      if (c->evidence) empty += fmt::format(" AND e{} IS NULL", c->field_id);
    }
    const std::string sql = fmt::format("DELETE FROM {} WHERE {}", table, empty);
    CXMAP_RETURN_IF_ERROR(db.Exec(sql.c_str(), "dropping marks without values"));
  }
  CXMAP_RETURN_IF_ERROR(tables->RebuildView());
  return RebuildFactsView(db);
}

}  // namespace cxmap::core

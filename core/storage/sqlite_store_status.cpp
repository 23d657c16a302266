// SPDX-License-Identifier: Apache-2.0
// The read side of SqliteStore that `status` shows: counts and rejects.
#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "core/storage/result_tables.h"
#include "core/storage/sqlite_store.h"

namespace cxmap::core {

Result<std::map<std::string, uint64_t>> SqliteStore::GroupCounts(const char* sql) {
  Result<Statement> stmt = db_->Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  std::map<std::string, uint64_t> counts;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    counts[std::string(stmt->ColumnText(0))] = static_cast<uint64_t>(stmt->ColumnInt(1));
  }
  return counts;
}

Result<StoreCounts> SqliteStore::Counts() {
  StoreCounts c;
  const std::pair<uint64_t*, const char*> totals[] = {
      {&c.imports, "SELECT count(*) FROM imports"},
      {&c.responses, "SELECT count(*) FROM response_rows"},
      {&c.responses_with_text, "SELECT count(*) FROM (SELECT DISTINCT response FROM units)"},
      {&c.records, "SELECT count(*) FROM units"},
      {&c.answers, "SELECT count(*) FROM answers"},
      {&c.rejected, "SELECT count(*) FROM rejected"},
      {&c.skipped, "SELECT count(*) FROM skipped"},
  };
  // One read transaction, so the numbers agree with each other even while
  // another connection writes.
  CXMAP_RETURN_IF_ERROR(db_->Exec("BEGIN", "starting a read transaction"));
  Status s;
  for (const auto& [out, sql] : totals) {
    Result<int64_t> n = db_->QueryInt(sql, "counting");
    if (!n.ok()) { s = n.status(); break; }
    *out = static_cast<uint64_t>(n.value());
  }
  // Values per plugin: the non-NULL cells of each plugin's table.
  std::string by_plugin;
  if (s.ok()) {
    Result<ResultTables> tables = ResultTables::Load(*db_);
    if (tables.ok()) {
      by_plugin = tables->CountByPluginSql();
    } else {
      s = tables.status();
    }
  }
  if (s.ok() && !by_plugin.empty()) {
    Result<std::map<std::string, uint64_t>> g = GroupCounts(by_plugin.c_str());
    if (g.ok()) {
      c.results_by_plugin = std::move(g).value();
      for (const auto& [plugin, n] : c.results_by_plugin) c.results += n;
    } else {
      s = g.status();
    }
  }
  const std::pair<std::map<std::string, uint64_t>*, const char*> groups[] = {
      {&c.records_by_language, "SELECT language, count(*) FROM records GROUP BY language"},
      {&c.records_by_channel, "SELECT channel, count(*) FROM records GROUP BY channel"},
      {&c.responses_by_channel, "SELECT channel, count(*) FROM responses GROUP BY channel"},
      {&c.skipped_by_reason, "SELECT reason, count(*) FROM skipped GROUP BY reason"},
  };
  for (const auto& [out, sql] : groups) {
    if (!s.ok()) break;
    Result<std::map<std::string, uint64_t>> g = GroupCounts(sql);
    if (!g.ok()) { s = g.status(); break; }
    *out = std::move(g).value();
  }
  Status end = db_->Exec(s.ok() ? "COMMIT" : "ROLLBACK", "ending a read transaction");
  if (!s.ok()) return s;
  if (!end.ok()) return end;
  return c;
}

Result<std::vector<RejectRow>> SqliteStore::Rejects(size_t limit) {
  Result<Statement> stmt = db_->Prepare(
      "SELECT file, line, reason, excerpt FROM rejected ORDER BY file, line, id LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, limit == 0 ? -1 : static_cast<int64_t>(limit));
  std::vector<RejectRow> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out.push_back({std::string(stmt->ColumnText(0)), static_cast<uint64_t>(stmt->ColumnInt(1)),
                   std::string(stmt->ColumnText(2)), std::string(stmt->ColumnText(3))});
  }
  return out;
}
}  // namespace cxmap::core

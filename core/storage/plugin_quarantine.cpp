// SPDX-License-Identifier: Apache-2.0
// SqliteStore's quarantine list (migration_11.h).
#include "core/storage/sqlite_store.h"

namespace cxmap::core {

Status SqliteStore::QuarantinePlugin(const QuarantinedPlugin& q) {
  Result<Statement> stmt = db_->Prepare(
      "INSERT INTO plugin_quarantine (plugin, module, module_size, module_mtime, reason, since) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (plugin) DO UPDATE SET module = excluded.module,"
      " module_size = excluded.module_size, module_mtime = excluded.module_mtime,"
      " reason = excluded.reason, since = excluded.since");
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, q.plugin);
  stmt->BindText(2, q.module);
  stmt->BindInt(3, q.module_size);
  stmt->BindInt(4, q.module_mtime);
  stmt->BindText(5, q.reason);
  stmt->BindText(6, q.since);
  return stmt->Run();
}

Result<std::vector<QuarantinedPlugin>> SqliteStore::QuarantinedPlugins() {
  Result<Statement> stmt = db_->Prepare(
      "SELECT plugin, module, module_size, module_mtime, reason, since FROM plugin_quarantine "
      "ORDER BY plugin");
  if (!stmt.ok()) return stmt.status();
  std::vector<QuarantinedPlugin> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out.push_back({std::string(stmt->ColumnText(0)), std::string(stmt->ColumnText(1)),
                   stmt->ColumnInt(2), stmt->ColumnInt(3), std::string(stmt->ColumnText(4)),
                   std::string(stmt->ColumnText(5))});
  }
  return out;
}

Result<bool> SqliteStore::ReleasePlugin(const std::string& plugin) {
  Result<Statement> stmt = db_->Prepare("DELETE FROM plugin_quarantine WHERE plugin = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, plugin);
  CXMAP_RETURN_IF_ERROR(stmt->Run());
  return db_->Changes() > 0;
}

}  // namespace cxmap::core

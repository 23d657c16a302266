// SPDX-License-Identifier: Apache-2.0
// Small reads the code steps of migrations share.
#pragma once

#include <cstdint>
#include <vector>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Every analysis plugin's id, in id order.
inline Result<std::vector<int64_t>> ReadPluginIds(SqliteDb& db) {
  Result<Statement> plugins = db.Prepare("SELECT id FROM plugins ORDER BY id");
  if (!plugins.ok()) return plugins.status();
  std::vector<int64_t> ids;
  for (;;) {
    Result<bool> row = plugins->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    ids.push_back(plugins->ColumnInt(0));
  }
  return ids;
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// Schema migration 8 (see migrations.cpp for the list): its SQL, and the
// code that finishes it, which migrations.cpp runs after the SQL.
//
// Analysed ranges. Since schema 5 a unit's row (-1, 0) in a plugin's table
// was its "analysed" mark, also when the plugin said nothing about the
// unit: a plugin that is silent on most units (the stakeholder map on a
// survey) cost a 14-byte row per unit, 1.4 MiB per 100k. Marks are now
// ranges of consecutive unit rowids per plugin: a bulk load is one row
// per plugin. A unit row is written only when it holds values.
#pragma once

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

inline constexpr const char* kMigration8Tables = R"sql(
-- Units first..last (units.rowid, both included) are analysed by plugin;
-- every rowid in a range is a unit that was marked. Ranges of one plugin
-- never overlap.
CREATE TABLE analysed_ranges (
  plugin        INTEGER NOT NULL REFERENCES plugins(id),
  first         INTEGER NOT NULL,
  last          INTEGER NOT NULL,
  PRIMARY KEY (plugin, first)
) STRICT, WITHOUT ROWID;
)sql";

/// Turns every unit row (-1, 0) into a range and deletes those that hold
/// no value, then rebuilds the views.
Status FinishMigration8(SqliteDb& db);

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// Schema migration 11 (see migrations.cpp for the list): SQL only.
//
// Plugins quarantined after their process crashed, aborted or exceeded the
// time limit (core/plugin_host/isolated_analysis.h). Kept in the database,
// not in a file beside the binary: the same plugin may be fine on another
// data set, and the database is what the user re-runs against. `module`,
// `module_size` and `module_mtime` say which build failed, so a rebuilt
// module is tried again without being asked.
#pragma once

namespace cxmap::core {

inline constexpr const char* kMigration11Tables = R"sql(
CREATE TABLE plugin_quarantine (
  plugin TEXT PRIMARY KEY,
  module TEXT NOT NULL,
  module_size INTEGER NOT NULL,
  module_mtime INTEGER NOT NULL,
  reason TEXT NOT NULL,
  since TEXT NOT NULL
);
)sql";

}  // namespace cxmap::core

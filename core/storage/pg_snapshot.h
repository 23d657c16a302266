// SPDX-License-Identifier: Apache-2.0
// A PostgreSQL store read into an embedded store, for the read commands.
//
// The journey, empathy and stakeholder maps, the report and the exports are
// built by one read layer that speaks SQLite's SQL (fact_reads.h and its
// neighbours). Until that layer runs on the server too, a read command on
// a PostgreSQL store reads one consistent snapshot of it (REPEATABLE READ)
// into a private SQLite file through the very write path an import uses,
// and builds its maps from that file, so both backends give the same
// numbers by construction. The cost is a copy per command; the figures are
// in docs/scale-out.md.
#pragma once

#include <string>

#include "core/storage/pg_store.h"
#include "core/storage/store.h"

namespace cxmap::core {

/// What CopyPgSnapshot() copied.
struct SnapshotCounts {
  uint64_t imports = 0, responses = 0, units = 0, results = 0, rejects = 0;
};

/// Copies every import, response (with its answers), text unit, analysis
/// mark and result, reject, skipped row and field role of `from` into
/// `to` (an empty store), in the order they were stored.
Result<SnapshotCounts> CopyPgSnapshot(PgStore& from, Store& to);

}  // namespace cxmap::core

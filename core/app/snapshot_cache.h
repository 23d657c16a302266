// SPDX-License-Identifier: Apache-2.0
// The embedded copies of a PostgreSQL store that read commands build their
// maps from (core/storage/pg_snapshot.h), kept between commands.
//
// A copy costs about as much as importing the rows into SQLite (tens of
// seconds per 100k rows), and a manager's session is several read commands
// in a row (journey, empathy, stakeholders, report, export) on a store
// nobody is writing to. So each copy is kept in a private cache folder with
// a mark of the snapshot it holds, and a read command copies again only when
// the server shows that a row was written or removed since
// (SnapshotProbe::CompareWith: a scan of the row headers, a small part of a
// copy). When all that was written since are new imports (a team adding
// this week's exports, workers that finished), the new copy starts as a
// file copy of the kept one and takes only the new imports' rows.
#pragma once

#include <string>

#include "core/app/app_context.h"
#include "core/storage/pg_store.h"

namespace cxmap::core {

/// The folder copies are kept in: CXMAP_SNAPSHOT_CACHE when set ("off":
/// none), else $XDG_CACHE_HOME/cxmap/snapshots, else
/// ~/.cache/cxmap/snapshots. Created with mode 0700. Empty when there is
/// none to use, with the reason in *why when one was refused (not owned by
/// this user, or open to others: the copies hold customer feedback).
std::string SnapshotCacheFolder(std::string* why);

/// The path of an embedded store holding a snapshot of `server`: the
/// cached copy of the server's current snapshot, made now if there is
/// none (from the kept copy of an earlier one when only imports were
/// added since). Other copies of the same store are removed then, and copies not
/// used for 7 days. Without a cache folder the copy goes to a private
/// folder removed when the command ends.
Result<std::string> SnapshotForReading(AppContext& app, PgStore& server);

}  // namespace cxmap::core

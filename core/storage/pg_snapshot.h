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

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// The snapshot a copy is being made of, asked before the copy whether an
/// earlier copy still holds what it sees (core/app/snapshot_cache.h).
class SnapshotProbe {
 public:
  /// `snapshot`: txid_current_snapshot() of the transaction on `db`.
  SnapshotProbe(PgDb& db, std::string store, std::string snapshot)
      : db_(db), store_(std::move(store)), snapshot_(std::move(snapshot)) {}
  /// The same for every snapshot of one database of one running server:
  /// its address, start time and database.
  const std::string& store() const { return store_; }
  /// This snapshot as text, for SameAs() later: PostgreSQL's snapshot (the
  /// oldest transaction still running, one past the newest that ended),
  /// the transactions between the two that had ended and wrote rows of the
  /// copied tables, and the rows each copied table holds.
  Result<std::string> Mark();
  /// Whether this snapshot sees exactly the rows the snapshot `mark`
  /// described: no copied table holds a row written by a transaction that
  /// had not ended then (its xmin), and none has lost one (its count).
  /// False, not an error, for a mark it cannot read or one made more than
  /// 2^30 transactions ago (32-bit row xids would become ambiguous).
  Result<bool> SameAs(std::string_view mark);

 private:
  // Per copied table its rows, into *counts; into *newer the rows whose
  // xmin is at or after `xmin` and not in `seen`; into *found (when not
  // null) the xmins within `window` ids from `xmin`.
  Status Scan(int64_t xmin, const std::vector<std::string>& seen, int64_t window,
              std::vector<int64_t>* counts, int64_t* newer, std::vector<std::string>* found);

  PgDb& db_;
  std::string store_, snapshot_;
};

/// Where a snapshot goes: an empty store to copy it into, or nullptr when
/// a copy of what `probe` sees is already at hand.
using SnapshotTarget = std::function<Result<Store*>(SnapshotProbe& probe)>;

/// CopyPgSnapshot() into the store `target` gives; copies nothing (zero
/// counts) when it gives nullptr.
Result<SnapshotCounts> CopyPgSnapshot(PgStore& from, const SnapshotTarget& target);

}  // namespace cxmap::core

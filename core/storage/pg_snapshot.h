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

/// How the snapshot being copied stands to an earlier one, described by
/// its mark (SnapshotProbe::Mark).
struct SnapshotRelation {
  enum class Kind {
    kOther,     ///< rows were changed or removed, or the mark is unreadable
    kSame,      ///< exactly the rows the earlier snapshot saw
    kAppended,  ///< those rows unchanged, plus only rows of later imports
  };
  Kind kind = Kind::kOther;
  /// kAppended: the newest import the earlier snapshot saw (the server's
  /// id); every row written since belongs to an import after it.
  int64_t last_import = 0;
};

/// The snapshot a copy is being made of, asked before the copy whether an
/// earlier copy still holds what it sees, or all of it but imports made
/// since (core/app/snapshot_cache.h).
class SnapshotProbe {
 public:
  /// `snapshot`: txid_current_snapshot() of the transaction on `db`.
  SnapshotProbe(PgDb& db, std::string store, std::string snapshot)
      : db_(db), store_(std::move(store)), snapshot_(std::move(snapshot)) {}
  /// The same for every snapshot of one database of one running server:
  /// its address, start time and database.
  const std::string& store() const { return store_; }
  /// This snapshot as text, for CompareWith() later: PostgreSQL's snapshot
  /// (the oldest transaction still running, one past the newest that
  /// ended), the transactions between the two that had ended and wrote
  /// rows of the copied tables, the newest import, and the rows each
  /// copied table holds.
  Result<std::string> Mark();
  /// kSame when this snapshot sees exactly the rows the snapshot `mark`
  /// described: no copied table holds a row written by a transaction that
  /// had not ended then (its xmin), and none has lost one (its count).
  /// kAppended when every such newer row belongs to an import after the
  /// mark's newest (its own import, or its response's or unit's) and each
  /// table still holds as many older rows as the mark counted: nothing seen
  /// then was changed or removed. kOther, not an error, for a mark it
  /// cannot read or one made more than 2^30 transactions ago (32-bit row
  /// xids would become ambiguous).
  Result<SnapshotRelation> CompareWith(std::string_view mark);
  /// CompareWith(mark) is kSame.
  Result<bool> SameAs(std::string_view mark);

 private:
  // Per copied table, what Scan() counts.
  struct TableScan {
    int64_t rows = 0;
    int64_t newer = 0;  // xmin at or after the scan's xmin and not seen
  };
  // Per copied table its rows and newer rows, into *tables; into *found
  // (when not null) the xmins within `window` ids from `xmin`.
  Status Scan(int64_t xmin, const std::vector<std::string>& seen, int64_t window,
              std::vector<TableScan>* tables, std::vector<std::string>* found);
  // The newer rows (as Scan counts them) that belong to an import up to
  // `last_import`, in all copied tables.
  Result<int64_t> NewerOfImportsUpTo(int64_t xmin, const std::vector<std::string>& seen,
                                     int64_t last_import);

  PgDb& db_;
  std::string store_, snapshot_;
};

/// Where a snapshot goes.
struct SnapshotDestination {
  /// The store to copy into; nullptr when a copy of what the probe sees is
  /// already at hand.
  Store* store = nullptr;
  /// 0: `store` is empty. Otherwise `store` is a copy of an earlier
  /// snapshot that the probe found kAppended, and this its last_import:
  /// only the imports after it are copied.
  int64_t after_import = 0;
};
using SnapshotTarget = std::function<Result<SnapshotDestination>(SnapshotProbe& probe)>;

/// CopyPgSnapshot() into the store `target` gives; copies nothing (zero
/// counts) when it gives nullptr. Appending to an earlier copy gives the
/// rows, ids and order a copy into an empty store gives: both copy in
/// input order, import by import, and the earlier copy holds every row of
/// the imports up to after_import.
Result<SnapshotCounts> CopyPgSnapshot(PgStore& from, const SnapshotTarget& target);

}  // namespace cxmap::core

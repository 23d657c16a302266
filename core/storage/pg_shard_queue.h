// SPDX-License-Identifier: Apache-2.0
// The work queue of `cxmap submit` and `cxmap worker` on a PostgreSQL store
// (tables in migration 12; design in docs/scale-out.md).
//
// A worker claims the oldest shard nobody holds with SELECT … FOR UPDATE
// SKIP LOCKED, so concurrent claims never wait for each other nor take the
// same shard, and holds it under a lease it renews. A shard whose lease ran
// out (its worker was killed, its machine lost) is handed out again. That
// is safe because every batch a worker wrote is keyed by stable ids
// (PgStore::WriteBatch): the second worker's copies of what the first
// already stored land nowhere, so nothing is lost and nothing doubles.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/pg_db.h"
#include "core/storage/store_location.h"

namespace cxmap::core {

/// One shard as `submit` describes it.
struct ShardSpec {
  int64_t import_id = 0;
  int32_t ordinal = 0;        ///< place of the piece in its file
  std::string path;           ///< what a worker opens (absolute)
  std::string display;        ///< the name records, rejects and messages carry
  std::string source;         ///< the source plugin that reads it
  std::string format;         ///< `--format` given to submit ("": the source sniffs, as in run)
  std::string piece;          ///< the source's token; "" = the whole file
  uint64_t bytes = 0;
  uint64_t file_size = 0;
  int64_t file_mtime_ns = 0;  ///< with file_size: the file a worker must find
};

/// A shard a worker holds.
struct ClaimedShard {
  int64_t id = 0;
  int32_t attempts = 0;       ///< 1 on the first claim
  ShardSpec spec;
};

/// What `status` shows of the queue.
struct QueueStatus {
  int64_t pending = 0, running = 0, done = 0, failed = 0;
  int64_t bytes_total = 0, bytes_done = 0;
  struct Worker {
    std::string id;
    std::string state;        ///< "working", "idle", "stopped", or "lost" (not seen for a lease)
    int64_t shard = 0;        ///< the shard it works on (0: none)
    int64_t shards_done = 0;
    int64_t records = 0;
    double busy_seconds = 0;  ///< time spent on shards it finished
    double seen_seconds_ago = 0;
  };
  std::vector<Worker> workers;
  struct Failure {
    int64_t shard = 0;
    std::string display;
    std::string error;
  };
  std::vector<Failure> failures;
};

/// The queue over its own connection (a worker's lease heartbeat uses a
/// second ShardQueue, so it never waits for the import's transaction).
class ShardQueue {
 public:
  /// Opens the queue of the store at `location` (PostgreSQL only),
  /// creating or updating the schema when `may_write`.
  static Result<std::unique_ptr<ShardQueue>> Open(const StoreLocation& location,
                                                  bool may_write = true);

  /// What Submit() did with one file's shards.
  struct Submitted {
    int64_t added = 0;     ///< new shards
    int64_t requeued = 0;  ///< failed shards of an earlier submit, pending again
  };
  /// Adds the shards of one file in one transaction, unless that file
  /// (its import) already has shards: then its failed shards go back to
  /// pending, with the path, size and modification time of this submit
  /// (same content: the import is keyed by its hash).
  Result<Submitted> Submit(const std::vector<ShardSpec>& shards);

  /// Claims the oldest pending shard, or a running one whose lease ran
  /// out, for `worker` until now + `lease`. nullopt when there is none.
  /// A shard already tried `max_attempts` times is failed instead of
  /// handed out again (a shard that kills every worker must stop somewhere;
  /// *given_up counts those). A claim given back with Release() does not
  /// count as an attempt.
  Result<std::optional<ClaimedShard>> Claim(const std::string& worker,
                                            std::chrono::milliseconds lease, int max_attempts,
                                            int* given_up = nullptr);
  /// Extends the lease; false when `worker` no longer holds the shard (its
  /// lease ran out and another worker took it).
  Result<bool> Renew(int64_t shard, const std::string& worker, std::chrono::milliseconds lease);
  /// Marks the shard done with its counts, credited to `worker` unless
  /// another worker finished it first. When it was the last open shard of
  /// its file, the file's import is marked finished in the same transaction
  /// (returns true then).
  Result<bool> Complete(int64_t shard, const std::string& worker, int64_t records,
                        int64_t rejected, int64_t busy_ms);
  /// Marks the shard failed with `error`, if `worker` still holds it; a
  /// later `submit` of the same file puts it back.
  Status Fail(int64_t shard, const std::string& worker, const std::string& error);
  /// Gives the shard back (Ctrl-C, a worker that cannot read it): pending
  /// again at once, the attempt not counted.
  Status Release(int64_t shard, const std::string& worker);

  /// Adds worker `id` (running as `pid` on `host`, renewing leases of
  /// `lease`) to the list `status` shows, or notes it started again.
  Status Register(const std::string& worker, const std::string& host, int64_t pid,
                  std::chrono::milliseconds lease);
  /// Notes a worker as alive, in `state`, on `shard` (0: none; a shard it
  /// no longer holds is noted as none).
  Status Heartbeat(const std::string& worker, const std::string& state, int64_t shard);
  /// True while a shard is pending or running.
  Result<bool> AnyOpen();
  /// The queue for `status`. A worker is "lost" when it was not heard of
  /// for twice its lease (it renews every third of it), or when its shard
  /// went to another worker.
  Result<QueueStatus> Summary();

 private:
  explicit ShardQueue(std::unique_ptr<PgDb> db) : db_(std::move(db)) {}
  /// Notes that `worker` holds no shard now.
  Status LetGo(const std::string& worker);
  std::unique_ptr<PgDb> db_;
};

}  // namespace cxmap::core

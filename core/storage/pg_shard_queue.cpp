// SPDX-License-Identifier: Apache-2.0
#include "core/storage/pg_shard_queue.h"

#include <fmt/format.h>

#include "core/storage/pg_schema.h"

namespace cxmap::core {

namespace {

// Text of an interval parameter: PostgreSQL reads "1500 milliseconds".
std::string Interval(std::chrono::milliseconds d) { return fmt::format("{} milliseconds", d.count()); }

ShardSpec SpecOf(const PgRows& r, int row, int first) {
  ShardSpec s;
  s.import_id = r.Int(row, first);
  s.ordinal = static_cast<int32_t>(r.Int(row, first + 1));
  s.path = std::string(r.Text(row, first + 2));
  s.display = std::string(r.Text(row, first + 3));
  s.source = std::string(r.Text(row, first + 4));
  s.format = std::string(r.Text(row, first + 5));
  s.piece = std::string(r.Text(row, first + 6));
  s.bytes = static_cast<uint64_t>(r.Int(row, first + 7));
  s.file_size = static_cast<uint64_t>(r.Int(row, first + 8));
  s.file_mtime_ns = r.Int(row, first + 9);
  return s;
}

constexpr const char* kSpecColumns =
    "import_id, ordinal, path, display, source, format, piece, bytes, file_size, file_mtime_ns";

}  // namespace

Result<std::unique_ptr<ShardQueue>> ShardQueue::Open(const StoreLocation& location,
                                                     bool may_write) {
  if (!location.postgres()) {
    return Status::NotSupported(fmt::format(
        "{} is a SQLite file: `submit` and `worker` share work through a PostgreSQL store "
        "(--store postgresql://…); on one machine `cxmap run` uses every core already",
        location.display));
  }
  Result<std::unique_ptr<PgDb>> db = PgDb::Open(location.target, location.display);
  if (!db.ok()) return db.status();
  CXMAP_RETURN_IF_ERROR(OpenPgSchema(**db, may_write));
  return std::unique_ptr<ShardQueue>(new ShardQueue(std::move(db).value()));
}

Result<ShardQueue::Submitted> ShardQueue::Submit(const std::vector<ShardSpec>& shards) {
  Submitted out;
  if (shards.empty()) return out;
  PgTransaction txn(db_.get());
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  // One submit per file at a time: two people submitting the same file at
  // once must not cut it twice in different places.
  CXMAP_RETURN_IF_ERROR(db_->Query("SELECT id FROM imports WHERE id = $1 FOR UPDATE",
                                   PgParams().Int(shards.front().import_id), "locking the import")
                            .status());
  Result<int64_t> existing = db_->QueryInt("SELECT count(*) FROM shards WHERE import_id = $1",
                                           PgParams().Int(shards.front().import_id),
                                           "looking for the file's shards");
  if (!existing.ok()) return existing.status();
  if (*existing > 0) {
    // The same content (the import is keyed by its hash), perhaps touched
    // or moved since: the shards read the file as it is now.
    const ShardSpec& now = shards.front();
    Result<PgRows> requeued = db_->Query(
        "UPDATE shards SET state = 'pending', worker = NULL, lease_until = NULL, attempts = 0,"
        " error = NULL, path = $2, file_size = $3, file_mtime_ns = $4"
        " WHERE import_id = $1 AND state = 'failed'",
        PgParams()
            .Int(now.import_id)
            .Text(now.path)
            .Int(static_cast<int64_t>(now.file_size))
            .Int(now.file_mtime_ns),
        "requeueing failed shards");
    if (!requeued.ok()) return requeued.status();
    out.requeued = requeued->changed();
  } else {
    for (const ShardSpec& s : shards) {
      Result<PgRows> added = db_->Query(
          fmt::format("INSERT INTO shards ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                      kSpecColumns),
          PgParams()
              .Int(s.import_id)
              .Int(s.ordinal)
              .Text(s.path)
              .Text(s.display)
              .Text(s.source)
              .Text(s.format)
              .Text(s.piece)
              .Int(static_cast<int64_t>(s.bytes))
              .Int(static_cast<int64_t>(s.file_size))
              .Int(s.file_mtime_ns),
          "adding a shard");
      if (!added.ok()) return added.status();
      out.added += added->changed();
    }
  }
  CXMAP_RETURN_IF_ERROR(txn.Commit());
  return out;
}

Result<std::optional<ClaimedShard>> ShardQueue::Claim(const std::string& worker,
                                                      std::chrono::milliseconds lease,
                                                      int max_attempts, int* given_up) {
  for (;;) {
    // SKIP LOCKED: a shard another worker is claiming right now is passed
    // over, not waited for.
    Result<PgRows> rows = db_->Query(
        fmt::format("UPDATE shards SET state = 'running', worker = $1,"
                    " lease_until = now() + $2::interval, attempts = attempts + 1,"
                    " started_at = now()"
                    " WHERE id = (SELECT id FROM shards"
                    "  WHERE state = 'pending' OR (state = 'running' AND lease_until < now())"
                    "  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    " RETURNING id, attempts, {}",
                    kSpecColumns),
        PgParams().Text(worker).Text(Interval(lease)), "claiming a shard");
    if (!rows.ok()) return rows.status();
    if (rows->rows() == 0) return std::optional<ClaimedShard>();
    ClaimedShard claimed{rows->Int(0, 0), static_cast<int32_t>(rows->Int(0, 1)), SpecOf(*rows, 0, 2)};
    if (claimed.attempts <= max_attempts) {
      CXMAP_RETURN_IF_ERROR(Heartbeat(worker, "working", claimed.id));
      return std::optional<ClaimedShard>(std::move(claimed));
    }
    if (given_up != nullptr) ++*given_up;
    CXMAP_RETURN_IF_ERROR(
        Fail(claimed.id, worker,
             fmt::format("given up after {} attempts: every worker that took it stopped before it "
                         "was done (see their logs); `cxmap submit` of the file tries again",
                         max_attempts)));
  }
}

Result<bool> ShardQueue::Renew(int64_t shard, const std::string& worker,
                               std::chrono::milliseconds lease) {
  Result<PgRows> rows = db_->Query(
      "UPDATE shards SET lease_until = now() + $3::interval"
      " WHERE id = $1 AND worker = $2 AND state = 'running'",
      PgParams().Int(shard).Text(worker).Text(Interval(lease)), "renewing a lease");
  if (!rows.ok()) return rows.status();
  return rows->changed() == 1;
}

Result<bool> ShardQueue::Complete(int64_t shard, const std::string& worker, int64_t records,
                                  int64_t rejected, int64_t busy_ms) {
  PgTransaction txn(db_.get());
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  // The import row is the lock that orders the last shards of a file: two
  // workers finishing the last two pieces at once must not both see the
  // other's still running and leave the file unfinished.
  Result<PgRows> import = db_->Query(
      "SELECT i.id FROM imports i JOIN shards s ON s.import_id = i.id WHERE s.id = $1"
      " FOR UPDATE OF i",
      PgParams().Int(shard), "locking the shard's import");
  if (!import.ok()) return import.status();
  if (import->rows() == 0) return Status::NotFound(fmt::format("shard {} does not exist", shard));
  const int64_t import_id = import->Int(0, 0);
  // Done whoever holds it now: its rows are all stored either way. Only
  // the first worker to finish it is credited (a worker whose lease ran
  // out may finish the same shard as the one that took it over).
  Result<PgRows> done = db_->Query(
      "UPDATE shards SET state = 'done', finished_at = now(), lease_until = NULL,"
      " worker = $2, records = $3, rejected = $4, error = NULL WHERE id = $1 AND state <> 'done'",
      PgParams().Int(shard).Text(worker).Int(records).Int(rejected), "finishing a shard");
  if (!done.ok()) return done.status();
  CXMAP_RETURN_IF_ERROR(
      db_->Query("UPDATE workers SET shards_done = shards_done + $4, records = records + $2 * $4,"
                 " busy_ms = busy_ms + $3 * $4, shard = NULL, seen_at = now() WHERE id = $1",
                 PgParams().Text(worker).Int(records).Int(busy_ms).Int(done->changed()),
                 "counting the worker's work")
          .status());
  Result<int64_t> open = db_->QueryInt(
      "SELECT count(*) FROM shards WHERE import_id = $1 AND state <> 'done'",
      PgParams().Int(import_id), "counting the file's open shards");
  if (!open.ok()) return open.status();
  if (*open == 0) {
    CXMAP_RETURN_IF_ERROR(
        db_->Query("UPDATE imports SET finished_at = coalesce(finished_at, $2) WHERE id = $1",
                   // Unix milliseconds, as PgStore::BeginImport and FinishImport.
                   PgParams().Int(import_id).Int(
                       std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()),
                   "finishing the import")
            .status());
  }
  CXMAP_RETURN_IF_ERROR(txn.Commit());
  return *open == 0;
}

Status ShardQueue::Fail(int64_t shard, const std::string& worker, const std::string& error) {
  CXMAP_RETURN_IF_ERROR(
      db_->Query("UPDATE shards SET state = 'failed', finished_at = now(), lease_until = NULL,"
                 " worker = $2, error = $3 WHERE id = $1 AND state = 'running' AND worker = $2",
                 PgParams().Int(shard).Text(worker).Text(error), "failing a shard")
          .status());
  return LetGo(worker);
}

Status ShardQueue::Release(int64_t shard, const std::string& worker) {
  CXMAP_RETURN_IF_ERROR(
      db_->Query("UPDATE shards SET state = 'pending', worker = NULL, lease_until = NULL,"
                 " attempts = greatest(attempts - 1, 0)"
                 " WHERE id = $1 AND worker = $2 AND state = 'running'",
                 PgParams().Int(shard).Text(worker), "giving a shard back")
          .status());
  return LetGo(worker);
}

Status ShardQueue::LetGo(const std::string& worker) {
  return db_
      ->Query("UPDATE workers SET shard = NULL, seen_at = now() WHERE id = $1",
              PgParams().Text(worker), "noting the worker free")
      .status();
}

Status ShardQueue::Register(const std::string& worker, const std::string& host, int64_t pid,
                            std::chrono::milliseconds lease) {
  return db_
      ->Query("INSERT INTO workers (id, host, pid, state, lease_ms) VALUES ($1, $2, $3, 'idle', $4)"
              " ON CONFLICT (id) DO UPDATE SET started_at = now(), seen_at = now(), state = 'idle',"
              " lease_ms = $4",
              PgParams().Text(worker).Text(host).Int(pid).Int(lease.count()),
              "registering the worker")
      .status();
}

Status ShardQueue::Heartbeat(const std::string& worker, const std::string& state, int64_t shard) {
  PgParams params;
  params.Text(worker).Text(state);
  if (shard > 0) {
    params.Int(shard);
  } else {
    params.Null();
  }
  // A beat sent just after the worker finished or lost its shard must not
  // note the shard again: the server checks who holds it.
  return db_
      ->Query("UPDATE workers SET seen_at = now(), state = $2, shard = (SELECT s.id FROM shards s"
              " WHERE s.id = $3::bigint AND s.worker = $1 AND s.state = 'running') WHERE id = $1",
              params, "noting the worker alive")
      .status();
}

Result<bool> ShardQueue::AnyOpen() {
  Result<int64_t> n = db_->QueryInt(
      "SELECT count(*) FROM (SELECT 1 FROM shards WHERE state IN ('pending', 'running') LIMIT 1) x",
      PgParams(), "looking for open shards");
  if (!n.ok()) return n.status();
  return *n > 0;
}

Result<QueueStatus> ShardQueue::Summary() {
  QueueStatus out;
  Result<PgRows> states = db_->Query(
      "SELECT state, count(*), coalesce(sum(bytes), 0) FROM shards GROUP BY state",
      "counting shards");
  if (!states.ok()) return states.status();
  for (int i = 0; i < states->rows(); ++i) {
    const std::string_view state = states->Text(i, 0);
    const int64_t n = states->Int(i, 1);
    out.bytes_total += states->Int(i, 2);
    if (state == "pending") out.pending = n;
    if (state == "running") out.running = n;
    if (state == "failed") out.failed = n;
    if (state == "done") {
      out.done = n;
      out.bytes_done = states->Int(i, 2);
    }
  }
  Result<PgRows> workers = db_->Query(
      // Lost: not heard of for twice its lease (it beats every third of
      // it), or its shard went to another worker after its lease ran out.
      "SELECT w.id, CASE WHEN w.state <> 'stopped' AND"
      " (w.seen_at < now() - 2 * w.lease_ms * interval '1 millisecond' OR"
      " (w.shard IS NOT NULL AND NOT EXISTS (SELECT 1 FROM shards s WHERE s.id = w.shard"
      "  AND s.worker = w.id AND s.state = 'running'))) THEN 'lost' ELSE w.state END,"
      " coalesce(w.shard, 0), w.shards_done, w.records, w.busy_ms,"
      " extract(epoch FROM now() - w.seen_at)::double precision"
      " FROM workers w ORDER BY w.started_at, w.id",
      "listing workers");
  if (!workers.ok()) return workers.status();
  for (int i = 0; i < workers->rows(); ++i) {
    out.workers.push_back({std::string(workers->Text(i, 0)), std::string(workers->Text(i, 1)),
                           workers->Int(i, 2), workers->Int(i, 3), workers->Int(i, 4),
                           static_cast<double>(workers->Int(i, 5)) / 1000.0,
                           workers->Double(i, 6)});
  }
  Result<PgRows> failures = db_->Query(
      "SELECT id, display, coalesce(error, '') FROM shards WHERE state = 'failed' ORDER BY id"
      " LIMIT 20",
      "listing failed shards");
  if (!failures.ok()) return failures.status();
  for (int i = 0; i < failures->rows(); ++i) {
    out.failures.push_back({failures->Int(i, 0), std::string(failures->Text(i, 1)),
                            std::string(failures->Text(i, 2))});
  }
  return out;
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// Schema migration 12 (see migrations.cpp for the list): SQL only.
//
// The work queue of `cxmap submit` and `cxmap worker` (docs/scale-out.md).
// A shard is one file, or one piece of a large file as its source plugin
// cut it (ABI 1.6 split); `piece` is the source's own token for it, ''
// for a whole file. Workers claim shards under a lease they renew, so the
// shard of a worker that died goes back to the others when its lease runs
// out. Only the PostgreSQL store runs the queue (pg_shard_queue.h); the
// tables exist in SQLite too so that a schema version means one thing on
// both backends.
#pragma once

namespace cxmap::core {

inline constexpr const char* kMigration12Tables = R"sql(
CREATE TABLE shards (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  ordinal INTEGER NOT NULL,
  path TEXT NOT NULL,
  display TEXT NOT NULL,
  source TEXT NOT NULL,
  format TEXT NOT NULL,
  piece TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  file_size INTEGER NOT NULL,
  file_mtime_ns INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  worker TEXT,
  lease_until_ms INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  submitted_ms INTEGER NOT NULL,
  started_ms INTEGER,
  finished_ms INTEGER,
  records INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  UNIQUE (import_id, ordinal)
) STRICT;
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  seen_ms INTEGER NOT NULL,
  state TEXT NOT NULL,
  shard INTEGER,
  shards_done INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  busy_ms INTEGER NOT NULL DEFAULT 0,
  lease_ms INTEGER NOT NULL
) STRICT;
)sql";

}  // namespace cxmap::core

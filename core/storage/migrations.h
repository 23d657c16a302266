// SPDX-License-Identifier: Apache-2.0
// The database schema as numbered migrations, applied in order and recorded
// in PRAGMA user_version (see docs/data_model.md).
#pragma once

#include <cstdint>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The schema version this build writes; a database at a higher version was
/// written by a newer cxmap and is refused.
int64_t LatestSchemaVersion();

/// Marks a database as cxmap's (PRAGMA application_id, "CXMP").
inline constexpr int64_t kApplicationId = 0x43584D50;

/// Reads the file's application id, schema version and tables, writing
/// nothing: NotSupported for a SQLite file of another application (or one
/// with tables but no cxmap version) and for a schema newer than this
/// code (a database error, exit 3, not a usage error). Call before ConfigureConnection(), which switches the
/// journal to WAL and so changes the file.
Status CheckOwnership(SqliteDb& db);

/// For a connection that cannot write: CheckOwnership(), and the schema
/// must already be the latest (a read-only file cannot be migrated):
/// NotSupported naming both versions otherwise.
Status CheckReadableAsIs(SqliteDb& db);

/// Sets the per-connection settings: WAL journal, synchronous=NORMAL,
/// foreign keys on, a larger page cache. Call once per connection, before
/// Migrate() and outside any transaction.
Status ConfigureConnection(SqliteDb& db);

/// Brings the schema to LatestSchemaVersion(), one transaction per
/// migration (BEGIN IMMEDIATE, so two processes opening one new file at the
/// same time apply each migration once). Refuses with NotSupported a
/// database newer than this code or a SQLite file that belongs to another
/// application.
Status Migrate(SqliteDb& db);

/// Migrate() up to `version` only (≤ LatestSchemaVersion()): lets tests
/// build a database as an older cxmap left it and check the later steps.
Status MigrateTo(SqliteDb& db, int64_t version);

}  // namespace cxmap::core

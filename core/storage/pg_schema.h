// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL store's schema, in the `cxmap` schema of the database.
// Same numbered versions as the SQLite migrations (migrations.h); see
// pg_schema.cpp for how they are translated.
#pragma once

#include <cstdint>

#include "core/storage/pg_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The schema version the PostgreSQL migrations reach; equal to
/// LatestSchemaVersion() (a test holds them together).
int64_t PgSchemaVersion();

/// Creates or brings up to date the `cxmap` schema, under an advisory lock
/// so that workers starting together migrate once, and sets the
/// connection's search_path to it. A `cxmap` schema that is not cxmap's
/// (no meta table) or is newer is refused before anything is written
/// (NotSupported). With `may_write` false nothing is created: a missing
/// schema is NotFound.
Status OpenPgSchema(PgDb& db, bool may_write);

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// Schema migration 6 (see migrations.cpp for the list): its SQL, and the
// code that finishes it, which migrations.cpp runs after the SQL.
//
// Lists of interned elements. Schema 5 interned whole evidence lists and
// whole JSON values, but on the bench corpus 33k distinct evidence lists
// hold only 5k distinct items and 19k distinct candidate lists only 6.6k
// distinct candidates: the lists were 9.5 MiB of a 62 MiB database. Now an
// evidence list or a JSON array is a `result_lists` row holding the ids of
// its elements, each element a `result_texts` row (evidence items as JSON
// strings). A JSON column holds minus the list's id for an array; the
// `results` view gives back the same text (result_tables.cpp).
#pragma once

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

inline constexpr const char* kMigration6Tables = R"sql(
CREATE TABLE result_lists (
  id            INTEGER PRIMARY KEY,
  hash          INTEGER NOT NULL,  -- DictionaryHash(items)
  items         TEXT    NOT NULL   -- JSON array of result_texts ids, in order
) STRICT;
CREATE INDEX result_lists_hash ON result_lists(hash);
)sql";

/// Moves every evidence list and JSON array into result_lists, drops the
/// evidence table and the texts nothing refers to any more, and rebuilds
/// the views.
Status FinishMigration6(SqliteDb& db);

}  // namespace cxmap::core

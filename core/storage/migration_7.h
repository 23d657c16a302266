// SPDX-License-Identifier: Apache-2.0
// Schema migration 7 (see migrations.cpp for the list): its SQL, and the
// code that finishes it, which migrations.cpp runs after the SQL.
//
// Labels and attribute sets. Channel, sub-channel, language and segment
// are ids of `labels`. A survey source repeats each response's id as an
// attribute (`respondent_id`) next to the question its text answers: the
// attributes JSON was 5 MiB of every 100k responses, all alike but for
// the id. Attributes are now interned in `attribute_sets`, with the value
// that equals the response's local id written as U+0001 (record_codec.h),
// so such responses share one set. A unit's `line` is NULL when it is its
// response's. `responses` and `records` show the same columns as before.
#pragma once

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

inline constexpr const char* kMigration7Tables = R"sql(
DROP VIEW facts;
DROP VIEW results;
DROP VIEW analyses;
DROP VIEW records;
DROP VIEW responses;

CREATE TABLE attribute_sets (
  id            INTEGER PRIMARY KEY,
  hash          INTEGER NOT NULL,  -- DictionaryHash(json)
  json          TEXT    NOT NULL   -- a JSON object; U+0001: the response's local id
) STRICT;
CREATE INDEX attribute_sets_hash ON attribute_sets(hash);

-- Channel, sub-channel, language and segment: a handful of texts each,
-- repeated on every response.
CREATE TABLE labels (
  id            INTEGER PRIMARY KEY,
  hash          INTEGER NOT NULL,  -- DictionaryHash(text)
  text          TEXT    NOT NULL
) STRICT;
CREATE INDEX labels_hash ON labels(hash);

CREATE TABLE response_rows_new (
  rowid         INTEGER PRIMARY KEY,
  scope         INTEGER NOT NULL REFERENCES scopes(id),
  local_id      TEXT    NOT NULL,
  named         INTEGER NOT NULL,  -- 1 when the source gave a response id
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  channel       INTEGER NOT NULL REFERENCES labels(id),
  sub_channel   INTEGER NOT NULL REFERENCES labels(id),
  time_ms       INTEGER,
  language      INTEGER NOT NULL REFERENCES labels(id),
  respondent    TEXT    NOT NULL,
  segment       INTEGER NOT NULL REFERENCES labels(id),
  nps           REAL,
  csat          REAL,
  ces           REAL,
  rating        REAL,
  attributes    INTEGER NOT NULL REFERENCES attribute_sets(id),
  file          INTEGER NOT NULL REFERENCES files(id),
  line          INTEGER NOT NULL,
  UNIQUE (scope, local_id)
) STRICT;

-- A text unit. NULL in the nullable columns means "as its response".
CREATE TABLE units_new (
  rowid         INTEGER PRIMARY KEY,
  response      INTEGER NOT NULL REFERENCES response_rows(rowid),
  unit          TEXT    NOT NULL,  -- '' when the unit's id is its response's key
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  speaker       INTEGER NOT NULL DEFAULT 0 CHECK (speaker BETWEEN 0 AND 4),
  text          TEXT    NOT NULL,
  line          INTEGER,
  record_number INTEGER NOT NULL,
  external_id   TEXT,
  time_ms       INTEGER,
  language      TEXT,
  respondent    TEXT,
  attributes    INTEGER REFERENCES attribute_sets(id),
  untimed       INTEGER,  -- 1: no time of its own although its response has one
  file          INTEGER REFERENCES files(id),
  UNIQUE (response, unit)
) STRICT;
)sql";

/// Interns every response's and unit's attributes, moves the rows into the
/// new tables and makes the views again.
Status FinishMigration7(SqliteDb& db);

}  // namespace cxmap::core

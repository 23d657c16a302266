// SPDX-License-Identifier: Apache-2.0
// Schema migration 5 (see migrations.cpp for the list): its SQL, and the
// code that finishes it, which migrations.cpp runs after the SQL.
//
// Responses and units without duplication, typed result tables.
// A unit repeated its response's key, source, channel, scores, file and
// attributes; each value was a row; `run` on 100k survey rows made a
// database 12x its CSV. Now a response names its scope (source and the
// id's prefix) and file by id, a unit holds only what differs from its
// response, and each analysis plugin has one typed table with a row per
// unit, sentence and ordinal (result_tables.h). `records`, `responses`,
// `analyses` and `results` become views with their old columns. The
// value pivot and the views over the new tables are written by
// FinishMigration5() (migration_5.cpp): the tables' names come from
// the data.
#pragma once

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The new tables, filled from the schema-4 ones.
inline constexpr const char* kMigration5Tables = R"sql(
DROP VIEW facts;
DROP VIEW results;

CREATE TABLE plugins (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TABLE files (
  id            INTEGER PRIMARY KEY,
  path          TEXT    NOT NULL UNIQUE
) STRICT;

-- What each plugin's fields mean to readers (field_roles.h); rowid order
-- is declaration order (the first plugin to declare a role serves it).
CREATE TABLE field_roles (
  plugin        TEXT    NOT NULL,
  field         TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  UNIQUE (plugin, field)
) STRICT;

-- A response key is "<prefix>:<local id>" split at its last colon (the
-- whole key is the local id when it has no colon past its first byte).
CREATE TABLE scopes (
  id            INTEGER PRIMARY KEY,
  source        TEXT    NOT NULL,
  prefix        TEXT    NOT NULL,
  UNIQUE (source, prefix)
) STRICT;

CREATE TABLE response_rows (
  rowid         INTEGER PRIMARY KEY,
  scope         INTEGER NOT NULL REFERENCES scopes(id),
  local_id      TEXT    NOT NULL,
  named         INTEGER NOT NULL,  -- 1 when the source gave a response id
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  channel       TEXT    NOT NULL,
  sub_channel   TEXT    NOT NULL,
  time_ms       INTEGER,
  language      TEXT    NOT NULL,
  respondent    TEXT    NOT NULL,
  segment       TEXT    NOT NULL,
  nps           REAL,
  csat          REAL,
  ces           REAL,
  rating        REAL,
  attributes    TEXT    NOT NULL DEFAULT '{}',
  file          INTEGER NOT NULL REFERENCES files(id),
  line          INTEGER NOT NULL,
  UNIQUE (scope, local_id)
) STRICT;

-- A text unit. NULL in the nullable columns means "as its response".
CREATE TABLE units (
  rowid         INTEGER PRIMARY KEY,
  response      INTEGER NOT NULL REFERENCES response_rows(rowid),
  unit          TEXT    NOT NULL,  -- '' when the unit's id is its response's key
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  speaker       INTEGER NOT NULL DEFAULT 0 CHECK (speaker BETWEEN 0 AND 4),
  text          TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  record_number INTEGER NOT NULL,
  external_id   TEXT,
  time_ms       INTEGER,
  language      TEXT,
  respondent    TEXT,
  attributes    TEXT,
  untimed       INTEGER,  -- 1: no time of its own although its response has one
  file          INTEGER REFERENCES files(id),
  UNIQUE (response, unit)
) STRICT;

-- Evidence lists are found by a 64-bit hash of their JSON, not by a unique
-- index holding every list a second time.
CREATE TABLE evidence_new (
  id            INTEGER PRIMARY KEY,
  hash          INTEGER NOT NULL,
  json          TEXT    NOT NULL
) STRICT;

-- Text values likewise, so a long JSON value a plugin repeats (a list of
-- candidate touchpoints) is stored once too.
CREATE TABLE result_texts_new (
  id            INTEGER PRIMARY KEY,
  hash          INTEGER NOT NULL,
  text          TEXT    NOT NULL
) STRICT;

CREATE TABLE sentences_new (
  record        INTEGER NOT NULL REFERENCES units(rowid),
  sentence      INTEGER NOT NULL,
  begin         INTEGER,
  end           INTEGER,
  text          TEXT,
  PRIMARY KEY (record, sentence)
) STRICT, WITHOUT ROWID;

CREATE TABLE answers_new (
  response      INTEGER NOT NULL REFERENCES response_rows(rowid),
  question      TEXT    NOT NULL,
  ordinal       INTEGER NOT NULL,
  question_text TEXT    NOT NULL,
  kind          TEXT    NOT NULL
                CHECK (kind IN ('choice', 'multiple', 'rating', 'number', 'date')),
  value         TEXT    NOT NULL,
  number        REAL,
  scale_min     REAL,
  scale_max     REAL,
  PRIMARY KEY (response, question, ordinal)
) STRICT, WITHOUT ROWID;

ALTER TABLE result_fields ADD COLUMN evidence INTEGER NOT NULL DEFAULT 0;

INSERT INTO files (path)
  SELECT file FROM responses UNION SELECT file FROM records ORDER BY 1;
CREATE TEMP TABLE split_keys AS
  SELECT rowid AS response, key, source, response_id <> '' AS named,
         rtrim(key, replace(key, ':', '')) AS head FROM responses;
INSERT INTO scopes (source, prefix)
  SELECT DISTINCT source,
         CASE WHEN length(head) > 1 THEN substr(head, 1, length(head) - 1) ELSE '' END
  FROM split_keys ORDER BY 1, 2;
INSERT INTO response_rows (rowid, scope, local_id, named, import_id, channel, sub_channel,
                           time_ms, language, respondent, segment, nps, csat, ces, rating,
                           attributes, file, line)
  SELECT p.rowid, s.id,
         CASE WHEN length(k.head) > 1 THEN substr(k.key, length(k.head) + 1) ELSE k.key END,
         k.named, p.import_id, p.channel, p.sub_channel, p.time_ms, p.language, p.respondent,
         p.segment, p.nps, p.csat, p.ces, p.rating, p.attributes, f.id, p.line
  FROM responses p
  JOIN split_keys k ON k.response = p.rowid
  JOIN scopes s ON s.source = p.source
   AND s.prefix = CASE WHEN length(k.head) > 1 THEN substr(k.head, 1, length(k.head) - 1) ELSE '' END
  JOIN files f ON f.path = p.file
  ORDER BY p.rowid;
DROP TABLE split_keys;
INSERT INTO units (rowid, response, unit, import_id, speaker, text, line, record_number,
                   external_id, time_ms, language, respondent, attributes, untimed, file)
  SELECT r.rowid, r.response, CASE WHEN r.id = p.key THEN '' ELSE r.id END, r.import_id,
         CASE r.speaker_role WHEN 'customer' THEN 0 WHEN 'agent' THEN 1 WHEN 'brand' THEN 2
                             WHEN 'system' THEN 3 ELSE 4 END,
         r.text, r.line, r.record_number,
         CASE WHEN r.external_id = p.response_id THEN NULL ELSE r.external_id END,
         CASE WHEN r.time_ms IS p.time_ms THEN NULL ELSE r.time_ms END,
         CASE WHEN r.language = p.language THEN NULL ELSE r.language END,
         CASE WHEN r.respondent = p.respondent THEN NULL ELSE r.respondent END,
         CASE WHEN r.attributes = p.attributes THEN NULL ELSE r.attributes END,
         CASE WHEN r.time_ms IS NULL AND p.time_ms IS NOT NULL THEN 1 END,
         CASE WHEN r.file = p.file THEN NULL ELSE (SELECT f.id FROM files f WHERE f.path = r.file) END
  FROM records r JOIN responses p ON p.rowid = r.response
  ORDER BY r.rowid;
INSERT INTO plugins (name)
  SELECT plugin FROM analyses UNION SELECT plugin FROM result_fields ORDER BY 1;
INSERT INTO evidence_new (id, hash, json) SELECT id, 0, json FROM evidence;
INSERT INTO result_texts_new (id, hash, text) SELECT id, 0, text FROM result_texts;
INSERT INTO sentences_new SELECT record, sentence, begin, end, text FROM sentences;
INSERT INTO answers_new SELECT response, question, ordinal, question_text, kind, value, number,
                               scale_min, scale_max FROM answers;
)sql";

/// Hashes the dictionaries, makes one typed table per plugin, moves each
/// value and mark into it, then drops the old tables and makes the views.
Status FinishMigration5(SqliteDb& db);

}  // namespace cxmap::core

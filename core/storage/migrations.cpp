// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migrations.h"

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/migration_5.h"
#include "core/storage/migration_6.h"
#include "core/storage/migration_7.h"
#include "core/storage/migration_8.h"
#include "core/storage/migration_9.h"
#include "core/storage/migration_10.h"
#include "core/storage/migration_11.h"
#include "core/storage/migration_12.h"

namespace cxmap::core {

namespace {

// Append-only: a released migration is never edited, a change is a new
// entry. Index i holds the step from version i to version i + 1. Tables are
// STRICT so a score column can hold only a REAL or NULL (never '').
constexpr const char* kMigrations[] = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  path          TEXT    NOT NULL,
  sha256        TEXT    NOT NULL UNIQUE,
  size          INTEGER NOT NULL,
  source_plugin TEXT    NOT NULL,
  format        TEXT    NOT NULL,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  accepted      INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE records (
  rowid         INTEGER PRIMARY KEY,
  id            TEXT    NOT NULL UNIQUE,
  source        TEXT    NOT NULL,
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  external_id   TEXT    NOT NULL,
  channel       TEXT    NOT NULL,
  sub_channel   TEXT    NOT NULL,
  time_ms       INTEGER,
  language      TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  respondent    TEXT    NOT NULL,
  segment       TEXT    NOT NULL,
  nps           REAL,
  csat          REAL,
  ces           REAL,
  rating        REAL,
  attributes    TEXT    NOT NULL DEFAULT '{}',
  file          TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  record_number INTEGER NOT NULL
) STRICT;
CREATE INDEX records_import ON records(import_id);

CREATE TABLE results (
  record        INTEGER NOT NULL REFERENCES records(rowid),
  plugin        TEXT    NOT NULL,
  field         TEXT    NOT NULL,
  sentence      INTEGER NOT NULL DEFAULT -1,
  sentence_text TEXT    NOT NULL DEFAULT '',
  value_type    TEXT    NOT NULL
                CHECK (value_type IN ('null', 'string', 'integer', 'real', 'bool', 'json')),
  value         ANY,
  evidence      TEXT    NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX results_record ON results(record);
CREATE INDEX results_plugin_field ON results(plugin, field);

CREATE TABLE analyses (
  record        INTEGER NOT NULL REFERENCES records(rowid),
  plugin        TEXT    NOT NULL,
  PRIMARY KEY (record, plugin)
) STRICT, WITHOUT ROWID;

CREATE TABLE rejected (
  id            INTEGER PRIMARY KEY,
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  file          TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  reason        TEXT    NOT NULL,
  excerpt       TEXT    NOT NULL,
  UNIQUE (import_id, file, line, reason)
) STRICT;
)sql",
    // 2: the `facts` view that `cxmap journey` and `cxmap query` read: one
    // row per record with its record-level journey and sentiment results
    // pivoted into columns. The results index grows to (record, plugin,
    // field, sentence) so each pivot is one index probe; it still serves
    // lookups by record alone.
    R"sql(
DROP INDEX results_record;
CREATE INDEX results_lookup ON results(record, plugin, field, sentence);
CREATE VIEW facts AS
SELECT
  r.rowid AS record, r.id AS id, r.source AS source, r.import_id AS import_id,
  r.external_id AS external_id, r.channel AS channel, r.sub_channel AS sub_channel,
  r.time_ms AS time_ms, r.language AS lang, r.text AS text, r.respondent AS respondent,
  r.segment AS segment, r.nps AS nps, r.csat AS csat, r.ces AS ces, r.rating AS rating,
  r.attributes AS attributes,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'touchpoint' AND x.sentence = -1) AS touchpoint,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'stage' AND x.sentence = -1) AS stage,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'owner' AND x.sentence = -1) AS owner,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'confidence' AND x.sentence = -1) AS journey_confidence,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_sentiment'
     AND x.field = 'label' AND x.sentence = -1) AS sentiment_label,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_sentiment'
     AND x.field = 'score' AND x.sentence = -1) AS sentiment,
  EXISTS (SELECT 1 FROM analyses a WHERE a.record = r.rowid AND a.plugin = 'analysis_journey')
    AS journey_done
FROM records r;
)sql",
    // 3: responses. A response is one submission, post or call; records
    // become its text units, with their speaker. Scores, time and segment
    // are the response's, so NPS/CSAT/CES count every respondent, also
    // those who wrote nothing (a response without units). Closed answers
    // are typed rows of `answers`. Existing records each become their own
    // response, which is what they meant before.
    R"sql(
CREATE TABLE responses (
  rowid         INTEGER PRIMARY KEY,
  key           TEXT    NOT NULL UNIQUE,
  source        TEXT    NOT NULL,
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  response_id   TEXT    NOT NULL,
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
  file          TEXT    NOT NULL,
  line          INTEGER NOT NULL
) STRICT;
CREATE INDEX responses_import ON responses(import_id);

CREATE TABLE answers (
  response      INTEGER NOT NULL REFERENCES responses(rowid),
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
CREATE INDEX answers_question ON answers(question);

ALTER TABLE records ADD COLUMN response INTEGER REFERENCES responses(rowid);
ALTER TABLE records ADD COLUMN speaker_role TEXT NOT NULL DEFAULT 'customer'
  CHECK (speaker_role IN ('customer', 'agent', 'brand', 'system', 'unknown'));
ALTER TABLE imports ADD COLUMN responses INTEGER NOT NULL DEFAULT 0;

-- Input rows a source left out on purpose, one row per line and reason so
-- a resumed import counts each once (like rejected).
CREATE TABLE skipped (
  import_id     INTEGER NOT NULL REFERENCES imports(id),
  file          TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  reason        TEXT    NOT NULL,
  PRIMARY KEY (import_id, file, line, reason)
) STRICT, WITHOUT ROWID;

INSERT INTO responses (key, source, import_id, response_id, channel, sub_channel, time_ms,
                       language, respondent, segment, nps, csat, ces, rating, attributes,
                       file, line)
  SELECT id, source, import_id, '', channel, sub_channel, time_ms, language, respondent,
         segment, nps, csat, ces, rating, attributes, file, line
  FROM records ORDER BY rowid;
UPDATE records SET
  response = (SELECT p.rowid FROM responses p WHERE p.key = records.id),
  speaker_role = coalesce(CASE json_extract(attributes, '$.speaker_role')
                            WHEN 'agent' THEN 'agent' WHEN 'system' THEN 'system'
                            WHEN 'unknown' THEN 'unknown' END, 'customer');
UPDATE imports SET responses = (SELECT count(*) FROM responses p WHERE p.import_id = imports.id);
CREATE INDEX records_response ON records(response);

-- The facts view gains the response and speaker of each unit, so a map
-- counts each respondent once per cell and reads only the customer's voice.
DROP VIEW facts;
CREATE VIEW facts AS
SELECT
  r.rowid AS record, r.id AS id, r.source AS source, r.import_id AS import_id,
  r.external_id AS external_id, r.channel AS channel, r.sub_channel AS sub_channel,
  r.time_ms AS time_ms, r.language AS lang, r.text AS text, r.respondent AS respondent,
  r.segment AS segment, r.nps AS nps, r.csat AS csat, r.ces AS ces, r.rating AS rating,
  r.attributes AS attributes,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'touchpoint' AND x.sentence = -1) AS touchpoint,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'stage' AND x.sentence = -1) AS stage,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'owner' AND x.sentence = -1) AS owner,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_journey'
     AND x.field = 'confidence' AND x.sentence = -1) AS journey_confidence,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_sentiment'
     AND x.field = 'label' AND x.sentence = -1) AS sentiment_label,
  (SELECT value FROM results x WHERE x.record = r.rowid AND x.plugin = 'analysis_sentiment'
     AND x.field = 'score' AND x.sentence = -1) AS sentiment,
  EXISTS (SELECT 1 FROM analyses a WHERE a.record = r.rowid AND a.plugin = 'analysis_journey')
    AS journey_done,
  r.response AS response, r.speaker_role AS speaker
FROM records r;
)sql",
    // 4: compact results. Each value was a row carrying its plugin and
    // field names, a copy of its sentence and its evidence as JSON text:
    // ~28 rows and 6.8 KB per record, the database 45x its CSV. Now field
    // names are a dictionary, sentences are stored once per record as byte
    // offsets into its text, identical evidence lists are stored once, and
    // a value is a small WITHOUT ROWID row. `results` becomes a view with
    // the old columns, so readers and scripts see what they saw.
    R"sql(
-- One entry per plugin, field and value type: a NULL value, or a plugin
-- whose new version declares the field with another type, gets its own.
CREATE TABLE result_fields (
  id            INTEGER PRIMARY KEY,
  plugin        TEXT    NOT NULL,
  field         TEXT    NOT NULL,
  value_type    TEXT    NOT NULL
                CHECK (value_type IN ('null', 'string', 'integer', 'real', 'bool', 'json')),
  UNIQUE (plugin, field, value_type)
) STRICT;

CREATE TABLE evidence (
  id            INTEGER PRIMARY KEY,
  json          TEXT    NOT NULL UNIQUE
) STRICT;

-- Short text values (labels, stage and touchpoint ids, small JSON) repeat
-- across records: each is stored once and result_values holds its id.
CREATE TABLE result_texts (
  id            INTEGER PRIMARY KEY,
  text          TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TABLE sentences (
  record        INTEGER NOT NULL REFERENCES records(rowid),
  sentence      INTEGER NOT NULL,
  begin         INTEGER,
  end           INTEGER,
  text          TEXT,
  PRIMARY KEY (record, sentence)
) STRICT, WITHOUT ROWID;

CREATE TABLE result_values (
  record        INTEGER NOT NULL REFERENCES records(rowid),
  field         INTEGER NOT NULL REFERENCES result_fields(id),
  sentence      INTEGER NOT NULL,
  ordinal       INTEGER NOT NULL,
  value         ANY,
  evidence      INTEGER REFERENCES evidence(id),
  -- The sentence as this plugin cut it, only where it differs from the
  -- stored one (a plugin with its own sentence breaker).
  sentence_text TEXT,
  PRIMARY KEY (record, field, sentence, ordinal)
) STRICT, WITHOUT ROWID;

INSERT INTO result_fields (plugin, field, value_type)
  SELECT DISTINCT plugin, field, value_type FROM results ORDER BY plugin, field, value_type;
INSERT INTO evidence (json)
  SELECT DISTINCT evidence FROM results WHERE evidence <> '[]' ORDER BY evidence;
INSERT INTO sentences (record, sentence, text)
  SELECT record, sentence, min(sentence_text) FROM results WHERE sentence >= 0
  GROUP BY record, sentence;
INSERT INTO result_texts (text)
  SELECT DISTINCT value FROM results
  WHERE value_type IN ('string', 'json') AND length(CAST(value AS BLOB)) <= 256 ORDER BY value;
INSERT INTO result_values (record, field, sentence, ordinal, value, evidence, sentence_text)
  SELECT r.record, f.id, r.sentence,
         row_number() OVER (PARTITION BY r.record, f.id, r.sentence ORDER BY r.rowid) - 1,
         coalesce(x.id, r.value), e.id,
         CASE WHEN r.sentence >= 0 AND r.sentence_text IS NOT
                   (SELECT s.text FROM sentences s WHERE s.record = r.record AND s.sentence = r.sentence)
              THEN r.sentence_text END
  FROM results r
  JOIN result_fields f ON f.plugin = r.plugin AND f.field = r.field AND f.value_type = r.value_type
  LEFT JOIN evidence e ON e.json = r.evidence
  LEFT JOIN result_texts x ON r.value_type IN ('string', 'json') AND x.text = r.value;
DROP TABLE results;

CREATE VIEW results AS
SELECT
  v.record AS record, f.plugin AS plugin, f.field AS field, v.sentence AS sentence,
  CASE WHEN v.sentence < 0 THEN ''
       ELSE coalesce(v.sentence_text, s.text,
                     CAST(substr(CAST(t.text AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT), '')
  END AS sentence_text,
  f.value_type AS value_type,
  CASE WHEN x.id IS NOT NULL THEN x.text ELSE v.value END AS value,
  coalesce(e.json, '[]') AS evidence
FROM result_values v
JOIN result_fields f ON f.id = v.field
LEFT JOIN sentences s ON s.record = v.record AND s.sentence = v.sentence
LEFT JOIN records t ON t.rowid = v.record
LEFT JOIN evidence e ON e.id = v.evidence
LEFT JOIN result_texts x ON f.value_type IN ('string', 'json') AND typeof(v.value) = 'integer'
                          AND x.id = v.value;
)sql",
    // 5: see migration_5.h.
    kMigration5Tables,
    // 6: see migration_6.h.
    kMigration6Tables,
    // 7: see migration_7.h.
    kMigration7Tables,
    // 8: see migration_8.h.
    kMigration8Tables,
    // 9: see migration_9.h.
    kMigration9Tables,
    // 10: see migration_10.h.
    kMigration10Views,
    // 11: see migration_11.h.
    kMigration11Tables,
    // 12: see migration_12.h.
    kMigration12Tables,
};

// Work a migration does in code after its SQL; none for most.
Status FinishMigration(SqliteDb& db, int64_t version) {
  if (version == 5) return FinishMigration5(db);
  if (version == 6) return FinishMigration6(db);
  if (version == 7) return FinishMigration7(db);
  if (version == 8) return FinishMigration8(db);
  return Status::Ok();
}

constexpr int64_t kLatest = static_cast<int64_t>(std::size(kMigrations));

struct SchemaState {
  int64_t application_id = 0;
  int64_t version = 0;
};

Result<SchemaState> ReadState(SqliteDb& db) {
  Result<int64_t> app = db.QueryInt("PRAGMA application_id", "reading the application id");
  if (!app.ok()) return app.status();
  Result<int64_t> version = db.QueryInt("PRAGMA user_version", "reading the schema version");
  if (!version.ok()) return version.status();
  return SchemaState{app.value(), version.value()};
}

// Refuses files that are not (or not yet) ours to migrate.
Status CheckState(SqliteDb& db, const SchemaState& state) {
  if (state.application_id != 0 && state.application_id != kApplicationId) {
    return Status::NotSupported(fmt::format(
        "{} is a SQLite database of another application (application_id {:#x}), not cxmap's;"
        " it was left untouched",
        db.path(), state.application_id));
  }
  if (state.version > kLatest) {
    return Status::NotSupported(fmt::format(
        "{} has schema version {} but this cxmap knows only up to {}; use a newer cxmap"
        " (the file was left untouched)",
        db.path(), state.version, kLatest));
  }
  return Status::Ok();
}

// Tables but no version and no application id: not made by cxmap.
Status CheckNotForeign(SqliteDb& db, const SchemaState& state) {
  if (state.version != 0 || state.application_id != 0) return Status::Ok();
  Result<int64_t> objects = db.QueryInt("SELECT count(*) FROM sqlite_schema", "inspecting the schema");
  if (!objects.ok()) return objects.status();
  if (objects.value() != 0) {
    return Status::NotSupported(
        fmt::format("{} is a SQLite database that cxmap did not create; it was left untouched", db.path()));
  }
  return Status::Ok();
}

// Applies the next migration under the write lock, after checking the
// state again: another process may have migrated while this one waited.
Status ApplyNext(SqliteDb& db, int64_t target) {
  Transaction txn(&db);
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  Result<SchemaState> state = ReadState(db);
  if (!state.ok()) return state.status();
  CXMAP_RETURN_IF_ERROR(CheckState(db, state.value()));
  const int64_t from = state->version;
  if (from >= target) return Status::Ok();  // nothing written; the rollback is harmless
  // Tables but no version: not made by cxmap. Refuse rather than add
  // tables to someone else's database (checked again under the lock).
  CXMAP_RETURN_IF_ERROR(CheckNotForeign(db, state.value()));
  const std::string what = fmt::format("applying schema migration {}", from + 1);
  CXMAP_RETURN_IF_ERROR(db.Exec(kMigrations[from], what));
  CXMAP_RETURN_IF_ERROR(FinishMigration(db, from + 1));
  // Foreign keys are off while tables are rebuilt (see MigrateTo()); check
  // them before the step commits.
  Result<int64_t> broken =
      db.QueryInt("SELECT count(*) FROM pragma_foreign_key_check", "checking foreign keys");
  if (!broken.ok()) return broken.status();
  if (broken.value() != 0) {
    return Status::Corruption(fmt::format("{}: migration {} would leave {} rows whose foreign key"
                                          " points nowhere", db.path(), from + 1, broken.value()));
  }
  // PRAGMAs take no bound parameters; both numbers are compile-time
  // constants of this file, not data.
  const std::string pragmas = fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};",
                                          kApplicationId, from + 1);
  CXMAP_RETURN_IF_ERROR(db.Exec(pragmas.c_str(), what));
  return txn.Commit();
}

}  // namespace

int64_t LatestSchemaVersion() { return kLatest; }

Status CheckOwnership(SqliteDb& db) {
  Result<SchemaState> state = ReadState(db);
  if (!state.ok()) return state.status();
  CXMAP_RETURN_IF_ERROR(CheckState(db, state.value()));
  return CheckNotForeign(db, state.value());
}

Status CheckReadableAsIs(SqliteDb& db) {
  Result<SchemaState> state = ReadState(db);
  if (!state.ok()) return state.status();
  CXMAP_RETURN_IF_ERROR(CheckState(db, state.value()));
  CXMAP_RETURN_IF_ERROR(CheckNotForeign(db, state.value()));
  if (state->version < kLatest) {
    return Status::NotSupported(fmt::format(
        "{} has schema version {} and this cxmap reads {}; it cannot be upgraded while it is read-only:"
        " run any cxmap command on it once with write access",
        db.path(), state->version, kLatest));
  }
  return Status::Ok();
}

Status ConfigureConnection(SqliteDb& db) {
  // WAL: readers never block the writer and a crash mid-batch leaves the
  // last committed batch intact. NORMAL: in WAL mode a power cut can lose the
  // last commits but never corrupts the file, and it saves an fsync per
  // commit. The cache (64 MiB) keeps the records(id) unique index hot during
  // large imports, where random keys are the main cost.
  CXMAP_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                " PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;",
                                "configuring the connection"));
  Result<int64_t> fk = db.QueryInt("PRAGMA foreign_keys", "checking foreign keys");
  if (!fk.ok()) return fk.status();
  if (fk.value() != 1) return Status::NotSupported("sqlite: this SQLite has no foreign keys");
  return Status::Ok();
}

Status Migrate(SqliteDb& db) { return MigrateTo(db, kLatest); }

Status MigrateTo(SqliteDb& db, int64_t target) {
  if (target > kLatest) return Status::InvalidArgument("no schema version " + std::to_string(target));
  // Fast path without the write lock: opening an up-to-date database must
  // not wait for a running import.
  for (;;) {
    Result<SchemaState> state = ReadState(db);
    if (!state.ok()) return state.status();
    CXMAP_RETURN_IF_ERROR(CheckState(db, state.value()));
    if (state->version >= target) return Status::Ok();
    // A migration that rebuilds a table drops the old one while rows of
    // other tables still point at it; foreign keys cannot be switched off
    // inside a transaction, so they are off around it (and checked inside).
    CXMAP_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF", "pausing foreign keys"));
    Status applied = ApplyNext(db, target);
    CXMAP_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON", "restoring foreign keys"));
    CXMAP_RETURN_IF_ERROR(applied);
  }
}

}  // namespace cxmap::core

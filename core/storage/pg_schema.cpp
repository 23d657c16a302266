// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL schema. SQLite's schema 11 is the result of ten steps that
// each rewrote tables to save bytes on a single file (label and attribute
// dictionaries, per-plugin result tables, sentence bitmasks). No
// PostgreSQL store existed before version 11, so its first migration
// creates version 11 directly, translated to what PostgreSQL does well:
// plain columns (TOAST compresses repeated text), bigint keys from
// identity columns, one result row per value. The views keep the names and
// columns the SQLite store's views have (`responses`, `records`), so a
// reader sees the same rows on either backend. Every later version is a
// new entry here and in migrations.cpp, with the same number.
#include "core/storage/pg_schema.h"

#include <fmt/format.h>

#include <array>

namespace cxmap::core {

namespace {

constexpr int64_t kBaseline = 11;

constexpr const char* kCreateBaseline = R"sql(
CREATE SCHEMA IF NOT EXISTS cxmap;
SET search_path TO cxmap;
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  path          text   NOT NULL,
  sha256        text   NOT NULL UNIQUE,
  size          bigint NOT NULL,
  source_plugin text   NOT NULL,
  format        text   NOT NULL,
  started_at    bigint NOT NULL,
  finished_at   bigint,
  accepted      bigint NOT NULL DEFAULT 0,
  rejected      bigint NOT NULL DEFAULT 0,
  responses     bigint NOT NULL DEFAULT 0
);
-- A response keeps what its first unit said; `key` is the stable id
-- ("<source>:<response id>", or the unit's id when the source named none).
CREATE TABLE response_rows (
  rowid       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key         text   NOT NULL UNIQUE,
  source      text   NOT NULL,
  import_id   bigint NOT NULL REFERENCES imports(id),
  response_id text   NOT NULL,
  channel     text   NOT NULL,
  sub_channel text   NOT NULL,
  time_ms     bigint,
  language    text   NOT NULL,
  respondent  text   NOT NULL,
  segment     text   NOT NULL,
  nps         double precision,
  csat        double precision,
  ces         double precision,
  rating      double precision,
  attributes  text   NOT NULL,
  file        text   NOT NULL,
  line        bigint NOT NULL
);
CREATE TABLE units (
  rowid         bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id            text     NOT NULL,
  response      bigint   NOT NULL REFERENCES response_rows(rowid),
  import_id     bigint   NOT NULL REFERENCES imports(id),
  speaker       smallint NOT NULL CHECK (speaker BETWEEN 0 AND 4),
  text          text     NOT NULL,
  external_id   text     NOT NULL,
  time_ms       bigint,
  language      text     NOT NULL,
  respondent    text     NOT NULL,
  attributes    text     NOT NULL,
  file          text     NOT NULL,
  line          bigint   NOT NULL,
  record_number bigint   NOT NULL,
  UNIQUE (response, id)  -- as SQLite's: a source may number turns per call
);
CREATE TABLE answers (
  response      bigint NOT NULL REFERENCES response_rows(rowid),
  question      text   NOT NULL,
  ordinal       bigint NOT NULL,
  question_text text   NOT NULL,
  kind          text   NOT NULL CHECK (kind IN ('choice', 'multiple', 'rating', 'number', 'date')),
  value         text   NOT NULL,
  number        double precision,
  scale_min     double precision,
  scale_max     double precision,
  PRIMARY KEY (response, question, ordinal)
);
CREATE INDEX answers_question ON answers(question);
CREATE TABLE rejected (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id bigint NOT NULL REFERENCES imports(id),
  file      text   NOT NULL,
  line      bigint NOT NULL,
  reason    text   NOT NULL,
  excerpt   text   NOT NULL,
  UNIQUE (import_id, file, line, reason)
);
CREATE TABLE skipped (
  import_id bigint NOT NULL REFERENCES imports(id),
  file      text   NOT NULL,
  line      bigint NOT NULL,
  reason    text   NOT NULL,
  PRIMARY KEY (import_id, file, line, reason)
);
-- The "analysed" mark: `plugin` has analysed unit `unit` (with or without
-- values), so a re-run never analyses or stores it twice.
CREATE TABLE analysed (
  plugin text   NOT NULL,
  unit   bigint NOT NULL REFERENCES units(rowid),
  PRIMARY KEY (unit, plugin)  -- unit first: reads look a unit's marks up
);
CREATE TABLE results (
  unit          bigint  NOT NULL REFERENCES units(rowid),
  plugin        text    NOT NULL,
  field         text    NOT NULL,
  sentence      integer NOT NULL,
  ordinal       integer NOT NULL,
  sentence_text text    NOT NULL,
  value_type    text    NOT NULL
                CHECK (value_type IN ('null', 'string', 'integer', 'real', 'bool', 'json')),
  value_text    text,
  value_number  double precision,
  evidence      text    NOT NULL,
  spans         text,
  PRIMARY KEY (unit, plugin, field, sentence, ordinal)
);
CREATE INDEX results_plugin_field ON results(plugin, field);
CREATE TABLE field_roles (
  plugin text NOT NULL,
  field  text NOT NULL,
  role   text NOT NULL,
  PRIMARY KEY (plugin, field)
);
CREATE TABLE plugin_quarantine (
  plugin       text   PRIMARY KEY,
  module       text   NOT NULL,
  module_size  bigint NOT NULL,
  module_mtime bigint NOT NULL,
  reason       text   NOT NULL,
  since        text   NOT NULL
);
CREATE VIEW responses AS
SELECT p.rowid, p.key, p.source, p.import_id, p.response_id, p.channel, p.sub_channel,
       p.time_ms, p.language, p.respondent, p.segment, p.nps, p.csat, p.ces, p.rating,
       p.attributes, p.file, p.line
FROM response_rows p;
CREATE VIEW records AS
SELECT u.rowid, u.id, p.source, u.import_id, u.external_id, p.channel, p.sub_channel,
       u.time_ms, u.language, u.text, u.respondent, p.segment, p.nps, p.csat, p.ces, p.rating,
       u.attributes, u.file, u.line, u.record_number, u.response,
       CASE u.speaker WHEN 0 THEN 'customer' WHEN 1 THEN 'agent' WHEN 2 THEN 'brand'
                      WHEN 3 THEN 'system' ELSE 'unknown' END AS speaker_role
FROM units u JOIN response_rows p ON p.rowid = u.response;
INSERT INTO meta (key, value) VALUES ('application', 'cxmap'), ('schema_version', '11');
)sql";

// Index i holds the step from version kBaseline + i to kBaseline + i + 1,
// the same step as SQLite's migration of that number.
constexpr std::array<const char*, 1> kLaterMigrations{
    // 12: the work queue of submit/worker (migration_12.h). Times are the
    // server's clock (leases compare them with now()), so workers on
    // machines whose clocks disagree still agree on whose lease ran out.
    R"sql(
SET search_path TO cxmap;
CREATE TABLE shards (
  id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id     bigint  NOT NULL REFERENCES imports(id),
  ordinal       integer NOT NULL,
  path          text    NOT NULL,
  display       text    NOT NULL,
  source        text    NOT NULL,
  format        text    NOT NULL,
  piece         text    NOT NULL,
  bytes         bigint  NOT NULL,
  file_size     bigint  NOT NULL,
  file_mtime_ns bigint  NOT NULL,
  state         text    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'running', 'done', 'failed')),
  worker        text,
  lease_until   timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  records       bigint  NOT NULL DEFAULT 0,
  rejected      bigint  NOT NULL DEFAULT 0,
  error         text,
  UNIQUE (import_id, ordinal)
);
-- Analysis values packed per (unit, plugin) (pg_result_pack.h): one row a
-- plugin analysed a unit, its mark and its values, instead of a row per
-- value in `results` plus a row in `analysed`.
-- Without foreign keys to units and imports: each row's key is a rowid
-- the same transaction just got back from the server, and checking it
-- again row by row was 16 % of the server's CPU on the bench corpus.
ALTER TABLE units DROP CONSTRAINT IF EXISTS units_import_id_fkey;
ALTER TABLE response_rows DROP CONSTRAINT IF EXISTS response_rows_import_id_fkey;
CREATE TABLE analysis (
  unit        bigint  NOT NULL,
  plugin      text    NOT NULL,
  value_count integer NOT NULL,  -- values that are not null, for status
  packed      text    NOT NULL,  -- JSON array, '[]' when it found nothing
  PRIMARY KEY (unit, plugin)
);
INSERT INTO analysis (unit, plugin, value_count, packed)
SELECT a.unit, a.plugin,
       count(r.unit) FILTER (WHERE r.value_type <> 'null'),
       coalesce(json_agg(json_build_array(
                  r.field, r.sentence, r.sentence_text, r.value_type,
                  CASE r.value_type
                    WHEN 'integer' THEN to_json(r.value_text::numeric)
                    WHEN 'bool' THEN to_json(r.value_text::numeric)
                    WHEN 'real' THEN CASE WHEN r.value_number::text = '-0' THEN '-0.0'::json
                                          ELSE to_json(r.value_number) END
                    WHEN 'null' THEN NULL
                    ELSE to_json(r.value_text) END,
                  r.evidence::json, r.spans::json)
                ORDER BY r.field, r.sentence, r.ordinal) FILTER (WHERE r.unit IS NOT NULL),
                '[]'::json)::text
FROM analysed a LEFT JOIN results r ON r.unit = a.unit AND r.plugin = a.plugin
GROUP BY a.unit, a.plugin;
DROP TABLE results;
DROP TABLE analysed;
-- The order a snapshot copies rows in (pg_snapshot.cpp InputOrder): the
-- order of the input, which workers reading pieces of one file side by
-- side do not store rows in.
CREATE INDEX units_in_input_order ON units (import_id, record_number, rowid);
CREATE INDEX response_rows_in_input_order ON response_rows (import_id, line, rowid);
-- What a claim scans: the few shards not yet done, in submission order.
CREATE INDEX shards_open ON shards (id) WHERE state IN ('pending', 'running');
CREATE TABLE workers (
  id          text   PRIMARY KEY,
  host        text   NOT NULL,
  pid         bigint NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  seen_at     timestamptz NOT NULL DEFAULT now(),
  state       text   NOT NULL,
  shard       bigint,
  shards_done bigint NOT NULL DEFAULT 0,
  records     bigint NOT NULL DEFAULT 0,
  busy_ms     bigint NOT NULL DEFAULT 0,
  lease_ms    bigint NOT NULL
);
)sql",
};
constexpr int64_t kLatest = kBaseline + static_cast<int64_t>(kLaterMigrations.size());

// Ok with the version (0: no cxmap schema), or NotSupported when a `cxmap`
// schema exists that cxmap did not make.
Result<int64_t> ReadVersion(PgDb& db) {
  Result<PgRows> rows = db.Query(
      "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 'cxmap'),"
      " to_regclass('cxmap.meta') IS NOT NULL",
      "reading the schema");
  if (!rows.ok()) return rows.status();
  if (rows->Int(0, 0) == 0) return int64_t{0};
  if (rows->Int(0, 1) == 0) {
    return Status::NotSupported(fmt::format(
        "{} has a schema named cxmap that is not cxmap's (no cxmap.meta table); refusing to use it",
        db.display()));
  }
  Result<PgRows> meta = db.Query(
      "SELECT (SELECT value FROM cxmap.meta WHERE key = 'application'),"
      " (SELECT value FROM cxmap.meta WHERE key = 'schema_version')",
      "reading the schema version");
  if (!meta.ok()) return meta.status();
  if (meta->Text(0, 0) != "cxmap") {
    return Status::NotSupported(
        fmt::format("{}: schema cxmap belongs to another application ('{}'); refusing to use it",
                    db.display(), meta->Text(0, 0)));
  }
  return meta->Int(0, 1);
}

}  // namespace

int64_t PgSchemaVersion() { return kLatest; }

Status OpenPgSchema(PgDb& db, bool may_write) {
  Result<int64_t> version = ReadVersion(db);
  if (!version.ok()) return version.status();
  if (*version > kLatest) {
    return Status::NotSupported(fmt::format(
        "{} holds cxmap schema version {}, newer than this cxmap's {}; use a newer cxmap",
        db.display(), *version, kLatest));
  }
  if (*version < kLatest) {
    if (!may_write) {
      if (*version == 0) return Status::NotFound(db.display() + " holds no cxmap store yet");
      return Status::NotSupported(fmt::format(
          "{} holds cxmap schema version {}; run a command that writes (import) to update it",
          db.display(), *version));
    }
    PgTransaction txn(&db);
    CXMAP_RETURN_IF_ERROR(txn.Begin());
    // Workers that start together: one migrates, the others wait here and
    // then find the schema current.
    CXMAP_RETURN_IF_ERROR(
        db.Query("SELECT pg_advisory_xact_lock(7863140911)", "waiting for the schema lock")
            .status());
    Result<int64_t> now = ReadVersion(db);
    if (!now.ok()) return now.status();
    if (*now == 0) {
      CXMAP_RETURN_IF_ERROR(db.Exec(kCreateBaseline, "creating the cxmap schema"));
      *now = kBaseline;
    }
    for (int64_t v = *now; v < kLatest; ++v) {
      CXMAP_RETURN_IF_ERROR(db.Exec(kLaterMigrations[v - kBaseline],
                                    fmt::format("migrating to schema version {}", v + 1)));
      CXMAP_RETURN_IF_ERROR(
          db.Query("UPDATE cxmap.meta SET value = $1 WHERE key = 'schema_version'",
                   PgParams().Text(std::to_string(v + 1)), "noting the version")
              .status());
    }
    CXMAP_RETURN_IF_ERROR(txn.Commit());
  }
  return db.Exec("SET search_path TO cxmap", "selecting the cxmap schema");
}

}  // namespace cxmap::core

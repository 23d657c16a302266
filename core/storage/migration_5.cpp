// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migration_5.h"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/storage/field_roles.h"
#include "core/storage/migration_util.h"
#include "core/storage/result_tables.h"

namespace cxmap::core {

namespace {

// The rest of migration 5: the views over the new tables. Applied after
// the result tables are made and filled (FinishMigration5()).
constexpr const char* kMigration5Views = R"sql(
DROP TABLE result_values;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_hash ON evidence(hash);
DROP TABLE result_texts;
ALTER TABLE result_texts_new RENAME TO result_texts;
CREATE INDEX result_texts_hash ON result_texts(hash);
DROP TABLE sentences;
ALTER TABLE sentences_new RENAME TO sentences;
DROP TABLE answers;
ALTER TABLE answers_new RENAME TO answers;
CREATE INDEX answers_question ON answers(question);
DROP TABLE analyses;
DROP TABLE records;
DROP TABLE responses;

CREATE VIEW responses AS
SELECT p.rowid AS rowid,
       CASE WHEN s.prefix = '' THEN p.local_id ELSE s.prefix || ':' || p.local_id END AS key,
       s.source AS source, p.import_id AS import_id,
       CASE WHEN NOT p.named THEN ''
            WHEN s.prefix = '' THEN substr(p.local_id, length(s.source) + 2)
            ELSE substr(s.prefix || ':' || p.local_id, length(s.source) + 2) END AS response_id,
       p.channel AS channel, p.sub_channel AS sub_channel, p.time_ms AS time_ms,
       p.language AS language, p.respondent AS respondent, p.segment AS segment, p.nps AS nps,
       p.csat AS csat, p.ces AS ces, p.rating AS rating, p.attributes AS attributes,
       f.path AS file, p.line AS line
FROM response_rows p
JOIN scopes s ON s.id = p.scope
JOIN files f ON f.id = p.file;

CREATE VIEW records AS
SELECT u.rowid AS rowid, CASE WHEN u.unit = '' THEN p.key ELSE u.unit END AS id,
       p.source AS source, u.import_id AS import_id,
       coalesce(u.external_id, p.response_id) AS external_id, p.channel AS channel,
       p.sub_channel AS sub_channel,
       CASE WHEN u.untimed THEN NULL ELSE coalesce(u.time_ms, p.time_ms) END AS time_ms,
       coalesce(u.language, p.language) AS language, u.text AS text,
       coalesce(u.respondent, p.respondent) AS respondent, p.segment AS segment, p.nps AS nps,
       p.csat AS csat, p.ces AS ces, p.rating AS rating,
       coalesce(u.attributes, p.attributes) AS attributes,
       coalesce((SELECT f.path FROM files f WHERE f.id = u.file), p.file) AS file, u.line AS line,
       u.record_number AS record_number, u.response AS response,
       CASE u.speaker WHEN 0 THEN 'customer' WHEN 1 THEN 'agent' WHEN 2 THEN 'brand'
                      WHEN 3 THEN 'system' ELSE 'unknown' END AS speaker_role
FROM units u JOIN responses p ON p.rowid = u.response;

)sql";



}  // namespace

// Step 5 after its SQL: hash the evidence lists, make one typed table per
// plugin and move each value into its column, then the views.
Status FinishMigration5(SqliteDb& db) {
  Result<int64_t> orphans = db.QueryInt("SELECT count(*) FROM records WHERE response IS NULL OR"
                                        " response NOT IN (SELECT rowid FROM responses)",
                                        "checking units for their response");
  if (!orphans.ok()) return orphans.status();
  if (orphans.value() != 0) {
    return Status::Corruption(fmt::format(
        "{}: {} records have no response; rebuild the database with `cxmap import` into a new file",
        db.path(), orphans.value()));
  }
  for (const char* table : {"evidence_new", "result_texts_new"}) {
    // Table names from this list only, never from data.
    Result<Statement> read = db.Prepare(fmt::format("SELECT id, {} FROM {}",
        std::string_view(table) == "evidence_new" ? "json" : "text", table));
    if (!read.ok()) return read.status();
    Result<Statement> write = db.Prepare(fmt::format("UPDATE {} SET hash = ?2 WHERE id = ?1", table));
    if (!write.ok()) return write.status();
    std::vector<std::pair<int64_t, int64_t>> hashes;
    for (;;) {
      Result<bool> row = read->Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      hashes.emplace_back(read->ColumnInt(0), DictionaryHash(read->ColumnText(1)));
    }
    for (const auto& [id, hash] : hashes) {
      write->BindInt(1, id);
      write->BindInt(2, hash);
      CXMAP_RETURN_IF_ERROR(write->Run());
    }
  }
  Result<ResultTables> tables = ResultTables::Load(db);
  if (!tables.ok()) return tables.status();
  CXMAP_RETURN_IF_ERROR(tables->Materialise());
  // The "analysed" marks become each plugin's row (-1, 0) for the unit.
  {
    Result<std::vector<int64_t>> ids = ReadPluginIds(db);
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) {
      CXMAP_RETURN_IF_ERROR(tables->EnsureTable(id));
      const std::string sql = fmt::format(
          "INSERT INTO {} (record, sentence, ordinal) SELECT a.record, -1, 0 FROM analyses a"
          " JOIN plugins g ON g.name = a.plugin WHERE g.id = {} ORDER BY a.record",
          ResultTables::TableName(id), id);
      CXMAP_RETURN_IF_ERROR(db.Exec(sql.c_str(), "moving the analysed marks"));
    }
  }
  for (const auto& [key, c] : tables->columns()) {
    Result<int64_t> with_evidence = db.QueryInt(
        fmt::format("SELECT EXISTS (SELECT 1 FROM result_values WHERE field = {}"
                    " AND evidence IS NOT NULL)", c.field_id).c_str(),
        "looking for evidence");
    if (!with_evidence.ok()) return with_evidence.status();
    if (with_evidence.value()) CXMAP_RETURN_IF_ERROR(tables->EnsureEvidence(c));
    const std::string table = ResultTables::TableName(c.plugin_id);
    // A NULL value is stored as 1 in its own column: present, and free.
    const std::string value = c.value_type == "null" ? "1" : "value";
    const std::string evidence_set =
        with_evidence.value() ? fmt::format(", e{0} = coalesce(excluded.e{0}, e{0})", c.field_id) : "";
    const std::string sql = fmt::format(
        "INSERT INTO {0} (record, sentence, ordinal, sentence_text, f{1}{2})"
        " SELECT record, sentence, ordinal, sentence_text, {3}{4} FROM result_values"
        " WHERE field = {1} ORDER BY record, sentence, ordinal"
        " ON CONFLICT (record, sentence, ordinal) DO UPDATE SET f{1} = excluded.f{1},"
        " sentence_text = coalesce(excluded.sentence_text, sentence_text){5}",
        table, c.field_id, with_evidence.value() ? fmt::format(", e{}", c.field_id) : "", value,
        with_evidence.value() ? ", evidence" : "", evidence_set);
    CXMAP_RETURN_IF_ERROR(db.Exec(sql.c_str(), "moving results into their plugin's table"));
  }
  CXMAP_RETURN_IF_ERROR(db.Exec(kMigration5Views, "creating the views of schema 5"));
  CXMAP_RETURN_IF_ERROR(tables->RebuildView());
  // The facts view is made from declared roles; a database from before
  // roles has none until the next command with plugins loaded declares them.
  return RebuildFactsView(db);
}

}  // namespace cxmap::core

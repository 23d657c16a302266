// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migration_7.h"

#include <fmt/format.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/storage/field_roles.h"
#include "core/storage/record_codec.h"
#include "core/storage/result_tables.h"
#include "core/storage/text_dictionary.h"

namespace cxmap::core {

namespace {

constexpr const char* kMoveRows = R"sql(
INSERT INTO response_rows_new
SELECT p.rowid, p.scope, p.local_id, p.named, p.import_id,
       (SELECT id FROM temp.migrate_labels WHERE text = p.channel),
       (SELECT id FROM temp.migrate_labels WHERE text = p.sub_channel), p.time_ms,
       (SELECT id FROM temp.migrate_labels WHERE text = p.language), p.respondent,
       (SELECT id FROM temp.migrate_labels WHERE text = p.segment),
       p.nps, p.csat, p.ces, p.rating, m.attribute_set, p.file, p.line
FROM response_rows p JOIN temp.migrate_sets m ON m.kind = 0 AND m.rowid = p.rowid
ORDER BY p.rowid;

INSERT INTO units_new
SELECT u.rowid, u.response, u.unit, u.import_id, u.speaker, u.text,
       CASE WHEN u.line = p.line THEN NULL ELSE u.line END, u.record_number, u.external_id,
       u.time_ms, u.language, u.respondent, m.attribute_set, u.untimed, u.file
FROM units u JOIN response_rows p ON p.rowid = u.response
LEFT JOIN temp.migrate_sets m ON m.kind = 1 AND m.rowid = u.rowid
ORDER BY u.rowid;

DROP TABLE temp.migrate_sets;
DROP TABLE temp.migrate_labels;
DROP TABLE units;
DROP TABLE response_rows;
ALTER TABLE response_rows_new RENAME TO response_rows;
ALTER TABLE units_new RENAME TO units;
)sql";

// The views of schema 5 with their columns unchanged; labels and
// attributes are read through their dictionaries, a unit's line through
// its response.
constexpr const char* kViews = R"sql(
CREATE VIEW responses AS
SELECT p.rowid AS rowid,
       CASE WHEN s.prefix = '' THEN p.local_id ELSE s.prefix || ':' || p.local_id END AS key,
       s.source AS source, p.import_id AS import_id,
       CASE WHEN NOT p.named THEN ''
            WHEN s.prefix = '' THEN substr(p.local_id, length(s.source) + 2)
            ELSE substr(s.prefix || ':' || p.local_id, length(s.source) + 2) END AS response_id,
       {channel} AS channel, {sub_channel} AS sub_channel, p.time_ms AS time_ms,
       {language} AS language, p.respondent AS respondent, {segment} AS segment, p.nps AS nps,
       p.csat AS csat, p.ces AS ces, p.rating AS rating,
       {response_attributes} AS attributes,
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
       CASE WHEN u.attributes IS NULL THEN p.attributes ELSE {unit_attributes} END AS attributes,
       coalesce((SELECT f.path FROM files f WHERE f.id = u.file), p.file) AS file,
       coalesce(u.line, p.line) AS line,
       u.record_number AS record_number, u.response AS response,
       CASE u.speaker WHEN 0 THEN 'customer' WHEN 1 THEN 'agent' WHEN 2 THEN 'brand'
                      WHEN 3 THEN 'system' ELSE 'unknown' END AS speaker_role
FROM units u JOIN responses p ON p.rowid = u.response;
)sql";

// (kind 0: response, 1: unit; rowid; attributes JSON; local id) for every
// row that has attributes of its own.
using Row = std::tuple<int, int64_t, std::string, std::string>;

Status ReadRows(SqliteDb& db, std::vector<Row>* rows) {
  const char* queries[] = {
      "SELECT 0, rowid, attributes, local_id FROM response_rows",
      "SELECT 1, u.rowid, u.attributes, p.local_id FROM units u"
      " JOIN response_rows p ON p.rowid = u.response WHERE u.attributes IS NOT NULL",
  };
  for (const char* sql : queries) {
    Result<Statement> read = db.Prepare(sql);
    if (!read.ok()) return read.status();
    for (;;) {
      Result<bool> row = read->Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      rows->emplace_back(static_cast<int>(read->ColumnInt(0)), read->ColumnInt(1),
                         std::string(read->ColumnText(2)), std::string(read->ColumnText(3)));
    }
  }
  return Status::Ok();
}

std::string Views() {
  std::string views = kViews;
  auto put = [&](std::string_view name, const std::string& sql) {
    const std::string mark = "{" + std::string(name) + "}";
    views.replace(views.find(mark), mark.size(), sql);
  };
  put("response_attributes", AttributesSql("p.attributes", "p.local_id"));
  for (std::string_view column : {"channel", "sub_channel", "language", "segment"}) {
    put(column, LabelSql("p." + std::string(column)));
  }
  put("unit_attributes",
      AttributesSql("u.attributes", "(SELECT q.local_id FROM response_rows q WHERE q.rowid = u.response)"));
  return views;
}

// Every distinct channel, sub-channel, language and segment into labels,
// and temp.migrate_labels (text -> id) for the move.
Status FillLabels(SqliteDb& db) {
  Result<TextDictionary> labels = TextDictionary::Open(db, "labels", "text");
  if (!labels.ok()) return labels.status();
  CXMAP_RETURN_IF_ERROR(db.Exec(
      "CREATE TEMP TABLE migrate_labels (text TEXT PRIMARY KEY, id INTEGER NOT NULL)",
      "making the label map"));
  Result<Statement> read = db.Prepare(
      "SELECT channel FROM response_rows UNION SELECT sub_channel FROM response_rows"
      " UNION SELECT language FROM response_rows UNION SELECT segment FROM response_rows");
  if (!read.ok()) return read.status();
  std::vector<std::string> texts;
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    texts.emplace_back(read->ColumnText(0));
  }
  Result<Statement> insert =
      db.Prepare("INSERT INTO temp.migrate_labels (text, id) VALUES (?1, ?2)");
  if (!insert.ok()) return insert.status();
  for (const std::string& text : texts) {
    Result<int64_t> id = labels->Intern(text);
    if (!id.ok()) return id.status();
    insert->BindTextNoCopy(1, text);
    insert->BindInt(2, *id);
    CXMAP_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

}  // namespace

Status FinishMigration7(SqliteDb& db) {
  CXMAP_RETURN_IF_ERROR(FillLabels(db));
  std::vector<Row> rows;
  CXMAP_RETURN_IF_ERROR(ReadRows(db, &rows));
  Result<TextDictionary> sets = TextDictionary::Open(db, "attribute_sets", "json");
  if (!sets.ok()) return sets.status();
  CXMAP_RETURN_IF_ERROR(db.Exec(
      "CREATE TEMP TABLE migrate_sets (kind INTEGER NOT NULL, rowid INTEGER NOT NULL,"
      " attribute_set INTEGER NOT NULL, PRIMARY KEY (kind, rowid))",
      "making the attribute map"));
  Result<Statement> insert =
      db.Prepare("INSERT INTO temp.migrate_sets (kind, rowid, attribute_set) VALUES (?1, ?2, ?3)");
  if (!insert.ok()) return insert.status();
  for (const auto& [kind, rowid, json, local_id] : rows) {
    Result<int64_t> set = sets->Intern(AttributeSetText(json, local_id));
    if (!set.ok()) return set.status();
    insert->BindInt(1, kind);
    insert->BindInt(2, rowid);
    insert->BindInt(3, *set);
    CXMAP_RETURN_IF_ERROR(insert->Run());
  }
  CXMAP_RETURN_IF_ERROR(db.Exec(kMoveRows, "moving responses and units"));
  CXMAP_RETURN_IF_ERROR(db.Exec(Views().c_str(), "creating the views of schema 7"));
  Result<ResultTables> tables = ResultTables::Load(db);
  if (!tables.ok()) return tables.status();
  CXMAP_RETURN_IF_ERROR(tables->RebuildView());
  return RebuildFactsView(db);
}

}  // namespace cxmap::core

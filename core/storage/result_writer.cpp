// SPDX-License-Identifier: Apache-2.0
#include "core/storage/result_writer.h"

#include <fmt/format.h>

#include <tuple>

#include "core/storage/record_codec.h"

namespace cxmap::core {

namespace {

// Beyond this many distinct entries a cache starts over: the dictionary
// itself is unbounded, the memory is not.
constexpr size_t kCacheEntries = 1 << 16;

// Text values up to this size go to the result_texts dictionary: labels,
// ids and small JSON repeat across records. Longer ones (free text a
// plugin writes) are mostly unique, and a dictionary would store them
// twice (table and unique index), so they stay in the row.
constexpr size_t kInternedTextBytes = 256;

Status PrepareInto(SqliteDb& db, std::string_view sql, Statement* out) {
  Result<Statement> stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  *out = std::move(stmt).value();
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<ResultWriter>> ResultWriter::Create(SqliteDb& db) {
  std::unique_ptr<ResultWriter> w(new ResultWriter(db));
  const std::pair<Statement*, std::string_view> all[] = {
      {&w->find_field_, "SELECT id, value_type FROM result_fields WHERE plugin = ?1 AND field = ?2"},
      {&w->insert_field_,
       "INSERT INTO result_fields (plugin, field, value_type) VALUES (?1, ?2, ?3)"},
      {&w->type_field_,
       "UPDATE result_fields SET value_type = ?2 WHERE id = ?1 AND value_type = 'null'"},
      {&w->find_evidence_, "SELECT id FROM evidence WHERE json = ?1"},
      {&w->insert_evidence_, "INSERT INTO evidence (json) VALUES (?1) ON CONFLICT(json) DO NOTHING"},
      {&w->find_text_, "SELECT id FROM result_texts WHERE text = ?1"},
      {&w->insert_text_,
       "INSERT INTO result_texts (text) VALUES (?1) ON CONFLICT(text) DO NOTHING"},
      {&w->insert_sentence_,
       "INSERT INTO sentences (record, sentence, begin, end, text) VALUES (?1, ?2, ?3, ?4, ?5)"
       " ON CONFLICT DO NOTHING"},
      {&w->insert_value_,
       "INSERT INTO result_values (record, field, sentence, ordinal, value, evidence)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
  };
  for (const auto& [stmt, sql] : all) CXMAP_RETURN_IF_ERROR(PrepareInto(db, sql, stmt));
  return w;
}

void ResultWriter::BeginBatch() {
  sentences_.clear();
  ordinals_.clear();
  cursor_.clear();
}

void ResultWriter::Forget() {
  fields_.clear();
  evidence_.clear();
  texts_.clear();
  BeginBatch();
}

Result<int64_t> ResultWriter::FieldId(const ResultRow& row) {
  const std::string_view type = *ValueTypeName(row.type);  // validated by the store
  auto it = fields_.find(std::make_pair(row.plugin, row.field));
  if (it == fields_.end()) {
    find_field_.BindTextNoCopy(1, row.plugin);
    find_field_.BindTextNoCopy(2, row.field);
    Result<bool> found = find_field_.Step();
    Field f{0, std::string(type)};
    if (found.ok() && found.value()) {
      f.id = find_field_.ColumnInt(0);
      f.type = std::string(find_field_.ColumnText(1));
    }
    find_field_.Reset();
    if (!found.ok()) return found.status();
    if (f.id == 0) {
      insert_field_.BindTextNoCopy(1, row.plugin);
      insert_field_.BindTextNoCopy(2, row.field);
      insert_field_.BindTextNoCopy(3, type);
      CXMAP_RETURN_IF_ERROR(insert_field_.Run());
      f.id = db_.LastInsertRowid();
    }
    it = fields_.emplace(std::make_pair(row.plugin, row.field), std::move(f)).first;
  }
  Field& f = it->second;
  if (type == "null" || f.type == type) return f.id;
  if (f.type != "null") {
    // A field has one type; the host checks plugins against their
    // declarations, so this is a caller's bug, not a plugin's.
    return Status::InvalidArgument(fmt::format("result {}.{} is {} but was stored as {}", row.plugin,
                                               row.field, type, f.type));
  }
  type_field_.BindInt(1, f.id);
  type_field_.BindTextNoCopy(2, type);
  CXMAP_RETURN_IF_ERROR(type_field_.Run());
  f.type = std::string(type);
  return f.id;
}

Result<int64_t> ResultWriter::Intern(std::string_view text, Statement& insert, Statement& find,
                                     TextCache& cache) {
  auto it = cache.find(text);
  if (it != cache.end()) return it->second;
  insert.BindTextNoCopy(1, text);
  CXMAP_RETURN_IF_ERROR(insert.Run());
  int64_t id = 0;
  if (db_.Changes() == 1) {
    id = db_.LastInsertRowid();
  } else {
    find.BindTextNoCopy(1, text);
    Result<bool> found = find.Step();
    if (found.ok() && found.value()) id = find.ColumnInt(0);
    find.Reset();
    if (!found.ok()) return found.status();
    if (id == 0) return Status::Internal("dictionary text neither inserted nor found");
  }
  if (cache.size() >= kCacheEntries) cache.clear();
  cache.emplace(std::string(text), id);
  return id;
}

Status ResultWriter::WriteSentence(int64_t rowid, std::string_view text, const ResultRow& row) {
  if (!sentences_.emplace(std::make_pair(rowid, row.sentence), true).second) return Status::Ok();
  // Sentences come in order: look from the end of the previous one, then
  // from the start (a plugin may revisit one). A sentence that is not a
  // slice of the stored text (a plugin that rewrote it) keeps its text.
  size_t& from = cursor_[rowid];
  size_t at = row.sentence_text.empty() ? std::string_view::npos : text.find(row.sentence_text, from);
  if (at == std::string_view::npos && from > 0) at = text.find(row.sentence_text);
  insert_sentence_.BindInt(1, rowid);
  insert_sentence_.BindInt(2, row.sentence);
  if (at != std::string_view::npos) {
    insert_sentence_.BindInt(3, static_cast<int64_t>(at));
    insert_sentence_.BindInt(4, static_cast<int64_t>(at + row.sentence_text.size()));
    insert_sentence_.BindNull(5);
    from = at + row.sentence_text.size();
  } else {
    insert_sentence_.BindNull(3);
    insert_sentence_.BindNull(4);
    insert_sentence_.BindTextNoCopy(5, row.sentence_text);
  }
  return insert_sentence_.Run();
}

Status ResultWriter::Write(int64_t rowid, std::string_view text, const ResultRow& row) {
  Result<int64_t> field = FieldId(row);
  if (!field.ok()) return field.status();
  if (row.sentence >= 0) CXMAP_RETURN_IF_ERROR(WriteSentence(rowid, text, row));
  int64_t evidence = 0;
  if (!row.evidence.empty()) {
    evidence_json_ = EvidenceToJson(row.evidence);
    Result<int64_t> id = Intern(evidence_json_, insert_evidence_, find_evidence_, evidence_);
    if (!id.ok()) return id.status();
    evidence = id.value();
  }
  int64_t text_id = 0;
  const bool textual = row.type == CXMAP_TYPE_STRING || row.type == CXMAP_TYPE_JSON;
  if (textual && row.text.size() <= kInternedTextBytes) {
    Result<int64_t> id = Intern(row.text, insert_text_, find_text_, texts_);
    if (!id.ok()) return id.status();
    text_id = id.value();
  }
  int64_t& ordinal = ordinals_[std::make_tuple(rowid, field.value(), row.sentence)];
  insert_value_.BindInt(1, rowid);
  insert_value_.BindInt(2, field.value());
  insert_value_.BindInt(3, row.sentence);
  insert_value_.BindInt(4, ordinal++);
  if (text_id > 0) {
    insert_value_.BindInt(5, text_id);  // the view reads it back through result_texts
  } else {
    BindResultValue(insert_value_, 5, row);
  }
  if (evidence > 0) {
    insert_value_.BindInt(6, evidence);
  } else {
    insert_value_.BindNull(6);
  }
  return insert_value_.Run();
}

}  // namespace cxmap::core

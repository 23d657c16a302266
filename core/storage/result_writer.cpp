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
      {&w->find_field_,
       "SELECT id FROM result_fields WHERE plugin = ?1 AND field = ?2 AND value_type = ?3"},
      {&w->insert_field_,
       "INSERT INTO result_fields (plugin, field, value_type) VALUES (?1, ?2, ?3)"},
      {&w->find_evidence_, "SELECT id FROM evidence WHERE json = ?1"},
      {&w->insert_evidence_, "INSERT INTO evidence (json) VALUES (?1) ON CONFLICT(json) DO NOTHING"},
      {&w->find_text_, "SELECT id FROM result_texts WHERE text = ?1"},
      {&w->insert_text_,
       "INSERT INTO result_texts (text) VALUES (?1) ON CONFLICT(text) DO NOTHING"},
      {&w->insert_sentence_,
       "INSERT INTO sentences (record, sentence, begin, end, text) VALUES (?1, ?2, ?3, ?4, ?5)"
       " ON CONFLICT DO NOTHING"},
      {&w->find_sentence_,
       "SELECT begin, end, text FROM sentences WHERE record = ?1 AND sentence = ?2"},
      {&w->insert_value_,
       "INSERT INTO result_values (record, field, sentence, ordinal, value, evidence,"
       " sentence_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
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
  const std::string_view type = *ValueTypeName(row.type);  // validated; static storage
  auto it = fields_.find(std::make_tuple(std::string_view(row.plugin), std::string_view(row.field), type));
  if (it != fields_.end()) return it->second;
  find_field_.BindTextNoCopy(1, row.plugin);
  find_field_.BindTextNoCopy(2, row.field);
  find_field_.BindTextNoCopy(3, type);
  Result<bool> found = find_field_.Step();
  int64_t id = found.ok() && found.value() ? find_field_.ColumnInt(0) : 0;
  find_field_.Reset();
  if (!found.ok()) return found.status();
  if (id == 0) {
    insert_field_.BindTextNoCopy(1, row.plugin);
    insert_field_.BindTextNoCopy(2, row.field);
    insert_field_.BindTextNoCopy(3, type);
    CXMAP_RETURN_IF_ERROR(insert_field_.Run());
    id = db_.LastInsertRowid();
  }
  fields_.emplace(std::make_tuple(row.plugin, row.field, type), id);
  return id;
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

Result<bool> ResultWriter::WriteSentence(int64_t rowid, std::string_view text,
                                         const ResultRow& row) {
  auto key = std::make_pair(rowid, row.sentence);
  if (auto seen = sentences_.find(key); seen != sentences_.end()) {
    return seen->second != row.sentence_text;
  }
  sentences_.emplace(key, row.sentence_text);
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
  CXMAP_RETURN_IF_ERROR(insert_sentence_.Run());
  if (db_.Changes() == 1) return false;
  // Stored by an earlier run of another plugin (a later `analyze`): compare
  // with what is stored there.
  find_sentence_.BindInt(1, rowid);
  find_sentence_.BindInt(2, row.sentence);
  Result<bool> found = find_sentence_.Step();
  std::string stored;
  if (found.ok() && found.value()) {
    if (!find_sentence_.ColumnIsNull(2)) {
      stored = std::string(find_sentence_.ColumnText(2));
    } else {
      auto begin = static_cast<size_t>(find_sentence_.ColumnInt(0));
      auto end = static_cast<size_t>(find_sentence_.ColumnInt(1));
      if (begin <= end && end <= text.size()) stored = std::string(text.substr(begin, end - begin));
    }
  }
  find_sentence_.Reset();
  if (!found.ok()) return found.status();
  sentences_[key] = stored;
  return stored != row.sentence_text;
}

Status ResultWriter::Write(int64_t rowid, std::string_view text, const ResultRow& row) {
  Result<int64_t> field = FieldId(row);
  if (!field.ok()) return field.status();
  bool own_sentence = false;
  if (row.sentence >= 0) {
    Result<bool> differs = WriteSentence(rowid, text, row);
    if (!differs.ok()) return differs.status();
    own_sentence = differs.value();
  }
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
  if (own_sentence) {
    insert_value_.BindTextNoCopy(7, row.sentence_text);
  } else {
    insert_value_.BindNull(7);
  }
  return insert_value_.Run();
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/storage/sentence_cuts.h"

namespace cxmap::core {

Result<SentenceCuts> SentenceCuts::Create(SqliteDb& db) {
  SentenceCuts c;
  c.db_ = &db;
  const std::pair<Statement*, const char*> all[] = {
      {&c.insert_,
       "INSERT INTO sentences (record, sentence, begin, end, text) VALUES (?1, ?2, ?3, ?4, ?5)"
       " ON CONFLICT DO NOTHING"},
      {&c.find_, "SELECT begin, end, text FROM sentences WHERE record = ?1 AND sentence = ?2"},
  };
  for (const auto& [stmt, sql] : all) {
    Result<Statement> prepared = db.Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    *stmt = std::move(prepared).value();
  }
  return c;
}

void SentenceCuts::BeginBatch() {
  seen_.clear();
  cursor_.clear();
}

Result<std::optional<std::string>> SentenceCuts::Stored(int64_t rowid, std::string_view text,
                                                         int32_t sentence) {
  find_.BindInt(1, rowid);
  find_.BindInt(2, sentence);
  Result<bool> found = find_.Step();
  std::optional<std::string> stored;
  if (found.ok() && found.value()) {
    if (!find_.ColumnIsNull(2)) {
      stored = std::string(find_.ColumnText(2));
    } else {
      auto begin = static_cast<size_t>(find_.ColumnInt(0));
      auto end = static_cast<size_t>(find_.ColumnInt(1));
      stored = begin <= end && end <= text.size() ? std::string(text.substr(begin, end - begin))
                                                  : std::string();
    }
  }
  find_.Reset();
  if (!found.ok()) return found.status();
  return stored;
}

Result<bool> SentenceCuts::WholeTextRelied(int64_t rowid) {
  if (!prepared_lookups_) {  // here, not in Create(): these tables come with schema 8
    Result<Statement> analysed =
        // Marks of earlier batches (this batch's are written after its results).
        db_->Prepare("SELECT 1 FROM analysed_ranges WHERE first <= ?1 AND last >= ?1 LIMIT 1");
    if (!analysed.ok()) return analysed.status();
    Result<Statement> sentence0 =
        db_->Prepare("SELECT 1 FROM results WHERE record = ?1 AND sentence = 0 LIMIT 1");
    if (!sentence0.ok()) return sentence0.status();
    analysed_ = std::move(analysed).value();
    sentence0_ = std::move(sentence0).value();
    prepared_lookups_ = true;
  }
  auto exists = [rowid](Statement& st) -> Result<bool> {
    st.BindInt(1, rowid);
    Result<bool> row = st.Step();
    st.Reset();
    return row;
  };
  Result<bool> analysed = exists(analysed_);
  if (!analysed.ok() || !analysed.value()) return analysed;
  return exists(sentence0_);
}

Status SentenceCuts::Insert(int64_t rowid, int32_t sentence,
                            std::optional<std::pair<size_t, size_t>> at, std::string_view own_text) {
  insert_.BindInt(1, rowid);
  insert_.BindInt(2, sentence);
  if (at) {
    insert_.BindInt(3, static_cast<int64_t>(at->first));
    insert_.BindInt(4, static_cast<int64_t>(at->second));
    insert_.BindNull(5);
  } else {
    insert_.BindNull(3);
    insert_.BindNull(4);
    insert_.BindTextNoCopy(5, own_text);
  }
  return insert_.Run();
}

Result<bool> SentenceCuts::Write(int64_t rowid, std::string_view text, int32_t sentence,
                                 std::string_view sentence_text) {
  auto key = std::make_pair(rowid, sentence);
  if (auto seen = seen_.find(key); seen != seen_.end()) return seen->second != sentence_text;
  // Sentences come in order: look from the end of the previous one, then
  // from the start (a plugin may revisit one). A sentence that is not a
  // slice of the stored text (a plugin that rewrote it) keeps its text.
  size_t& from = cursor_[rowid];
  size_t at = sentence_text.empty() ? std::string_view::npos : text.find(sentence_text, from);
  if (at == std::string_view::npos && from > 0) at = text.find(sentence_text);
  std::optional<std::pair<size_t, size_t>> place;
  if (at != std::string_view::npos) {
    place.emplace(at, at + sentence_text.size());
    from = place->second;
  }
  const bool whole = sentence == 0 && place && place->first == 0 && place->second == text.size();
  if (whole) {
    // Not stored: no row means the whole text. An earlier run may have
    // stored another cut, which then stands.
    Result<std::optional<std::string>> stored = Stored(rowid, text, sentence);
    if (!stored.ok()) return stored.status();
    seen_.emplace(key, stored->value_or(std::string(text)));
    return stored->has_value() && **stored != sentence_text;
  }
  if (sentence == 0) {
    // Results of an earlier run may read this unit's sentence 0 as the
    // whole text: write that down before a shorter cut takes the key.
    Result<bool> relied = WholeTextRelied(rowid);
    if (!relied.ok()) return relied.status();
    if (relied.value()) {
      CXMAP_RETURN_IF_ERROR(Insert(rowid, 0, std::make_pair(size_t{0}, text.size()), {}));
    }
  }
  CXMAP_RETURN_IF_ERROR(Insert(rowid, sentence, place, sentence_text));
  if (db_->Changes() == 1) {
    seen_.emplace(key, std::string(sentence_text));
    return false;
  }
  // Stored by an earlier run of another plugin (a later `analyze`): compare
  // with what is stored there.
  Result<std::optional<std::string>> stored = Stored(rowid, text, sentence);
  if (!stored.ok()) return stored.status();
  std::string now = stored->value_or(std::string(sentence_text));
  const bool differs = now != sentence_text;
  seen_.emplace(key, std::move(now));
  return differs;
}

}  // namespace cxmap::core

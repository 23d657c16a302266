// SPDX-License-Identifier: Apache-2.0
// Writes analysis results in the compact layout of schema 4: a field
// dictionary, sentences once per record as byte offsets into its text,
// evidence lists interned, and one small row per value. The `results` view
// shows them in the old one-row-per-value shape for readers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/model/batch.h"
#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

class ResultWriter {
  /// Looks strings up by string_view without building a std::string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using TextCache = std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>>;

 public:
  /// Prepares its statements on `db`, which must outlive the writer.
  static Result<std::unique_ptr<ResultWriter>> Create(SqliteDb& db);

  /// Writes `row` for the stored record `rowid` whose text is `text`,
  /// inside the caller's transaction.
  Status Write(int64_t rowid, std::string_view text, const ResultRow& row);

  /// Starts a batch: forgets which sentences and value ordinals it wrote.
  void BeginBatch();
  /// After a rollback: ids handed out inside it are gone, forget them.
  void Forget();

 private:
  explicit ResultWriter(SqliteDb& db) : db_(db) {}
  Result<int64_t> FieldId(const ResultRow& row);
  /// The id of `text` in a dictionary table (evidence or result_texts),
  /// inserting it when new; `cache` remembers recent ones.
  Result<int64_t> Intern(std::string_view text, Statement& insert, Statement& find,
                         TextCache& cache);
  /// Stores the row's sentence once per record; true when the stored one
  /// is not the row's (then the row keeps its own text).
  Result<bool> WriteSentence(int64_t rowid, std::string_view text, const ResultRow& row);

  SqliteDb& db_;
  Statement find_field_, insert_field_, find_evidence_, insert_evidence_;
  Statement find_text_, insert_text_, insert_sentence_, find_sentence_, insert_value_;
  // (plugin, field, value type) -> result_fields.id
  // Transparent, so the hot path looks up by views without copying names.
  std::map<std::tuple<std::string, std::string, std::string_view>, int64_t, std::less<>> fields_;
  TextCache evidence_, texts_;  // bounded caches
  // Per batch: the sentences stored (record, sentence -> where the next
  // search starts) and the ordinal of repeated (record, field, sentence).
  // (record, sentence) -> its stored text, to tell a plugin's different cut
  std::map<std::pair<int64_t, int32_t>, std::string> sentences_;
  std::map<std::tuple<int64_t, int64_t, int32_t>, int64_t> ordinals_;
  std::unordered_map<int64_t, size_t> cursor_;  // record -> byte after its last sentence
  std::string evidence_json_;
};

}  // namespace cxmap::core

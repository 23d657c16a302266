// SPDX-License-Identifier: Apache-2.0
// A table of distinct texts (id, text): result_texts, result_lists, labels
// and attribute_sets. A text is found through an in-memory map from a
// 64-bit hash of each stored text to its id, read from the table on first
// use, rather than through an index on disk: since schema 9 the file keeps
// no hash at all (an 8-byte hash and its index cost 1.7 MB per 100k bench
// rows, more than the texts they found). A small cache of texts in front
// keeps the common ones away from SQLite.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

class TextDictionary {
 public:
  TextDictionary() = default;
  /// Prepares the lookups on `db` (which must outlive this object) for
  /// `table` with columns (id, `column`), and (id, hash, `column`) before
  /// schema 9, when the hash is written too. Both names come from this
  /// layer, never from data.
  static Result<TextDictionary> Open(SqliteDb& db, std::string_view table, std::string_view column);

  /// The id of `text`, inserting it when new, inside the caller's
  /// transaction. Texts another connection added since are read first, so
  /// two writers share entries.
  Result<int64_t> Intern(std::string_view text);
  /// After a rollback: ids handed out inside it are gone, so forget every
  /// id (the map is read again on next use).
  void Forget();

 private:
  /// Looks strings up by string_view without building a std::string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  /// Adds the rows with an id above `loaded_` to `ids_`.
  Status CatchUp();
  /// The id of `text` among the stored rows with `hash`, or 0.
  Result<int64_t> FindStored(int64_t hash, std::string_view text);

  SqliteDb* db_ = nullptr;
  bool writes_hash_ = false;  // a table from before schema 9
  Statement newer_, read_, insert_;
  int64_t loaded_ = 0;  // highest id in ids_
  std::unordered_multimap<int64_t, int64_t> ids_;  // hash -> id, every stored row
  std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>> cache_;  // bounded
};

}  // namespace cxmap::core

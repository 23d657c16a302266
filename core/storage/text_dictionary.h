// SPDX-License-Identifier: Apache-2.0
// A table of distinct texts (id, hash, text) found by a 64-bit hash of the
// text rather than a unique index, which would hold every text twice:
// result_texts, result_lists and attribute_sets. A small cache in front
// keeps the common texts away from SQLite.
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
  /// `table` with columns (id, hash, `column`). Both names come from this
  /// layer, never from data.
  static Result<TextDictionary> Open(SqliteDb& db, std::string_view table, std::string_view column);

  /// The id of `text`, inserting it when new, inside the caller's
  /// transaction.
  Result<int64_t> Intern(std::string_view text);
  /// After a rollback: ids handed out inside it are gone.
  void Forget() { cache_.clear(); }

 private:
  /// Looks strings up by string_view without building a std::string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  SqliteDb* db_ = nullptr;
  Statement find_, insert_;
  std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>> cache_;  // bounded
};

}  // namespace cxmap::core

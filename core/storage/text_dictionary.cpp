// SPDX-License-Identifier: Apache-2.0
#include "core/storage/text_dictionary.h"

#include <fmt/format.h>

#include "core/storage/result_tables.h"

namespace cxmap::core {

namespace {

// Beyond this many distinct entries the cache starts over: the dictionary
// itself is unbounded, the memory is not.
constexpr size_t kCacheEntries = 1 << 16;

}  // namespace

Result<TextDictionary> TextDictionary::Open(SqliteDb& db, std::string_view table,
                                            std::string_view column) {
  TextDictionary d;
  d.db_ = &db;
  Result<Statement> find =
      db.Prepare(fmt::format("SELECT id, {} FROM {} WHERE hash = ?1", column, table));
  if (!find.ok()) return find.status();
  Result<Statement> insert =
      db.Prepare(fmt::format("INSERT INTO {} (hash, {}) VALUES (?1, ?2)", table, column));
  if (!insert.ok()) return insert.status();
  d.find_ = std::move(find).value();
  d.insert_ = std::move(insert).value();
  return d;
}

Result<int64_t> TextDictionary::Intern(std::string_view text) {
  auto it = cache_.find(text);
  if (it != cache_.end()) return it->second;
  const int64_t hash = DictionaryHash(text);
  int64_t id = 0;
  find_.BindInt(1, hash);
  for (;;) {
    Result<bool> row = find_.Step();
    if (!row.ok()) {
      find_.Reset();
      return row.status();
    }
    if (!row.value()) break;
    if (find_.ColumnText(1) == text) {  // a hash collision reads on
      id = find_.ColumnInt(0);
      break;
    }
  }
  find_.Reset();
  if (id == 0) {
    insert_.BindInt(1, hash);
    insert_.BindTextNoCopy(2, text);
    CXMAP_RETURN_IF_ERROR(insert_.Run());
    id = db_->LastInsertRowid();
  }
  if (cache_.size() >= kCacheEntries) cache_.clear();
  cache_.emplace(std::string(text), id);
  return id;
}

}  // namespace cxmap::core

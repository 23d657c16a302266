// SPDX-License-Identifier: Apache-2.0
#include "core/storage/text_dictionary.h"

#include <fmt/format.h>

#include "core/storage/result_tables.h"

namespace cxmap::core {

namespace {

// Beyond this many distinct entries the text cache starts over: the
// dictionary itself is unbounded, the memory is not.
constexpr size_t kCacheEntries = 1 << 16;

}  // namespace

Result<TextDictionary> TextDictionary::Open(SqliteDb& db, std::string_view table,
                                            std::string_view column) {
  TextDictionary d;
  d.db_ = &db;
  Result<int64_t> has_hash = db.QueryInt(
      fmt::format("SELECT count(*) FROM pragma_table_info('{}') WHERE name = 'hash'", table).c_str(),
      "reading a dictionary's columns");
  if (!has_hash.ok()) return has_hash.status();
  d.writes_hash_ = has_hash.value() > 0;
  Result<Statement> newer =
      db.Prepare(fmt::format("SELECT id, {} FROM {} WHERE id > ?1 ORDER BY id", column, table));
  if (!newer.ok()) return newer.status();
  Result<Statement> read = db.Prepare(fmt::format("SELECT {} FROM {} WHERE id = ?1", column, table));
  if (!read.ok()) return read.status();
  Result<Statement> insert =
      db.Prepare(d.writes_hash_ ? fmt::format("INSERT INTO {} (hash, {}) VALUES (?1, ?2)", table, column)
                                : fmt::format("INSERT INTO {} ({}) VALUES (?2)", table, column));
  if (!insert.ok()) return insert.status();
  d.newer_ = std::move(newer).value();
  d.read_ = std::move(read).value();
  d.insert_ = std::move(insert).value();
  return d;
}

void TextDictionary::Forget() {
  cache_.clear();
  ids_.clear();
  loaded_ = 0;
}

Status TextDictionary::CatchUp() {
  newer_.BindInt(1, loaded_);
  for (;;) {
    Result<bool> row = newer_.Step();
    if (!row.ok()) {
      newer_.Reset();
      return row.status();
    }
    if (!row.value()) break;
    loaded_ = newer_.ColumnInt(0);
    ids_.emplace(DictionaryHash(newer_.ColumnText(1)), loaded_);
  }
  newer_.Reset();
  return Status::Ok();
}

Result<int64_t> TextDictionary::FindStored(int64_t hash, std::string_view text) {
  auto [first, last] = ids_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    read_.BindInt(1, it->second);
    Result<bool> row = read_.Step();
    // A hash collision reads on.
    const bool same = row.ok() && row.value() && read_.ColumnText(0) == text;
    read_.Reset();
    if (!row.ok()) return row.status();
    if (same) return it->second;
  }
  return int64_t{0};
}

Result<int64_t> TextDictionary::Intern(std::string_view text) {
  auto it = cache_.find(text);
  if (it != cache_.end()) return it->second;
  CXMAP_RETURN_IF_ERROR(CatchUp());
  const int64_t hash = DictionaryHash(text);
  Result<int64_t> found = FindStored(hash, text);
  if (!found.ok()) return found.status();
  int64_t id = found.value();
  if (id == 0) {
    insert_.BindInt(1, hash);
    insert_.BindTextNoCopy(2, text);
    CXMAP_RETURN_IF_ERROR(insert_.Run());
    id = db_->LastInsertRowid();
    // Only when nothing newer is unread: CatchUp() above read up to here.
    if (id == loaded_ + 1) loaded_ = id;
    ids_.emplace(hash, id);
  }
  if (cache_.size() >= kCacheEntries) cache_.clear();
  cache_.emplace(std::string(text), id);
  return id;
}

}  // namespace cxmap::core

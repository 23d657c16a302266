// SPDX-License-Identifier: Apache-2.0
// SqliteStore's reads of what is not analysed yet (`analyze`, the catch-up
// in `run`, `status`) and of texts longer than the analysis limit.
#include <fmt/format.h>

#include <algorithm>

#include "core/storage/record_codec.h"
#include "core/storage/result_tables.h"
#include "core/storage/sqlite_store.h"

namespace cxmap::core {

namespace {

// The plugins, each once, and the sum of their "analysed" marks of record
// r (a unit is marked by its row (-1, 0) in each plugin's table; the tables
// are named by id, so the expression is made here for these plugins).
Result<std::pair<std::vector<std::string>, std::string>> AnalysedMarks(
    SqliteDb& db, const std::vector<std::string>& plugins) {
  std::vector<std::string> unique = plugins;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::string marked;
  Result<ResultTables> tables = ResultTables::Load(db);
  if (!tables.ok()) return tables.status();
  for (const std::string& plugin : unique) marked += tables->AnalysedSql(plugin, "r.rowid") + " + ";
  return std::pair{std::move(unique), marked + "0"};
}

}  // namespace

Result<uint64_t> SqliteStore::CountUnanalysed(const std::vector<std::string>& plugins) {
  if (plugins.empty()) return uint64_t{0};
  auto marks = AnalysedMarks(*db_, plugins);
  if (!marks.ok()) return marks.status();
  Result<Statement> stmt = db_->Prepare(
      fmt::format("SELECT count(*) FROM records AS r WHERE ({}) < ?1", marks->second));
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, static_cast<int64_t>(marks->first.size()));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return static_cast<uint64_t>(stmt->ColumnInt(0));
}

Result<uint64_t> SqliteStore::CountLongTexts(size_t bytes) {
  Result<Statement> stmt =
      db_->Prepare("SELECT count(*) FROM records WHERE length(CAST(text AS BLOB)) > ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, static_cast<int64_t>(bytes));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return static_cast<uint64_t>(stmt->ColumnInt(0));
}

Status SqliteStore::ScanUnanalysed(const std::vector<std::string>& plugins, size_t batch_size,
                                   const std::function<Status(Batch&)>& fn) {
  if (batch_size == 0) return Status::InvalidArgument("ScanUnanalysed: batch_size is 0");
  if (plugins.empty()) return Status::Ok();
  auto marks = AnalysedMarks(*db_, plugins);
  if (!marks.ok()) return marks.status();
  const std::vector<std::string>& unique = marks->first;
  const std::string& marked = marks->second;
  Result<Statement> prepared = db_->Prepare(
      fmt::format("SELECT rowid, {} FROM records AS r WHERE r.rowid > ?1 AND ({}) < ?3"
                  " ORDER BY r.rowid LIMIT ?4",
                  kRecordColumns, marked));
  if (!prepared.ok()) return prepared.status();
  Statement& scan = prepared.value();
  int64_t last_rowid = 0;
  for (uint64_t sequence = 0;; ++sequence) {
    Batch batch;
    batch.sequence = sequence;
    batch.plugins = unique;
    // The page is read completely and the statement reset before `fn` runs,
    // so `fn` may write to this store (keyset paging by rowid).
    scan.BindInt(1, last_rowid);
    scan.BindInt(3, static_cast<int64_t>(unique.size()));
    scan.BindInt(4, static_cast<int64_t>(batch_size));
    Status s;
    for (;;) {
      Result<bool> row = scan.Step();
      if (!row.ok()) s = row.status();
      if (!row.ok() || !row.value()) break;
      FeedbackRecord& rec = batch.records.emplace_back();
      s = ReadRecord(scan, 0, &rec);
      if (!s.ok()) break;
    }
    scan.Reset();
    CXMAP_RETURN_IF_ERROR(s);
    if (batch.records.empty()) return Status::Ok();
    last_rowid = batch.records.back().rowid;
    const bool last_page = batch.records.size() < batch_size;
    CXMAP_RETURN_IF_ERROR(fn(batch));
    if (last_page) return Status::Ok();
  }
}

}  // namespace cxmap::core

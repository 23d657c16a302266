// SPDX-License-Identifier: Apache-2.0
// SnapshotProbe: whether a kept copy still holds what the server's
// snapshot sees, or all of it but imports made since (pg_snapshot.h). Apart
// from the copy itself, which is pg_snapshot.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/pg_snapshot.h"

namespace cxmap::core {

namespace {
// The tables a snapshot copies, in the order a mark lists their counts.
constexpr std::array<const char*, 9> kCopiedTables{
    "meta", "imports", "field_roles", "response_rows", "answers",
    "units", "analysis", "rejected", "skipped"};
// Per copied table, whether its row `t` belongs to an import up to $4
// (the row's own import, its response's or its unit's). A row of meta or
// field_roles belongs to every import: a copy is never appended to past a
// change there.
constexpr std::array<const char*, 9> kOfImportsUpTo{
    "true",
    "t.id <= $4",
    "true",
    "t.import_id <= $4",
    "(SELECT r.import_id FROM response_rows r WHERE r.rowid = t.response) <= $4",
    "t.import_id <= $4",
    "(SELECT u.import_id FROM units u WHERE u.rowid = t.unit) <= $4",
    "t.import_id <= $4",
    "t.import_id <= $4"};
// A row (its xmin as `x`) written since the snapshot whose xmin is $1:
// at or after it (modulo 2^32; ids 0-2 are special) and not one of the
// transactions $2 the mark saw end.
constexpr const char* kNewer =
    "x >= 3 AND (x - $1 + 4294967296) % 4294967296 < 2147483648"
    " AND x <> ALL($2::text[]::bigint[])";
constexpr const char* kMarkVersion = "m3";

constexpr int64_t kXidSpace = int64_t{1} << 32;
// Past this many transactions since a mark, a row's 32-bit xmin could
// be mistaken for an older one: the mark is not trusted any more.
constexpr int64_t kMarkHorizon = int64_t{1} << 30;
// Transactions a mark lists as ended though younger than its oldest
// running one; a mark that would list more is never reused.
constexpr size_t kMaxSeen = 10000;

// xmin and xmax of a txid_current_snapshot() text, "XMIN:XMAX:XIP,…".
bool ParseTxidSnapshot(std::string_view text, int64_t* xmin, int64_t* xmax) {
  const size_t a = text.find(':'), b = text.find(':', a + 1);
  return a != std::string_view::npos && b != std::string_view::npos &&
         std::from_chars(text.data(), text.data() + a, *xmin).ec == std::errc() &&
         std::from_chars(text.data() + a + 1, text.data() + b, *xmax).ec == std::errc() &&
         *xmin <= *xmax;
}

std::vector<std::string_view> SplitOn(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  for (size_t at = 0; at <= text.size();) {
    const size_t end = std::min(text.find(sep, at), text.size());
    parts.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

}  // namespace

// Transaction ids as the 32 bits a row's xmin holds (they wrap; ids 0-2
// are special). A row written by a transaction that had not ended at a
// snapshot has an xmin at or after the snapshot's xmin: the oldest running
// transaction, or xmax when none ran. The test is from xmin, not xmax nor
// the list of running ones, because that list names top-level
// transactions only, and a subtransaction's id is larger than its
// parent's. Rows of transactions that ended between xmin and xmax are
// visible to the snapshot: the mark lists their ids (`seen`) so that they
// do not count as new. Rows frozen over 2^31 transactions before a mark
// look new to it: a copy more each time, never a stale one.
Status SnapshotProbe::Scan(int64_t xmin, const std::vector<std::string>& seen, int64_t window,
                           std::vector<TableScan>* tables, std::vector<std::string>* found) {
  std::string sql;
  for (size_t i = 0; i < kCopiedTables.size(); ++i) {
    sql += fmt::format(
        "{}SELECT {}, count(*), count(*) FILTER (WHERE {}),"
        " array_to_string(array_agg(DISTINCT x) FILTER (WHERE x >= 3 AND"
        "  (x - $1 + 4294967296) % 4294967296 < $3), ',')"
        " FROM (SELECT xmin::text::bigint AS x FROM {}) t",
        i == 0 ? "" : " UNION ALL ", i, kNewer, kCopiedTables[i]);
  }
  Result<PgRows> rows =
      db_.Query(sql + " ORDER BY 1", PgParams().Int(xmin % kXidSpace).TextArray(seen).Int(window),
                "comparing the snapshot with the kept copy");
  if (!rows.ok()) return rows.status();
  tables->clear();
  for (int i = 0; i < rows->rows(); ++i) {
    tables->push_back({rows->Int(i, 1), rows->Int(i, 2)});
    if (found != nullptr && !rows->IsNull(i, 3)) {
      for (std::string_view id : SplitOn(rows->Text(i, 3), ',')) {
        if (!id.empty()) found->emplace_back(id);
      }
    }
  }
  return Status::Ok();
}

Result<int64_t> SnapshotProbe::NewerOfImportsUpTo(int64_t xmin, const std::vector<std::string>& seen,
                                                  int64_t last_import) {
  // The server tests the cheap xmin condition first and asks whose import
  // a row is (a lookup for answers and analysis) only of newer rows: it
  // orders a scan's conditions by their cost.
  std::string sql = "SELECT 0";
  for (size_t i = 0; i < kCopiedTables.size(); ++i) {
    sql += fmt::format(" + (SELECT count(*) FROM (SELECT t.*, xmin::text::bigint AS x FROM {} t) t"
                       " WHERE {} AND {})",
                       kCopiedTables[i], kNewer, kOfImportsUpTo[i]);
  }
  return db_.QueryInt(sql,
                      PgParams().Int(xmin % kXidSpace).TextArray(seen).Int(0).Int(last_import),
                      "comparing the snapshot with the kept copy");
}

Result<std::string> SnapshotProbe::Mark() {
  int64_t xmin = 0, xmax = 0;
  if (!ParseTxidSnapshot(snapshot_, &xmin, &xmax)) {
    return Status::Corruption("the server's snapshot is not XMIN:XMAX:XIP: " + snapshot_);
  }
  Result<int64_t> last_import =
      db_.QueryInt("SELECT coalesce(max(id), 0) FROM imports", PgParams(), "marking the snapshot");
  if (!last_import.ok()) return last_import.status();
  std::vector<TableScan> tables;
  std::vector<std::string> seen;
  CXMAP_RETURN_IF_ERROR(Scan(xmin, {}, xmax - xmin, &tables, &seen));
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  if (seen.size() > kMaxSeen) return std::string("never");
  // "VERSION XMIN XMAX SEEN LAST_IMPORT COUNT…"; SEEN is "-" or ids
  // joined by ','.
  std::string list;
  for (const std::string& id : seen) list += (list.empty() ? "" : ",") + id;
  std::string mark = fmt::format("{} {} {} {} {}", kMarkVersion, xmin, xmax,
                                 list.empty() ? "-" : list, *last_import);
  for (const TableScan& t : tables) mark += fmt::format(" {}", t.rows);
  return mark;
}

Result<SnapshotRelation> SnapshotProbe::CompareWith(std::string_view mark) {
  const SnapshotRelation other;
  const std::vector<std::string_view> parts = SplitOn(mark, ' ');
  if (parts.size() != 5 + kCopiedTables.size() || parts[0] != kMarkVersion) return other;
  int64_t then_xmin = 0, then_xmax = 0, now_xmin = 0, now_xmax = 0, last_import = 0;
  auto number = [](std::string_view text, int64_t* out) {
    return std::from_chars(text.data(), text.data() + text.size(), *out).ec == std::errc();
  };
  if (!number(parts[1], &then_xmin) || !number(parts[2], &then_xmax) ||
      !number(parts[4], &last_import) || !ParseTxidSnapshot(snapshot_, &now_xmin, &now_xmax) ||
      now_xmax < then_xmax || now_xmax - then_xmin >= kMarkHorizon) {
    return other;
  }
  std::vector<std::string> seen;
  if (parts[3] != "-") {
    for (std::string_view id : SplitOn(parts[3], ',')) {
      int64_t n = 0;
      if (!number(id, &n)) return other;
      seen.push_back(std::to_string(n));
    }
  }
  std::vector<int64_t> then;
  for (size_t i = 5; i < parts.size(); ++i) {
    int64_t n = 0;
    if (!number(parts[i], &n)) return other;
    then.push_back(n);
  }
  std::vector<TableScan> now;
  CXMAP_RETURN_IF_ERROR(Scan(then_xmin, seen, 0, &now, nullptr));
  if (now.size() != then.size()) return other;
  bool same = true, kept = last_import > 0;
  for (size_t i = 0; i < now.size(); ++i) {
    same = same && now[i].newer == 0 && now[i].rows == then[i];
    // The rows older than the mark are all there: an UPDATE or DELETE
    // leaves one fewer (an updated row's new version is newer).
    kept = kept && now[i].rows - now[i].newer == then[i];
  }
  if (same) return SnapshotRelation{SnapshotRelation::Kind::kSame, 0};
  if (!kept) return other;
  // And no newer row is of an import the copy already holds.
  Result<int64_t> late = NewerOfImportsUpTo(then_xmin, seen, last_import);
  if (!late.ok()) return late.status();
  if (*late != 0) return other;
  return SnapshotRelation{SnapshotRelation::Kind::kAppended, last_import};
}

Result<bool> SnapshotProbe::SameAs(std::string_view mark) {
  Result<SnapshotRelation> relation = CompareWith(mark);
  if (!relation.ok()) return relation.status();
  return relation->kind == SnapshotRelation::Kind::kSame;
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// PgStore's reads: unanalysed units, counts, rejects, field roles and the
// quarantine list.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/storage/pg_store.h"
#include "core/storage/record_codec.h"

namespace cxmap::core {

namespace {

// A unit some plugin of $2 has not marked analysed.
constexpr const char* kUnanalysed =
    "EXISTS (SELECT 1 FROM unnest($2::text[]) AS p(name) WHERE NOT EXISTS"
    " (SELECT 1 FROM analysis a WHERE a.plugin = p.name AND a.unit = r.rowid))";

Status ReadPgRecord(const PgRows& rows, int row, FeedbackRecord* record) {
  Record& r = record->rec;
  int i = 0;
  record->rowid = rows.Int(row, i++);
  record->id = rows.Text(row, i++);
  record->source = rows.Text(row, i++);
  i++;  // import_id: not part of the in-memory record
  r.external_id = rows.Text(row, i++);
  r.channel = ParseChannel(rows.Text(row, i++)).value_or(Channel::kOther);
  r.sub_channel = rows.Text(row, i++);
  r.time_unix_ms = rows.OptInt(row, i++);
  r.language = rows.Text(row, i++);
  r.text = rows.Text(row, i++);
  r.respondent = rows.Text(row, i++);
  r.segment = rows.Text(row, i++);
  r.nps = rows.OptDouble(row, i++);
  r.csat = rows.OptDouble(row, i++);
  r.ces = rows.OptDouble(row, i++);
  r.rating = rows.OptDouble(row, i++);
  CXMAP_RETURN_IF_ERROR(AttributesFromJson(rows.Text(row, i++), &r.attributes));
  r.file = rows.Text(row, i++);
  r.line = static_cast<uint64_t>(rows.Int(row, i++));
  r.record_number = static_cast<uint64_t>(rows.Int(row, i++));
  record->response_rowid = rows.OptInt(row, i++).value_or(0);
  r.speaker_role = ParseSpeakerRole(rows.Text(row, i++)).value_or(SpeakerRole::kCustomer);
  return Status::Ok();
}

std::vector<std::string> Deduplicated(std::vector<std::string> plugins) {
  std::sort(plugins.begin(), plugins.end());
  plugins.erase(std::unique(plugins.begin(), plugins.end()), plugins.end());
  return plugins;
}

}  // namespace

Status PgStore::ScanUnanalysed(const std::vector<std::string>& plugins, size_t batch_size,
                               const std::function<Status(Batch&)>& fn) {
  const std::vector<std::string> names = Deduplicated(plugins);
  if (names.empty() || batch_size == 0) return Status::Ok();
  const std::string sql = fmt::format(
      "SELECT r.rowid, {} FROM records r WHERE r.rowid > $1 AND {} ORDER BY r.rowid LIMIT $3",
      kRecordColumns, kUnanalysed);
  // Keyset paging: each page is its own query, so `fn` may write the
  // batch back (WriteBatch) on this connection before the next page.
  int64_t after = 0;
  for (;;) {
    Result<PgRows> rows = db_->Query(
        sql, PgParams().Int(after).TextArray(names).Int(static_cast<int64_t>(batch_size)),
        "reading unanalysed units");
    if (!rows.ok()) return rows.status();
    if (rows->rows() == 0) return Status::Ok();
    Batch batch;
    batch.plugins = names;
    batch.records.resize(static_cast<size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) {
      CXMAP_RETURN_IF_ERROR(ReadPgRecord(*rows, i, &batch.records[static_cast<size_t>(i)]));
    }
    after = batch.records.back().rowid;
    CXMAP_RETURN_IF_ERROR(fn(batch));
  }
}

Result<uint64_t> PgStore::CountUnanalysed(const std::vector<std::string>& plugins) {
  const std::vector<std::string> names = Deduplicated(plugins);
  if (names.empty()) return uint64_t{0};
  Result<int64_t> n = db_->QueryInt(
      fmt::format("SELECT count(*) FROM units r WHERE r.rowid > $1 AND {}", kUnanalysed),
      PgParams().Int(0).TextArray(names), "counting unanalysed units");
  if (!n.ok()) return n.status();
  return static_cast<uint64_t>(*n);
}

Result<uint64_t> PgStore::CountLongTexts(size_t bytes) {
  Result<int64_t> n =
      db_->QueryInt("SELECT count(*) FROM units WHERE octet_length(text) > $1",
                    PgParams().Int(static_cast<int64_t>(bytes)), "counting long texts");
  if (!n.ok()) return n.status();
  return static_cast<uint64_t>(*n);
}

Status PgStore::DeclareFieldRoles(const std::string& plugin,
                                  const std::vector<std::pair<std::string, std::string>>& roles) {
  if (!writable_) return Status::Ok();  // a read command reads the roles stored
  std::vector<std::pair<std::string, std::string>> wanted = roles;
  std::sort(wanted.begin(), wanted.end());
  Result<PgRows> stored =
      db_->Query("SELECT field, role FROM field_roles WHERE plugin = $1 ORDER BY field, role",
                 PgParams().Text(plugin), "reading field roles");
  if (!stored.ok()) return stored.status();
  std::vector<std::pair<std::string, std::string>> have;
  for (int i = 0; i < stored->rows(); ++i) {
    have.emplace_back(stored->Text(i, 0), stored->Text(i, 1));
  }
  if (have == wanted) return Status::Ok();  // the usual case: write nothing
  PgTransaction txn(db_.get());
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  CXMAP_RETURN_IF_ERROR(db_->Query("DELETE FROM field_roles WHERE plugin = $1",
                                   PgParams().Text(plugin), "replacing field roles")
                            .status());
  for (const auto& [field, role] : wanted) {
    CXMAP_RETURN_IF_ERROR(
        db_->Query("INSERT INTO field_roles (plugin, field, role) VALUES ($1, $2, $3)"
                   " ON CONFLICT (plugin, field) DO UPDATE SET role = excluded.role",
                   PgParams().Text(plugin).Text(field).Text(role), "declaring a field role")
            .status());
  }
  return txn.Commit();
}

Status PgStore::Compact() { return db_->Exec("ANALYZE", "refreshing statistics"); }

Result<std::map<std::string, uint64_t>> PgStore::GroupCounts(const char* sql) {
  Result<PgRows> rows = db_->Query(sql, "counting");
  if (!rows.ok()) return rows.status();
  std::map<std::string, uint64_t> counts;
  for (int i = 0; i < rows->rows(); ++i) {
    counts[std::string(rows->Text(i, 0))] = static_cast<uint64_t>(rows->Int(i, 1));
  }
  return counts;
}

Result<StoreCounts> PgStore::Counts() {
  StoreCounts c;
  // One snapshot, so the numbers agree with each other while workers write.
  PgTransaction txn(db_.get());
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  CXMAP_RETURN_IF_ERROR(db_->Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                  "starting a snapshot"));
  Result<PgRows> totals = db_->Query(
      "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM response_rows),"
      " (SELECT count(DISTINCT response) FROM units), (SELECT count(*) FROM units),"
      " (SELECT count(*) FROM answers), (SELECT count(*) FROM rejected),"
      " (SELECT count(*) FROM skipped)",
      "counting");
  if (!totals.ok()) return totals.status();
  uint64_t* out[] = {&c.imports,  &c.responses, &c.responses_with_text, &c.records, &c.answers,
                     &c.rejected, &c.skipped};
  for (int i = 0; i < 7; ++i) *out[i] = static_cast<uint64_t>(totals->Int(0, i));
  const std::pair<std::map<std::string, uint64_t>*, const char*> groups[] = {
      {&c.results_by_plugin,
       "SELECT plugin, sum(value_count) FROM analysis GROUP BY plugin HAVING sum(value_count) > 0"},
      {&c.records_by_language, "SELECT language, count(*) FROM units GROUP BY language"},
      {&c.records_by_channel, "SELECT channel, count(*) FROM records GROUP BY channel"},
      {&c.responses_by_channel, "SELECT channel, count(*) FROM response_rows GROUP BY channel"},
      {&c.skipped_by_reason, "SELECT reason, count(*) FROM skipped GROUP BY reason"},
  };
  for (const auto& [map, sql] : groups) {
    Result<std::map<std::string, uint64_t>> g = GroupCounts(sql);
    if (!g.ok()) return g.status();
    *map = std::move(g).value();
  }
  for (const auto& [plugin, n] : c.results_by_plugin) c.results += n;
  CXMAP_RETURN_IF_ERROR(txn.Commit());
  return c;
}

Result<std::vector<RejectRow>> PgStore::Rejects(size_t limit) {
  Result<PgRows> rows = db_->Query(
      "SELECT file, line, reason, excerpt FROM rejected ORDER BY file, line, id LIMIT $1",
      PgParams().OptInt(limit == 0 ? std::nullopt : std::optional<int64_t>(limit)),
      "reading rejects");
  if (!rows.ok()) return rows.status();
  std::vector<RejectRow> out;
  for (int i = 0; i < rows->rows(); ++i) {
    out.push_back({std::string(rows->Text(i, 0)), static_cast<uint64_t>(rows->Int(i, 1)),
                   std::string(rows->Text(i, 2)), std::string(rows->Text(i, 3))});
  }
  return out;
}

Status PgStore::QuarantinePlugin(const QuarantinedPlugin& q) {
  return db_
      ->Query(
          "INSERT INTO plugin_quarantine (plugin, module, module_size, module_mtime, reason,"
          " since) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (plugin) DO UPDATE SET"
          " module = excluded.module, module_size = excluded.module_size,"
          " module_mtime = excluded.module_mtime, reason = excluded.reason,"
          " since = excluded.since",
          PgParams()
              .Text(q.plugin)
              .Text(q.module)
              .Int(q.module_size)
              .Int(q.module_mtime)
              .Text(q.reason)
              .Text(q.since),
          "quarantining a plugin")
      .status();
}

Result<std::vector<QuarantinedPlugin>> PgStore::QuarantinedPlugins() {
  Result<PgRows> rows = db_->Query(
      "SELECT plugin, module, module_size, module_mtime, reason, since FROM plugin_quarantine"
      " ORDER BY plugin",
      "reading the quarantine list");
  if (!rows.ok()) return rows.status();
  std::vector<QuarantinedPlugin> out;
  for (int i = 0; i < rows->rows(); ++i) {
    out.push_back({std::string(rows->Text(i, 0)), std::string(rows->Text(i, 1)), rows->Int(i, 2),
                   rows->Int(i, 3), std::string(rows->Text(i, 4)), std::string(rows->Text(i, 5))});
  }
  return out;
}

Result<bool> PgStore::ReleasePlugin(const std::string& plugin) {
  Result<PgRows> r = db_->Query("DELETE FROM plugin_quarantine WHERE plugin = $1",
                                PgParams().Text(plugin), "releasing a plugin");
  if (!r.ok()) return r.status();
  return r->changed() > 0;
}

}  // namespace cxmap::core

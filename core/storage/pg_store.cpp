// SPDX-License-Identifier: Apache-2.0
// PgStore's write side: imports and batches.
#include "core/storage/pg_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/storage/pg_result_pack.h"
#include "core/storage/pg_schema.h"
#include "core/storage/record_codec.h"

namespace cxmap::core {

namespace {

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Session-local staging tables: a batch is COPYed here and moved into the
// shared tables by one INSERT … SELECT each. Emptied at every commit. `idx`
// is the row's place in the batch: a heap hands rows back in no promised
// order, and ids must follow the input as they do on SQLite.
constexpr const char* kStagingTables = R"sql(
CREATE TEMP TABLE stage_responses (
  idx integer, key text, source text, import_id bigint, response_id text, channel text, sub_channel text,
  time_ms bigint, language text, respondent text, segment text, nps double precision,
  csat double precision, ces double precision, rating double precision, attributes text,
  file text, line bigint) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE stage_answers (
  idx integer, response bigint, question text, ordinal bigint, question_text text, kind text, value text,
  number double precision, scale_min double precision, scale_max double precision)
  ON COMMIT DELETE ROWS;
CREATE TEMP TABLE stage_units (
  idx integer, id text, response bigint, import_id bigint, speaker integer, text text,
  external_id text, time_ms bigint, language text, respondent text, attributes text, file text,
  line bigint, record_number bigint) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE stage_analysis (unit bigint, plugin text, value_count integer, packed text)
  ON COMMIT DELETE ROWS;
CREATE TEMP TABLE stage_rejects (
  idx integer, import_id bigint, file text, line bigint, reason text, excerpt text) ON COMMIT DELETE ROWS;
)sql";

constexpr const char* kResponseStageColumns =
    "key, source, import_id, response_id, channel, sub_channel, time_ms, language, respondent,"
    " segment, nps, csat, ces, rating, attributes, file, line";
constexpr const char* kUnitStageColumns =
    "idx, id, response, import_id, speaker, text, external_id, time_ms, language,"
    " respondent, attributes, file, line, record_number";
constexpr const char* kAnswerStageColumns =
    "response, question, ordinal, question_text, kind, value, number, scale_min, scale_max";

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const StoreLocation& location, StoreAccess access) {
  Result<std::unique_ptr<PgDb>> db = PgDb::Open(location.target, location.display);
  if (!db.ok()) return db.status();
  const bool write = access == StoreAccess::kWrite;
  CXMAP_RETURN_IF_ERROR(OpenPgSchema(**db, write));
  std::unique_ptr<PgStore> store(new PgStore(std::move(db).value()));
  store->writable_ = write;
  if (write) {
    CXMAP_RETURN_IF_ERROR(store->db_->Exec(kStagingTables, "creating staging tables"));
    // A batch's staged rows are sorted into input order before they are
    // moved (ORDER BY idx). With the server's default of 4 MB, the sort of
    // a batch's packed analysis values (about 5 MB for 2,000 units of the
    // bench corpus) spilled to a temporary file every batch. This session's
    // own setting: the server's and other clients' stay as they are.
    CXMAP_RETURN_IF_ERROR(store->db_->Exec("SET work_mem = '64MB'", "sizing the batch sorts"));
  }
  Result<int64_t> any =
      store->db_->QueryInt("SELECT count(*) FROM (SELECT 1 FROM response_rows LIMIT 1) x",
                           PgParams(), "checking for responses");
  if (!any.ok()) return any.status();
  store->opened_empty_ = *any == 0;
  return store;
}

Result<std::unique_ptr<Store>> OpenPgStore(const StoreLocation& location, StoreAccess access) {
  Result<std::unique_ptr<PgStore>> store = PgStore::Open(location, access);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

Result<ImportHandle> PgStore::BeginImport(const ImportRequest& request) {
  if (request.sha256.empty()) {
    return Status::InvalidArgument("import of " + request.path + " has no sha256");
  }
  // One statement: two processes importing the same content at once get
  // the same row (the loser's INSERT does nothing and its SELECT finds it).
  Result<PgRows> rows = db_->Query(
      "WITH ins AS (INSERT INTO imports (path, sha256, size, source_plugin, format, started_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING RETURNING id)"
      " SELECT id, NULL, 0, 0, true, $4 FROM ins"
      " UNION ALL SELECT id, finished_at, accepted, rejected, false, source_plugin FROM imports"
      " WHERE sha256 = $2 AND NOT EXISTS (SELECT 1 FROM ins)",
      PgParams()
          .Text(request.path)
          .Text(request.sha256)
          .Int(static_cast<int64_t>(request.size))
          .Text(request.source_plugin)
          .Text(request.format)
          .Int(NowUnixMs()),
      "starting an import");
  if (!rows.ok()) return rows.status();
  if (rows->rows() != 1) {
    // Inserted by another process between our INSERT's check and SELECT's
    // snapshot: ask again, it is committed now.
    rows = db_->Query(
        "SELECT id, finished_at, accepted, rejected, false, source_plugin FROM imports"
        " WHERE sha256 = $1",
        PgParams().Text(request.sha256), "finding an import");
    if (!rows.ok()) return rows.status();
    if (rows->rows() != 1)
      return Status::Internal("import of " + request.path + " neither inserted nor found");
  }
  ImportHandle h;
  h.import_id = rows->Int(0, 0);
  if (rows->Int(0, 4) == 0) {
    h.already_complete = !rows->IsNull(0, 1);
    h.resumed = !h.already_complete;
    h.accepted = static_cast<uint64_t>(rows->Int(0, 2));
    h.rejected = static_cast<uint64_t>(rows->Int(0, 3));
    h.source = rows->Text(0, 5);  // a file begun by a quarantined source waits for it
  }
  return h;
}

Status PgStore::FinishImport(int64_t import_id) {
  Result<PgRows> r =
      db_->Query("UPDATE imports SET finished_at = coalesce(finished_at, $2) WHERE id = $1",
                 PgParams().Int(import_id).Int(NowUnixMs()), "finishing an import");
  if (!r.ok()) return r.status();
  if (r->changed() == 0) return Status::NotFound(fmt::format("no import with id {}", import_id));
  return Status::Ok();
}

Status PgStore::WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) {
  CXMAP_RETURN_IF_ERROR(ValidateBatch(import_id, batch));
  if (!writable_) return Status::Internal("PostgreSQL store opened for reading was written");
  // Two workers writing batches that share response keys in different
  // orders (two exports of the same survey submitted together) can
  // deadlock; the server then rolls one transaction back. That batch is
  // written again, after a short randomised pause so the two do not meet
  // the same way twice; ON CONFLICT makes the second attempt store only
  // what the other worker did not.
  constexpr int kAttempts = 6;
  Status s;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    db_->ForgetLastFailure();
    s = WriteBatchOnce(import_id, batch, outcome);
    if (s.ok() || !db_->LastFailureWasConflict() || attempt == kAttempts) break;
    std::uniform_int_distribution<int> jitter(0, 25 << attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds((10 << attempt) + jitter(rng_)));
    ++conflict_retries_;
  }
  return s;
}

Status PgStore::WriteBatchOnce(int64_t import_id, Batch& batch, BatchOutcome* outcome) {
  BatchOutcome out;
  std::vector<char> eligible(batch.records.size(), import_id == 0 ? 1 : 0);
  using Clock = std::chrono::steady_clock;
  PgTransaction txn(db_.get());
  const Clock::time_point t0 = Clock::now();
  Status s = txn.Begin();
  if (s.ok() && import_id != 0) s = WriteUnits(import_id, batch, &eligible, &out);
  const Clock::time_point t1 = Clock::now();
  if (s.ok()) s = WriteMarksAndResults(batch, eligible, &out);
  const Clock::time_point t2 = Clock::now();
  if (s.ok() && import_id != 0) s = WriteRejects(import_id, batch, &out);
  const Clock::time_point t3 = Clock::now();
  if (s.ok()) s = txn.Commit();
  out.units_time = (t1 - t0) + (t3 - t2);
  out.results_time = t2 - t1;
  out.commit_time = Clock::now() - t3;
  if (!s.ok()) {
    txn.Rollback();
    if (import_id != 0) {
      for (FeedbackRecord& rec : batch.records) rec.rowid = rec.response_rowid = 0;
    }
    return s;
  }
  if (outcome != nullptr) *outcome = out;
  return Status::Ok();
}

Status PgStore::WriteUnits(int64_t import_id, Batch& batch, std::vector<char>* eligible,
                           BatchOutcome* out) {
  Result<int64_t> exists = db_->QueryInt("SELECT count(*) FROM imports WHERE id = $1",
                                         PgParams().Int(import_id), "finding the import");
  if (!exists.ok()) return exists.status();
  if (*exists == 0) return Status::NotFound(fmt::format("no import with id {}", import_id));

  // Responses: the first record naming each key describes it.
  std::vector<std::string> keys(batch.records.size());
  // Each record's attributes as JSON, once: for its response and its unit.
  std::vector<std::string> attributes(batch.records.size());
  for (size_t i = 0; i < batch.records.size(); ++i) {
    attributes[i] = AttributesToJson(batch.records[i].rec.attributes);
  }
  std::unordered_map<std::string, size_t> first_of;  // key -> record index
  {
    Result<std::unique_ptr<PgCopy>> copy =
        db_->CopyIn("stage_responses", std::string("idx, ") + kResponseStageColumns, 18);
    if (!copy.ok()) return copy.status();
    PgCopy& c = **copy;
    for (size_t i = 0; i < batch.records.size(); ++i) {
      const FeedbackRecord& rec = batch.records[i];
      // As the server stores it (COPY turns NUL into U+FFFD), so that the
      // keys the INSERT returns and the ones looked up match these.
      keys[i] = WithoutNul(ResponseKey(rec));
      if (!first_of.emplace(keys[i], i).second) continue;
      const Record& r = rec.rec;
      c.BeginRow();
      c.Int4(static_cast<int32_t>(i));
      c.Text(keys[i]);
      c.Text(rec.source);
      c.Int8(import_id);
      c.Text(r.response_id);
      c.Text(ChannelName(r.channel));
      c.Text(r.sub_channel);
      c.OptInt8(r.time_unix_ms);
      c.Text(r.language);
      c.Text(r.respondent);
      c.Text(r.segment);
      c.OptFloat8(r.nps);
      c.OptFloat8(r.csat);
      c.OptFloat8(r.ces);
      c.OptFloat8(r.rating);
      c.Text(attributes[i]);
      c.Text(r.file);
      c.Int8(static_cast<int64_t>(r.line));
    }
    CXMAP_RETURN_IF_ERROR(c.Finish());
  }
  Result<PgRows> inserted =
      db_->Query(fmt::format("INSERT INTO response_rows ({0}) SELECT {0} FROM stage_responses"
                             " ORDER BY idx ON CONFLICT (key) DO NOTHING RETURNING key, rowid",
                             kResponseStageColumns),
                 "storing responses");
  if (!inserted.ok()) return inserted.status();
  std::set<std::string, std::less<>> new_keys;
  std::unordered_map<std::string, int64_t> rowid_of;
  for (int i = 0; i < inserted->rows(); ++i) {
    new_keys.emplace(inserted->Text(i, 0));
    rowid_of.emplace(std::string(inserted->Text(i, 0)), inserted->Int(i, 1));
  }
  out->responses += new_keys.size();
  // Only the responses stored before this batch are looked up, by their
  // key's index. Joining the staged keys with response_rows instead let
  // the planner, which has no statistics for a temporary table, hash the
  // whole of response_rows once per batch (a fifth of the server's CPU
  // on the 100k-row bench corpus, and growing with the store).
  std::vector<std::string> old_keys;
  for (const auto& [key, index] : first_of) {
    if (!rowid_of.contains(key)) old_keys.push_back(key);
  }
  if (!old_keys.empty()) {
    Result<PgRows> ids = db_->Query("SELECT key, rowid FROM response_rows WHERE key = ANY($1)",
                                    PgParams().TextArray(old_keys), "finding responses");
    if (!ids.ok()) return ids.status();
    for (int i = 0; i < ids->rows(); ++i)
      rowid_of.emplace(std::string(ids->Text(i, 0)), ids->Int(i, 1));
  }
  if (rowid_of.size() != first_of.size())
    return Status::Internal("a response neither stored nor found by its key");

  // Answers of the responses this batch created. The ordinal numbers the
  // answers to one question (the ticked options of a multiple choice).
  bool any_answer = false;
  {
    Result<std::unique_ptr<PgCopy>> copy =
        db_->CopyIn("stage_answers", std::string("idx, ") + kAnswerStageColumns, 10);
    if (!copy.ok()) return copy.status();
    PgCopy& c = **copy;
    // As on SQLite: every record of a response created now adds its
    // answers, numbered per record; the first one stored wins.
    int32_t idx = 0;
    for (size_t i = 0; i < batch.records.size(); ++i) {
      const std::string& key = keys[i];
      if (!new_keys.contains(key)) continue;
      std::unordered_map<std::string_view, int64_t> per_question;
      for (const Answer& a : batch.records[i].rec.answers) {
        any_answer = true;
        c.BeginRow();
        c.Int4(idx++);
        c.Int8(rowid_of.at(key));
        c.Text(a.question);
        c.Int8(++per_question[a.question]);
        c.Text(a.question_text);
        c.Text(AnswerKindName(a.kind));
        c.Text(a.value);
        c.OptFloat8(a.number);
        c.OptFloat8(a.scale ? std::optional<double>(a.scale->first) : std::nullopt);
        c.OptFloat8(a.scale ? std::optional<double>(a.scale->second) : std::nullopt);
      }
    }
    CXMAP_RETURN_IF_ERROR(c.Finish());
  }
  if (any_answer) {
    Result<PgRows> a = db_->Query(
        "INSERT INTO answers (response, question, ordinal, question_text, kind, value, number,"
        " scale_min, scale_max) SELECT response, question, ordinal, question_text, kind,"
        " value, number, scale_min, scale_max FROM stage_answers ORDER BY idx"
        " ON CONFLICT DO NOTHING",
        "storing answers");
    if (!a.ok()) return a.status();
    out->answers += static_cast<uint64_t>(a->changed());
  }

  // Units: every record with text (and, as on SQLite, an older source's
  // text-less record that names no response).
  // (response, id) -> first record index: a unit id is unique within its
  // response, as on SQLite (a source may number turns per call).
  std::map<std::pair<int64_t, std::string_view>, size_t> unit_index;
  size_t staged = 0;
  {
    Result<std::unique_ptr<PgCopy>> copy = db_->CopyIn("stage_units", kUnitStageColumns, 14);
    if (!copy.ok()) return copy.status();
    PgCopy& c = **copy;
    for (size_t i = 0; i < batch.records.size(); ++i) {
      FeedbackRecord& rec = batch.records[i];
      rec.response_rowid = rowid_of.at(keys[i]);
      const Record& r = rec.rec;
      if (r.text.empty() && !r.response_id.empty()) {
        rec.rowid = 0;
        if (!new_keys.contains(keys[i])) ++out->duplicates;  // stored before this batch
        continue;
      }
      unit_index.emplace(std::make_pair(rec.response_rowid, std::string_view(rec.id)), i);
      ++staged;
      c.BeginRow();
      c.Int4(static_cast<int32_t>(i));
      c.Text(rec.id);
      c.Int8(rec.response_rowid);
      c.Int8(import_id);
      c.Int4(static_cast<int32_t>(r.speaker_role));
      c.Text(r.text);
      c.Text(r.external_id);
      c.OptInt8(r.time_unix_ms);
      c.Text(r.language);
      c.Text(r.respondent);
      c.Text(attributes[i]);
      c.Text(r.file);
      c.Int8(static_cast<int64_t>(r.line));
      c.Int8(static_cast<int64_t>(r.record_number));
    }
    CXMAP_RETURN_IF_ERROR(c.Finish());
  }
  if (staged == 0) return Status::Ok();
  Result<PgRows> units = db_->Query(
      "INSERT INTO units (id, response, import_id, speaker, text, external_id, time_ms, language,"
      " respondent, attributes, file, line, record_number)"
      " SELECT id, response, import_id, speaker, text, external_id, time_ms,"
      " language, respondent, attributes, file, line, record_number"
      " FROM stage_units ORDER BY idx"
      " ON CONFLICT (response, id) DO NOTHING RETURNING response, id, rowid",
      "storing text units");
  if (!units.ok()) return units.status();
  for (FeedbackRecord& rec : batch.records) rec.rowid = 0;
  for (int i = 0; i < units->rows(); ++i) {
    auto it = unit_index.find(std::make_pair(units->Int(i, 0), units->Text(i, 1)));
    if (it == unit_index.end()) return Status::Internal("a stored unit came back under another id");
    batch.records[it->second].rowid = units->Int(i, 2);
    (*eligible)[it->second] = 1;
  }
  out->inserted += static_cast<uint64_t>(units->rows());
  out->duplicates += staged - static_cast<uint64_t>(units->rows());
  return Status::Ok();
}

Status PgStore::WriteMarksAndResults(Batch& batch, const std::vector<char>& eligible,
                                     BatchOutcome* out) {
  // One row per (unit, plugin) (pg_result_pack.h). Every plugin that ran
  // over the batch marks every eligible unit; a result's plugin missing
  // from batch.plugins marks only the units it has a result for (as
  // SqliteStore does).
  std::map<std::pair<int64_t, std::string_view>, std::vector<const ResultRow*>> cells;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    if (!eligible[i] || batch.records[i].rowid <= 0) continue;
    for (const std::string& p : batch.plugins) cells[{batch.records[i].rowid, p}];
  }
  for (const ResultRow& r : batch.results) {
    const int64_t unit = batch.records[r.record_index].rowid;
    if (!eligible[r.record_index] || unit <= 0) continue;
    cells[{unit, r.plugin}].push_back(&r);
  }
  if (cells.empty()) return Status::Ok();
  {
    Result<std::unique_ptr<PgCopy>> copy =
        db_->CopyIn("stage_analysis", "unit, plugin, value_count, packed", 4);
    if (!copy.ok()) return copy.status();
    PgCopy& c = **copy;
    for (const auto& [key, rows] : cells) {
      c.BeginRow();
      c.Int8(key.first);
      c.Text(key.second);
      c.Int4(static_cast<int32_t>(std::count_if(rows.begin(), rows.end(), [](const ResultRow* r) {
        return r->type != CXMAP_TYPE_NULL;
      })));
      c.Text(PackValues(rows));
    }
    CXMAP_RETURN_IF_ERROR(c.Finish());
  }
  // Values only where the mark is new: analysing again never duplicates.
  Result<PgRows> stored = db_->Query(
      "INSERT INTO analysis (unit, plugin, value_count, packed)"
      " SELECT unit, plugin, value_count, packed FROM stage_analysis ORDER BY unit, plugin"
      " ON CONFLICT DO NOTHING RETURNING unit, plugin",
      "storing analysis values");
  if (!stored.ok()) return stored.status();
  for (int i = 0; i < stored->rows(); ++i) {
    auto it = cells.find({stored->Int(i, 0), stored->Text(i, 1)});
    if (it != cells.end()) out->results += it->second.size();
  }
  return Status::Ok();
}

Status PgStore::WriteRejects(int64_t import_id, const Batch& batch, BatchOutcome* out) {
  // Rejects and skips: one row per (file, line, reason), once.
  for (const bool rejects : {true, false}) {
    const std::vector<Rejection>& rows = rejects ? batch.rejects : batch.skips;
    if (rows.empty()) continue;
    Result<std::unique_ptr<PgCopy>> copy =
        db_->CopyIn("stage_rejects", "idx, import_id, file, line, reason, excerpt", 6);
    if (!copy.ok()) return copy.status();
    PgCopy& c = **copy;
    for (size_t i = 0; i < rows.size(); ++i) {
      const Rejection& r = rows[i];
      c.BeginRow();
      c.Int4(static_cast<int32_t>(i));
      c.Int8(import_id);
      c.Text(r.file);
      c.Int8(static_cast<int64_t>(r.line));
      c.Text(r.reason);
      c.Text(r.excerpt);
    }
    CXMAP_RETURN_IF_ERROR(c.Finish());
    Result<PgRows> n = db_->Query(
        rejects ? "INSERT INTO rejected (import_id, file, line, reason, excerpt)"
                  " SELECT import_id, file, line, reason, excerpt FROM (SELECT DISTINCT ON"
                  " (import_id, file, line, reason) * FROM stage_rejects"
                  " ORDER BY import_id, file, line, reason, idx) first ORDER BY idx"
                  " ON CONFLICT DO NOTHING"
                : "INSERT INTO skipped (import_id, file, line, reason)"
                  " SELECT DISTINCT import_id, file, line, reason FROM stage_rejects"
                  " ON CONFLICT DO NOTHING",
        rejects ? "storing rejects" : "storing skipped rows");
    if (!n.ok()) return n.status();
    (rejects ? out->rejected : out->skipped) += static_cast<uint64_t>(n->changed());
    CXMAP_RETURN_IF_ERROR(db_->Exec("TRUNCATE stage_rejects", "emptying the reject stage"));
  }
  return db_
      ->Query(
          "UPDATE imports SET accepted = accepted + $2, rejected = rejected + $3,"
          " responses = responses + $4 WHERE id = $1",
          PgParams()
              .Int(import_id)
              .Int(static_cast<int64_t>(out->inserted))
              .Int(static_cast<int64_t>(out->rejected))
              .Int(static_cast<int64_t>(out->responses)),
          "counting the import")
      .status();
}

}  // namespace cxmap::core

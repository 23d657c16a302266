// SPDX-License-Identifier: Apache-2.0
#include "core/storage/pg_snapshot.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <tuple>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/storage/pg_result_pack.h"
#include "core/storage/record_codec.h"
#include "core/util/bounded_queue.h"

namespace cxmap::core {

namespace {


// Responses read per round trip; their units, answers and results follow.
constexpr int kResponsesPerPage = 2000;
// Records per WriteBatch() into the embedded store.
constexpr size_t kRecordsPerBatch = 2000;

AnswerKind KindOfName(std::string_view name) {
  for (AnswerKind k : {AnswerKind::kChoice, AnswerKind::kMultiple, AnswerKind::kRating,
                       AnswerKind::kNumber, AnswerKind::kDate}) {
    if (AnswerKindName(k) == name) return k;
  }
  return AnswerKind::kChoice;  // the schema's CHECK allows no other name
}

// Gathers records and their results into batches and writes them into the
// embedded store on a thread of its own, so that reading and unpacking the
// next page from the server overlaps SQLite's writing of the last one (the
// two are about equal halves of a copy's CPU). One batch waits while one
// is written.
class BatchWriter {
 public:
  BatchWriter(Store& to, SnapshotCounts* counts)
      : to_(to), counts_(counts), writer_([this] { WriteAll(); }) {}
  ~BatchWriter() {
    abandoned_ = true;  // an error return: batches still queued are not written
    (void)Join();
  }
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // `plugins` empty and `unit` false: a response without a unit, which
  // joins any batch.
  Status Add(int64_t import_id, FeedbackRecord record, const std::string& plugins, bool unit) {
    if (!batch_.records.empty() &&
        (import_id != import_id_ || (unit && have_units_ && plugins != plugins_) ||
         batch_.records.size() >= kRecordsPerBatch)) {
      CXMAP_RETURN_IF_ERROR(Flush());
    }
    import_id_ = import_id;
    if (unit && !have_units_) {
      plugins_ = plugins;
      have_units_ = true;
    }
    batch_.records.push_back(std::move(record));
    return Status::Ok();
  }
  std::vector<ResultRow>& results() { return batch_.results; }
  uint32_t last_index() const { return static_cast<uint32_t>(batch_.records.size() - 1); }

  // Hands the gathered batch to the writer thread.
  Status Flush() {
    if (batch_.records.empty()) return Status::Ok();
    if (!writer_.joinable()) {
      return error_.ok() ? Status::Internal("snapshot copy: a batch gathered after Finish()") : error_;
    }
    batch_.plugins.clear();
    for (size_t at = 0; at < plugins_.size();) {
      const size_t end = std::min(plugins_.find('\n', at), plugins_.size());
      if (end > at) batch_.plugins.emplace_back(plugins_.substr(at, end - at));
      at = end + 1;
    }
    if (!queue_.Push({import_id_, std::move(batch_)})) return Join();  // only the writer closes it
    // The next batch reuses a written one's vectors; freeing what they hold
    // here rather than on the writer's thread leaves that thread, the
    // slower of the two, only SQLite's work.
    std::vector<Batch> written;
    {
      std::lock_guard<std::mutex> lock(written_mu_);
      written.swap(written_batches_);
    }
    batch_ = Batch();
    if (!written.empty()) {
      batch_.records = std::move(written.back().records);
      batch_.records.clear();
      batch_.results = std::move(written.back().results);
      batch_.results.clear();
    }
    plugins_.clear();
    have_units_ = false;
    return Status::Ok();
  }

  // Writes what is gathered, waits for the writer, and returns its first
  // error. The counts are complete after it.
  Status Finish() {
    if (!writer_.joinable()) return error_;
    Status flushed = Flush();
    Status joined = Join();
    return flushed.ok() ? joined : flushed;
  }

 private:
  struct Pending {
    int64_t import_id = 0;
    Batch batch;
  };

  Status Join() {
    if (writer_.joinable()) {
      queue_.Close();
      writer_.join();
      counts_->units += written_.units;
      counts_->responses += written_.responses;
      counts_->results += written_.results;
      written_batches_.clear();
    }
    return error_;
  }

  void WriteAll() {
    while (std::optional<Pending> p = queue_.Pop()) {
      if (abandoned_ || !error_.ok()) continue;
      BatchOutcome out;
      error_ = to_.WriteBatch(p->import_id, p->batch, &out);
      if (!error_.ok()) {
        queue_.Close();  // the reader's next Flush fails and returns error_
        continue;
      }
      written_.units += out.inserted;
      written_.responses += out.responses;
      written_.results += out.results;
      std::lock_guard<std::mutex> lock(written_mu_);
      written_batches_.push_back(std::move(p->batch));
    }
  }

  Store& to_;
  SnapshotCounts* counts_;
  Batch batch_;
  int64_t import_id_ = 0;
  std::string plugins_;  // '\n'-separated, sorted
  bool have_units_ = false;
  // Between the threads: the queue, and what the writer leaves for
  // Finish() after the join.
  BoundedQueue<Pending> queue_{1};
  std::atomic<bool> abandoned_{false};
  Status error_ = Status::Ok();
  SnapshotCounts written_;
  std::mutex written_mu_;
  std::vector<Batch> written_batches_;  // for the reader to reuse and free
  std::thread writer_;  // last: started once the members above exist
};

// Where a row comes in its input: responses and units are copied in this
// order, not in the server's rowid order, because workers reading pieces of
// one file side by side store them interleaved. (import, line or record
// number) is the order one `run` stores them in, so the embedded copy gets
// the rowids one `run` on SQLite gives, and every map that lists records or
// sums in rowid order comes out the same. The server's rowid breaks ties.
struct InputOrder {
  int64_t import_id = 0, position = 0, rowid = 0;
  auto operator<=>(const InputOrder&) const = default;
};

// `ids` as a bigint[] parameter (sent as text[]; the SQL casts it).
std::vector<std::string> IdArray(const std::vector<int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(std::to_string(id));
  return out;
}

// Result rows of one page, by unit rowid.
using ResultsByUnit = std::map<int64_t, std::vector<ResultRow>>;

Status ReadResults(PgDb& db, const std::vector<int64_t>& units, ResultsByUnit* out) {
  Result<PgRows> rows = db.Query(
      "SELECT unit, plugin, packed FROM analysis WHERE unit = ANY($1::text[]::bigint[])"
      " AND packed <> '[]' ORDER BY unit, plugin COLLATE \"C\"",
      PgParams().TextArray(IdArray(units)), "reading analysis values");
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->rows(); ++i) {
    std::vector<ResultRow>& values = (*out)[rows->Int(i, 0)];
    const size_t first = values.size();
    CXMAP_RETURN_IF_ERROR(UnpackValues(rows->Text(i, 2), std::string(rows->Text(i, 1)), &values));
    // A plugin's values by field and sentence, each in the order given,
    // as the row-per-value layout read them.
    std::stable_sort(values.begin() + static_cast<std::ptrdiff_t>(first), values.end(),
                     [](const ResultRow& a, const ResultRow& b) {
                       return std::tie(a.field, a.sentence) < std::tie(b.field, b.sentence);
                     });
  }
  return Status::Ok();
}

// The response columns, in the order ResponseRecord() reads them.
constexpr const char* kResponseSelect =
    "r.rowid, r.key, r.source, r.import_id, r.response_id, r.channel, r.sub_channel, r.time_ms,"
    " r.language, r.respondent, r.segment, r.nps, r.csat, r.ces, r.rating, r.attributes, r.file,"
    " r.line";
// Places in kResponseSelect of what InputOrder needs.
constexpr int kResponseRowid = 0, kResponseImport = 3, kResponseLine = 17;

// The response's own columns (from column `c` on) as a record that
// creates it.
Status ResponseRecord(const PgRows& p, int i, int c, FeedbackRecord* out) {
  FeedbackRecord& f = *out;
  f.id = p.Text(i, c + 1);
  f.source = p.Text(i, c + 2);
  Record& r = f.rec;
  r.response_id = p.Text(i, c + 4);
  r.channel = ParseChannel(p.Text(i, c + 5)).value_or(Channel::kOther);
  r.sub_channel = p.Text(i, c + 6);
  r.time_unix_ms = p.OptInt(i, c + 7);
  r.language = p.Text(i, c + 8);
  r.respondent = p.Text(i, c + 9);
  r.segment = p.Text(i, c + 10);
  r.nps = p.OptDouble(i, c + 11);
  r.csat = p.OptDouble(i, c + 12);
  r.ces = p.OptDouble(i, c + 13);
  r.rating = p.OptDouble(i, c + 14);
  CXMAP_RETURN_IF_ERROR(AttributesFromJson(p.Text(i, c + 15), &r.attributes));
  r.file = p.Text(i, c + 16);
  r.line = static_cast<uint64_t>(p.Int(i, c + 17));
  return Status::Ok();
}

// One response in input order: the record that creates it, its answers
// attached, and the import it came with.
struct ResponseEvent {
  InputOrder order;
  FeedbackRecord head;
  int64_t rowid() const { return order.rowid; }
  int64_t import_id() const { return order.import_id; }
};

// Responses in input order, a page at a time, each with its answers.
class ResponseStream {
 public:
  // From the first response of the imports after `after_import` on.
  ResponseStream(PgDb& db, int64_t after_import)
      : db_(db), after_{after_import, INT64_MAX, INT64_MAX} {}

  // The next response, or nullptr at the end.
  Result<const ResponseEvent*> Peek() {
    if (at_ == page_.size() && !done_) CXMAP_RETURN_IF_ERROR(Fill());
    if (at_ == page_.size()) return static_cast<const ResponseEvent*>(nullptr);
    return &page_[at_];
  }
  ResponseEvent Pop() { return std::move(page_[at_++]); }

 private:
  Status Fill() {
    page_.clear();
    at_ = 0;
    Result<PgRows> resp = db_.Query(
        fmt::format("SELECT {} FROM response_rows r WHERE (r.import_id, r.line, r.rowid) >"
                    " ($1, $2, $3) ORDER BY r.import_id, r.line, r.rowid LIMIT $4",
                    kResponseSelect),
        PgParams().Int(after_.import_id).Int(after_.position).Int(after_.rowid).Int(
            kResponsesPerPage),
        "reading responses");
    if (!resp.ok()) return resp.status();
    const int n = resp->rows();
    if (n < kResponsesPerPage) done_ = true;
    if (n == 0) return Status::Ok();
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) ids.push_back(resp->Int(i, 0));
    Result<PgRows> answers = db_.Query(
        "SELECT response, question, question_text, kind, value, number, scale_min, scale_max"
        " FROM answers WHERE response = ANY($1::text[]::bigint[])"
        " ORDER BY response, question, ordinal",
        PgParams().TextArray(IdArray(ids)), "reading answers");
    if (!answers.ok()) return answers.status();
    std::map<int64_t, int> first_answer;  // response rowid -> its first answer row
    for (int a = answers->rows() - 1; a >= 0; --a) first_answer[answers->Int(a, 0)] = a;
    for (int i = 0; i < n; ++i) {
      ResponseEvent e{{resp->Int(i, kResponseImport), resp->Int(i, kResponseLine),
                       resp->Int(i, kResponseRowid)},
                      {}};
      after_ = e.order;
      CXMAP_RETURN_IF_ERROR(ResponseRecord(*resp, i, 0, &e.head));
      auto first = first_answer.find(e.rowid());
      if (first == first_answer.end()) {
        page_.push_back(std::move(e));
        continue;
      }
      for (int a = first->second; a < answers->rows() && answers->Int(a, 0) == e.rowid(); ++a) {
        Answer ans;
        ans.question = answers->Text(a, 1);
        ans.question_text = answers->Text(a, 2);
        ans.kind = KindOfName(answers->Text(a, 3));
        ans.value = answers->Text(a, 4);
        ans.number = answers->OptDouble(a, 5);
        if (!answers->IsNull(a, 6) && !answers->IsNull(a, 7)) {
          ans.scale = std::make_pair(answers->Double(a, 6), answers->Double(a, 7));
        }
        e.head.rec.answers.push_back(std::move(ans));
      }
      page_.push_back(std::move(e));
    }
    return Status::Ok();
  }

  PgDb& db_;
  std::vector<ResponseEvent> page_;
  size_t at_ = 0;
  InputOrder after_;
  bool done_ = false;
};

}  // namespace

Result<SnapshotCounts> CopyPgSnapshot(PgStore& from, Store& to) {
  return CopyPgSnapshot(from, [&to](SnapshotProbe&) -> Result<SnapshotDestination> {
    return SnapshotDestination{&to, 0};
  });
}

Result<SnapshotCounts> CopyPgSnapshot(PgStore& from, const SnapshotTarget& target) {
  PgDb& db = from.db();
  SnapshotCounts counts;
  PgTransaction txn(&db);
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  // One snapshot of everything, however many workers write meanwhile.
  CXMAP_RETURN_IF_ERROR(
      db.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", "starting a snapshot"));
  // The first query fixes the transaction's snapshot, so the name read
  // here is the snapshot's the copy below reads. txid_current_snapshot()
  // rather than pg_current_snapshot(): the store supports PostgreSQL 12.
  std::string store, snapshot;
  {
    Result<PgRows> rows = db.Query(
        "SELECT coalesce(host(inet_server_addr()), 'local') || ':' ||"
        " coalesce(inet_server_port()::text, '') || '/' || d.oid::text || '/' || d.datname"
        " || '@' || pg_postmaster_start_time()::text, txid_current_snapshot()::text"
        " FROM pg_database d WHERE d.datname = current_database()",
        "naming the snapshot");
    if (!rows.ok()) return rows.status();
    if (rows->rows() != 1) return Status::Corruption("naming the snapshot: no current database");
    store = rows->Text(0, 0);
    snapshot = rows->Text(0, 1);
  }
  SnapshotProbe probe(db, std::move(store), std::move(snapshot));
  Result<SnapshotDestination> chosen = target(probe);
  if (!chosen.ok()) return chosen.status();
  if (chosen->store == nullptr) return counts;
  Store& to = *chosen->store;
  // Appending to a copy of an earlier snapshot that holds every row of the
  // imports up to this one (SnapshotRelation::kAppended): the rest is
  // copied as a copy into an empty store would copy it after those, since
  // both go in input order and that begins with the import.
  const int64_t after_import = chosen->after_import;

  std::map<int64_t, int64_t> import_of;  // server id -> embedded id
  std::vector<int64_t> finished;
  {
    Result<PgRows> rows = db.Query(
        "SELECT id, path, sha256, size, source_plugin, format, finished_at FROM imports"
        " WHERE id > $1 ORDER BY id",
        PgParams().Int(after_import), "reading imports");
    if (!rows.ok()) return rows.status();
    for (int i = 0; i < rows->rows(); ++i) {
      ImportRequest req{std::string(rows->Text(i, 1)), std::string(rows->Text(i, 2)),
                        static_cast<uint64_t>(rows->Int(i, 3)), std::string(rows->Text(i, 4)),
                        std::string(rows->Text(i, 5))};
      Result<ImportHandle> h = to.BeginImport(req);
      if (!h.ok()) return h.status();
      import_of[rows->Int(i, 0)] = h->import_id;
      if (!rows->IsNull(i, 6)) finished.push_back(h->import_id);
      ++counts.imports;
    }
  }
  if (after_import == 0) {  // else unchanged since (pg_snapshot_probe.cpp)
    Result<PgRows> rows =
        db.Query("SELECT plugin, field, role FROM field_roles ORDER BY plugin, field",
                 "reading field roles");
    if (!rows.ok()) return rows.status();
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> roles;
    for (int i = 0; i < rows->rows(); ++i) {
      roles[std::string(rows->Text(i, 0))].emplace_back(rows->Text(i, 1), rows->Text(i, 2));
    }
    for (const auto& [plugin, list] : roles)
      CXMAP_RETURN_IF_ERROR(to.DeclareFieldRoles(plugin, list));
  }

  BatchWriter writer(to, &counts);
  auto embedded = [&](int64_t server_id) -> Result<int64_t> {
    auto it = import_of.find(server_id);
    if (it == import_of.end()) return Status::Corruption(fmt::format("no import {}", server_id));
    return it->second;
  };
  // Responses are created in input order, units added in input order
  // (InputOrder), the two merged so that a unit's response is created
  // before it: responses and units are numbered apart, so this gives each
  // the rowid a single `run` gives it, and a call's turns interleaved with
  // other calls keep their order. A named response is created by a
  // text-less record of its own columns and answers; an unnamed one is its
  // single unit's.
  ResponseStream responses(db, after_import);
  std::map<int64_t, ResponseEvent> unnamed;  // created by a unit still to come
  auto create_until = [&](const InputOrder& until) -> Status {
    for (;;) {
      Result<const ResponseEvent*> next = responses.Peek();
      if (!next.ok()) return next.status();
      if (*next == nullptr || until < (*next)->order) return Status::Ok();
      ResponseEvent e = responses.Pop();
      if (e.head.rec.response_id.empty()) {
        unnamed.emplace(e.rowid(), std::move(e));
        continue;
      }
      Result<int64_t> import = embedded(e.import_id());
      if (!import.ok()) return import.status();
      CXMAP_RETURN_IF_ERROR(writer.Add(*import, std::move(e.head), "", false));
    }
  };
  const std::string unit_sql = fmt::format(
      "SELECT u.rowid, u.id, u.import_id, u.speaker, u.text, u.external_id, u.time_ms, u.language,"
      " u.respondent, u.attributes, u.file, u.line, u.record_number,"
      " (SELECT string_agg(a.plugin, E'\\n' ORDER BY a.plugin COLLATE \"C\") FROM analysis a"
      "  WHERE a.unit = u.rowid), {}"
      " FROM units u JOIN response_rows r ON r.rowid = u.response"
      " WHERE (u.import_id, u.record_number, u.rowid) > ($1, $2, $3)"
      " ORDER BY u.import_id, u.record_number, u.rowid LIMIT $4",
      kResponseSelect);
  constexpr int kUnitColumns = 14;
  for (InputOrder after{after_import, INT64_MAX, INT64_MAX};;) {
    Result<PgRows> units = db.Query(
        unit_sql,
        PgParams().Int(after.import_id).Int(after.position).Int(after.rowid).Int(kRecordsPerBatch),
        "reading text units");
    if (!units.ok()) return units.status();
    const int n = units->rows();
    if (n == 0) break;
    std::vector<int64_t> ids;
    for (int u = 0; u < n; ++u) ids.push_back(units->Int(u, 0));
    after = {units->Int(n - 1, 2), units->Int(n - 1, 12), units->Int(n - 1, 0)};
    ResultsByUnit results;
    CXMAP_RETURN_IF_ERROR(ReadResults(db, ids, &results));
    for (int u = 0; u < n; ++u) {
      const int64_t response = units->Int(u, kUnitColumns);
      // Every response of the imports before this unit's first, as one
      // `run` per file stores them (a CDR's text-less calls before the
      // transcripts of a later import that join them), and so that a copy
      // extended with later imports starts where a whole copy does.
      CXMAP_RETURN_IF_ERROR(create_until({units->Int(u, 2), -1, -1}));
      CXMAP_RETURN_IF_ERROR(create_until({units->Int(u, kUnitColumns + kResponseImport),
                                          units->Int(u, kUnitColumns + kResponseLine), response}));
      FeedbackRecord rec;
      CXMAP_RETURN_IF_ERROR(ResponseRecord(*units, u, kUnitColumns, &rec));
      if (auto it = unnamed.find(response); it != unnamed.end()) {
        rec.rec.answers = std::move(it->second.head.rec.answers);
        unnamed.erase(it);
      }
      rec.id = units->Text(u, 1);
      Record& r = rec.rec;
      r.speaker_role = static_cast<SpeakerRole>(units->Int(u, 3));
      r.text = units->Text(u, 4);
      r.external_id = units->Text(u, 5);
      r.time_unix_ms = units->OptInt(u, 6);
      r.language = units->Text(u, 7);
      r.respondent = units->Text(u, 8);
      r.attributes.clear();
      CXMAP_RETURN_IF_ERROR(AttributesFromJson(units->Text(u, 9), &r.attributes));
      r.file = units->Text(u, 10);
      r.line = static_cast<uint64_t>(units->Int(u, 11));
      r.record_number = static_cast<uint64_t>(units->Int(u, 12));
      Result<int64_t> import = embedded(units->Int(u, 2));
      if (!import.ok()) return import.status();
      CXMAP_RETURN_IF_ERROR(
          writer.Add(*import, std::move(rec), std::string(units->Text(u, 13)), true));
      const uint32_t index = writer.last_index();
      if (auto it = results.find(units->Int(u, 0)); it != results.end()) {
        for (ResultRow& row : it->second) {
          row.record_index = index;
          writer.results().push_back(std::move(row));
        }
      }
    }
  }
  CXMAP_RETURN_IF_ERROR(create_until({INT64_MAX, INT64_MAX, INT64_MAX}));
  CXMAP_RETURN_IF_ERROR(writer.Finish());

  // Rejects and skipped rows, per import.
  for (const bool rejects : {true, false}) {
    Result<PgRows> rows = db.Query(
        rejects
            ? "SELECT import_id, file, line, reason, excerpt FROM rejected WHERE import_id > $1"
              " ORDER BY import_id, line, id"
            : "SELECT import_id, file, line, reason, '' FROM skipped WHERE import_id > $1"
              " ORDER BY import_id, file, line",
        PgParams().Int(after_import), "reading rejects");
    if (!rows.ok()) return rows.status();
    for (int i = 0; i < rows->rows();) {
      const int64_t server_import = rows->Int(i, 0);
      Batch batch;
      for (; i < rows->rows() && rows->Int(i, 0) == server_import; ++i) {
        (rejects ? batch.rejects : batch.skips)
            .push_back({std::string(rows->Text(i, 1)), static_cast<uint64_t>(rows->Int(i, 2)),
                        std::string(rows->Text(i, 3)), std::string(rows->Text(i, 4))});
      }
      Result<int64_t> id = embedded(server_import);
      if (!id.ok()) return id.status();
      BatchOutcome out;
      CXMAP_RETURN_IF_ERROR(to.WriteBatch(*id, batch, &out));
      counts.rejects += out.rejected;
    }
  }
  for (int64_t id : finished) CXMAP_RETURN_IF_ERROR(to.FinishImport(id));
  CXMAP_RETURN_IF_ERROR(txn.Commit());
  return counts;
}

}  // namespace cxmap::core

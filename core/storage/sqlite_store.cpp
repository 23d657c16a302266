// SPDX-License-Identifier: Apache-2.0
#include "core/storage/sqlite_store.h"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <utility>


#include "core/storage/field_roles.h"
#include "core/storage/migrations.h"
#include "core/storage/record_codec.h"
#include "core/storage/result_tables.h"
#include "core/storage/result_writer.h"
#include "core/storage/text_dictionary.h"

namespace cxmap::core {

namespace {

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Prepares `sql` into `*out`.
Status PrepareInto(SqliteDb& db, std::string_view sql, Statement* out) {
  Result<Statement> stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  *out = std::move(stmt).value();
  return Status::Ok();
}

}  // namespace

// Every statement the store runs, prepared once per store.
struct SqliteStore::Statements {
  Statement find_import, insert_import, import_exists, add_counts, finish_import;
  Statement insert_response, find_response, insert_answer;
  Statement insert_record, insert_reject, insert_skip;
  Statement insert_scope, find_scope, insert_file, find_file;
  TextDictionary attribute_sets, labels;

  Status Prepare(SqliteDb& db) {
    const std::string insert_record_sql =
        fmt::format("INSERT INTO units ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                    " ?11, ?12, ?13, ?14) ON CONFLICT(response, unit) DO NOTHING",
                    kUnitColumns);
    const std::string insert_response_sql =
        fmt::format("INSERT INTO response_rows ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT(scope, local_id)"
                    " DO NOTHING",
                    kResponseColumns);
    const std::string insert_answer_sql =
        fmt::format("INSERT INTO answers ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                    " ON CONFLICT DO NOTHING",
                    kAnswerColumns);
    const std::string find_response_sql =
        "SELECT p.rowid, p.named, p.time_ms, " + LabelSql("p.language") + ", p.respondent, " +
        AttributesSql("p.attributes", "p.local_id") +
        ", f.path, p.line FROM response_rows p JOIN files f ON f.id = p.file"
        " WHERE p.scope = ?1 AND p.local_id = ?2";
    const std::pair<Statement*, std::string_view> all[] = {
        {&find_import,
         "SELECT id, finished_at, accepted, rejected, source_plugin FROM imports WHERE sha256 = ?1"},
        {&insert_import,
         "INSERT INTO imports (path, sha256, size, source_plugin, format, started_at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&import_exists, "SELECT 1 FROM imports WHERE id = ?1"},
        {&add_counts,
         "UPDATE imports SET accepted = accepted + ?2, rejected = rejected + ?3,"
         " responses = responses + ?4 WHERE id = ?1"},
        {&finish_import,
         "UPDATE imports SET finished_at = coalesce(finished_at, ?2) WHERE id = ?1"},
        {&insert_response, insert_response_sql},
        {&find_response, find_response_sql},
        {&insert_scope,
         "INSERT INTO scopes (source, prefix) VALUES (?1, ?2) ON CONFLICT DO NOTHING"},
        {&find_scope, "SELECT id FROM scopes WHERE source = ?1 AND prefix = ?2"},
        {&insert_file, "INSERT INTO files (path) VALUES (?1) ON CONFLICT DO NOTHING"},
        {&find_file, "SELECT id FROM files WHERE path = ?1"},
        {&insert_answer, insert_answer_sql},
        {&insert_record, insert_record_sql},
        {&insert_reject,
         "INSERT OR IGNORE INTO rejected (import_id, file, line, reason, excerpt)"
         " VALUES (?1, ?2, ?3, ?4, ?5)"},
        {&insert_skip,
         "INSERT OR IGNORE INTO skipped (import_id, file, line, reason) VALUES (?1, ?2, ?3, ?4)"},
    };
    for (const auto& [stmt, sql] : all) CXMAP_RETURN_IF_ERROR(PrepareInto(db, sql, stmt));
    Result<TextDictionary> sets = TextDictionary::Open(db, "attribute_sets", "json");
    if (!sets.ok()) return sets.status();
    attribute_sets = std::move(sets).value();
    Result<TextDictionary> label_texts = TextDictionary::Open(db, "labels", "text");
    if (!label_texts.ok()) return label_texts.status();
    labels = std::move(label_texts).value();
    return Status::Ok();
  }
};

// Which (record, plugin) "analysed" marks this batch created. Results are
// written only under a new mark, so re-analysing never duplicates them.
struct SqliteStore::MarkTracker {
  std::vector<char> is_new;  // [record * plugins.size() + plugin]
  std::map<std::pair<uint32_t, std::string>, bool> extra;  // plugins not in batch.plugins

  explicit MarkTracker(const Batch& b) : is_new(b.records.size() * b.plugins.size()) {}
};

SqliteStore::SqliteStore(std::unique_ptr<SqliteDb> db, std::unique_ptr<Statements> stmts,
                         std::unique_ptr<ResultWriter> results)
    : db_(std::move(db)), stmts_(std::move(stmts)), results_(std::move(results)) {}

SqliteStore::~SqliteStore() = default;

bool CanWriteDatabase(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string folder = p.has_parent_path() ? p.parent_path().string() : ".";
  return ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

Result<std::unique_ptr<SqliteDb>> OpenSqliteForReading(const std::string& path, int busy_timeout_ms) {
  std::error_code ec;
  if (path == ":memory:" || !std::filesystem::exists(path, ec) || CanWriteDatabase(path)) {
    return SqliteDb::Open(path, busy_timeout_ms);
  }
  const bool has_wal = std::filesystem::exists(path + "-wal", ec);
  return SqliteDb::Open(path, busy_timeout_ms,
                        has_wal ? SqliteDb::Mode::kReadOnly : SqliteDb::Mode::kImmutable);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, StoreAccess access) {
  std::error_code ec;
  const bool exists = path != ":memory:" && std::filesystem::exists(path, ec);
  if (access == StoreAccess::kReadOnly && !exists) {
    return Status::NotFound(fmt::format("no database at {}", path));
  }
  const bool writable =
      access != StoreAccess::kReadOnly && (!exists || CanWriteDatabase(path));
  if (!writable && access == StoreAccess::kWrite) {
    return Status::IoError(fmt::format(
        "{}: the database is read-only for this user (the file or its folder cannot be written);"
        " read commands (status, query, journey, report, export…) still work, writing needs write"
        " access",
        path));
  }
  Result<std::unique_ptr<SqliteDb>> db =
      writable                              ? SqliteDb::Open(path, kBusyTimeoutMs)
      : access == StoreAccess::kReadOnly ? SqliteDb::Open(path, kBusyTimeoutMs, SqliteDb::Mode::kReadOnly)
                                            : OpenSqliteForReading(path, kBusyTimeoutMs);
  if (!db.ok()) return db.status();
  if (writable) {
    // Checked before ConfigureConnection(): switching to WAL rewrites the
    // header of someone else's file.
    CXMAP_RETURN_IF_ERROR(CheckOwnership(*db.value()));
    CXMAP_RETURN_IF_ERROR(ConfigureConnection(*db.value()));
    CXMAP_RETURN_IF_ERROR(Migrate(*db.value()));
  } else {
    CXMAP_RETURN_IF_ERROR(CheckReadableAsIs(*db.value()));
    CXMAP_RETURN_IF_ERROR(db.value()->Exec("PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;",
                                           "configuring a read-only connection"));
  }
  auto stmts = std::make_unique<Statements>();
  CXMAP_RETURN_IF_ERROR(stmts->Prepare(*db.value()));
  auto results = ResultWriter::Create(*db.value());
  if (!results.ok()) return results.status();
  Result<int64_t> stored = db.value()->QueryInt("SELECT EXISTS (SELECT 1 FROM response_rows)",
                                                "looking for stored responses");
  if (!stored.ok()) return stored.status();
  std::unique_ptr<SqliteStore> store(
      new SqliteStore(std::move(db).value(), std::move(stmts), std::move(results).value()));
  store->opened_empty_ = stored.value() == 0;
  store->read_only_ = !writable;
  return store;
}

Status SqliteStore::Compact() {
  // VACUUM rebuilds every table and index in key order, so pages are full.
  // It cannot run inside a transaction; each batch has committed by now.
  return db_->Exec("VACUUM", "compacting the database");
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, StoreAccess access) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path, access);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

Result<ImportHandle> SqliteStore::BeginImport(const ImportRequest& request) {
  if (request.sha256.empty()) return Status::InvalidArgument("import of " + request.path +
                                                             " has no sha256");
  Transaction txn(db_.get());
  CXMAP_RETURN_IF_ERROR(txn.Begin());
  ImportHandle handle;
  Statement& find = stmts_->find_import;
  find.BindText(1, request.sha256);
  Result<bool> row = find.Step();
  if (!row.ok()) return row.status();
  if (row.value()) {
    handle.import_id = find.ColumnInt(0);
    handle.already_complete = !find.ColumnIsNull(1);
    handle.resumed = !handle.already_complete;
    handle.accepted = static_cast<uint64_t>(find.ColumnInt(2));
    handle.rejected = static_cast<uint64_t>(find.ColumnInt(3));
    handle.source = find.ColumnText(4);
    find.Reset();
  } else {
    find.Reset();
    Statement& insert = stmts_->insert_import;
    insert.BindText(1, request.path);
    insert.BindText(2, request.sha256);
    insert.BindInt(3, static_cast<int64_t>(request.size));
    insert.BindText(4, request.source_plugin);
    insert.BindText(5, request.format);
    insert.BindInt(6, NowUnixMs());
    CXMAP_RETURN_IF_ERROR(insert.Run());
    handle.import_id = db_->LastInsertRowid();
  }
  CXMAP_RETURN_IF_ERROR(txn.Commit());
  return handle;
}

Status SqliteStore::FinishImport(int64_t import_id) {
  Statement& finish = stmts_->finish_import;
  finish.BindInt(1, import_id);
  finish.BindInt(2, NowUnixMs());
  CXMAP_RETURN_IF_ERROR(finish.Run());
  if (db_->Changes() == 0) return Status::NotFound(fmt::format("no import with id {}", import_id));
  return Status::Ok();
}

Status ValidateBatch(int64_t import_id, const Batch& batch) {
  if (import_id < 0) return Status::InvalidArgument(fmt::format("bad import id {}", import_id));
  for (const ResultRow& r : batch.results) {
    if (r.record_index >= batch.records.size()) {
      return Status::InvalidArgument(fmt::format("result {}.{} points at record {} of a batch of {}",
                                                 r.plugin, r.field, r.record_index,
                                                 batch.records.size()));
    }
    if (!ValueTypeName(r.type)) {
      return Status::InvalidArgument(
          fmt::format("result {}.{} has unknown value type {}", r.plugin, r.field, r.type));
    }
  }
  if (import_id != 0) return Status::Ok();
  if (!batch.rejects.empty() || !batch.skips.empty()) {
    return Status::InvalidArgument("rejects and skips can only be written under an import");
  }
  for (const FeedbackRecord& rec : batch.records) {
    if (rec.rowid <= 0) {
      return Status::InvalidArgument("record " + rec.id + " has no rowid (import_id 0)");
    }
  }
  return Status::Ok();
}

Status SqliteStore::WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) {
  CXMAP_RETURN_IF_ERROR(ValidateBatch(import_id, batch));
  BatchOutcome out;
  // Records whose marks and results this batch writes: the new ones on
  // import, all of them on the analyze path.
  std::vector<char> eligible(batch.records.size(), import_id == 0 ? 1 : 0);
  Transaction txn(db_.get());
  results_->BeginBatch();
  using Clock = std::chrono::steady_clock;
  Clock::time_point t0 = Clock::now();
  Status s = txn.Begin();
  if (s.ok() && import_id != 0) s = WriteRecords(import_id, batch, &eligible, &out);
  Clock::time_point t1 = Clock::now();
  if (s.ok()) s = WriteMarksAndResults(batch, eligible, &out);
  Clock::time_point t2 = Clock::now();
  if (s.ok() && import_id != 0) s = WriteRejects(import_id, batch, &out);
  Clock::time_point t3 = Clock::now();
  if (s.ok()) s = txn.Commit();
  out.units_time = (t1 - t0) + (t3 - t2);
  out.results_time = t2 - t1;
  out.commit_time = Clock::now() - t3;
  if (!s.ok()) {
    txn.Rollback();
    results_->Forget();
    stmts_->attribute_sets.Forget();
    stmts_->labels.Forget();
    scopes_.clear();
    files_.clear();
    // The rows are gone; so must be the rowids handed out for them.
    if (import_id != 0) {
      for (FeedbackRecord& rec : batch.records) rec.rowid = rec.response_rowid = 0;
    }
    return s;
  }
  if (outcome != nullptr) *outcome = out;
  return Status::Ok();
}

Status SqliteStore::WriteRecords(int64_t import_id, Batch& batch, std::vector<char>* eligible,
                                 BatchOutcome* out) {
  Statement& exists = stmts_->import_exists;
  exists.BindInt(1, import_id);
  Result<bool> found = exists.Step();
  exists.Reset();
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::NotFound(fmt::format("no import with id {}", import_id));

  struct Seen {
    ResponseBasis basis;
    bool is_new;  // created by this batch: its answers are written now
  };
  std::unordered_map<std::string, Seen> responses;  // key -> response, within this batch
  Statement& insert = stmts_->insert_record;
  std::string attributes, key;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    FeedbackRecord& rec = batch.records[i];
    key = ResponseKey(rec);
    auto seen = responses.find(key);
    if (seen == responses.end()) {
      auto stored = StoreResponse(import_id, rec, key, out);
      if (!stored.ok()) return stored.status();
      seen = responses.emplace(key, Seen{std::move(stored->first), stored->second}).first;
    }
    const ResponseBasis& basis = seen->second.basis;
    rec.response_rowid = basis.rowid;
    if (seen->second.is_new) CXMAP_RETURN_IF_ERROR(WriteAnswers(rec, out));
    if (rec.rec.text.empty() && !rec.rec.response_id.empty()) {
      // A response without a unit (a survey row without a comment, a call
      // without a transcript): it counts in the scores, nothing to analyse.
      // Only a source that names responses says so; an older source's
      // empty record (a stakeholder row scored by its columns) stays a unit.
      rec.rowid = 0;
      if (!seen->second.is_new) ++out->duplicates;
      continue;
    }
    attributes = AttributesToJson(rec.rec.attributes);
    const std::string_view unit_id = rec.id == key ? std::string_view() : std::string_view(rec.id);
    std::optional<int64_t> own_file;
    if (rec.rec.file != basis.file) {  // a call's turns from another file
      Result<int64_t> file = FileId(rec.rec.file);
      if (!file.ok()) return file.status();
      own_file = *file;
    }
    std::optional<int64_t> attribute_set;
    if (attributes != basis.attributes_json) {
      Result<int64_t> set = stmts_->attribute_sets.Intern(AttributeSetText(attributes, basis.local_id));
      if (!set.ok()) return set.status();
      attribute_set = *set;
    }
    BindUnit(insert, 1, rec, import_id, unit_id, basis, attributes, attribute_set, own_file);
    Status s = insert.Run();
    if (!s.ok()) return Status(s.code(), s.message() + " (record " + rec.id + ")");
    if (db_->Changes() == 1) {
      rec.rowid = db_->LastInsertRowid();
      (*eligible)[i] = 1;
      ++out->inserted;
    } else {
      rec.rowid = 0;
      ++out->duplicates;
    }
  }
  return Status::Ok();
}

namespace {

// Looks a small dictionary entry up, inserting it when new; `find` and
// `insert` take the same parameters.
template <typename BindFn>
Result<int64_t> FindOrInsert(SqliteDb& db, Statement& find, Statement& insert, BindFn bind,
                             std::string_view what) {
  bind(insert);
  CXMAP_RETURN_IF_ERROR(insert.Run());
  if (db.Changes() == 1) return db.LastInsertRowid();
  bind(find);
  Result<bool> row = find.Step();
  const int64_t id = row.ok() && row.value() ? find.ColumnInt(0) : 0;
  find.Reset();
  if (!row.ok()) return row.status();
  if (id == 0) return Status::Internal(std::string(what) + " neither inserted nor found");
  return id;
}

}  // namespace

Result<int64_t> SqliteStore::ScopeId(std::string_view source, std::string_view prefix) {
  if (auto it = scopes_.find(std::make_tuple(source, prefix)); it != scopes_.end()) return it->second;
  Result<int64_t> id = FindOrInsert(
      *db_, stmts_->find_scope, stmts_->insert_scope,
      [&](Statement& st) {
        st.BindTextNoCopy(1, source);
        st.BindTextNoCopy(2, prefix);
      },
      "response scope");
  if (id.ok()) scopes_.emplace(std::make_tuple(std::string(source), std::string(prefix)), *id);
  return id;
}

Result<int64_t> SqliteStore::FileId(std::string_view path) {
  if (auto it = files_.find(path); it != files_.end()) return it->second;
  Result<int64_t> id = FindOrInsert(
      *db_, stmts_->find_file, stmts_->insert_file,
      [&](Statement& st) { st.BindTextNoCopy(1, path); }, "file path");
  if (id.ok()) files_.emplace(std::string(path), *id);
  return id;
}

Result<std::pair<ResponseBasis, bool>> SqliteStore::StoreResponse(int64_t import_id,
                                                                  const FeedbackRecord& rec,
                                                                  const std::string& key,
                                                                  BatchOutcome* out) {
  const auto [prefix, local_id] = SplitResponseKey(key);
  Result<int64_t> scope = ScopeId(rec.source, prefix);
  if (!scope.ok()) return scope.status();
  Result<int64_t> file = FileId(rec.rec.file);
  if (!file.ok()) return file.status();
  Statement& insert = stmts_->insert_response;
  std::string attributes = AttributesToJson(rec.rec.attributes);
  ResponseLabels labels;
  for (const auto& [id, text] :
       {std::pair{&labels.channel, std::string_view(ChannelName(rec.rec.channel))},
        std::pair{&labels.sub_channel, std::string_view(rec.rec.sub_channel)},
        std::pair{&labels.language, std::string_view(rec.rec.language)},
        std::pair{&labels.segment, std::string_view(rec.rec.segment)}}) {
    Result<int64_t> label = stmts_->labels.Intern(text);
    if (!label.ok()) return label.status();
    *id = *label;
  }
  Result<int64_t> attribute_set = stmts_->attribute_sets.Intern(AttributeSetText(attributes, local_id));
  if (!attribute_set.ok()) return attribute_set.status();
  labels.attributes = *attribute_set;
  BindResponse(insert, 1, rec, import_id, *scope, local_id, *file, labels);
  Status s = insert.Run();
  if (!s.ok()) return Status(s.code(), s.message() + " (response " + key + ")");
  if (db_->Changes() == 1) {
    ++out->responses;
    return std::make_pair(BasisOf(rec, db_->LastInsertRowid(), local_id, std::move(attributes)),
                          true);
  }
  // Stored before: its units compare with what is stored, not with `rec`.
  Statement& find = stmts_->find_response;
  find.BindInt(1, *scope);
  find.BindTextNoCopy(2, local_id);
  Result<bool> row = find.Step();
  ResponseBasis basis;
  if (row.ok() && row.value()) {
    basis.rowid = find.ColumnInt(0);
    basis.local_id = local_id;
    if (find.ColumnInt(1) != 0) basis.external_id = rec.rec.response_id;  // same key, same id
    basis.time_ms = find.ColumnOptionalInt(2);
    basis.language = find.ColumnText(3);
    basis.respondent = find.ColumnText(4);
    basis.attributes_json = find.ColumnText(5);
    basis.file = find.ColumnText(6);
    basis.line = static_cast<uint64_t>(find.ColumnInt(7));
  }
  find.Reset();
  if (!row.ok()) return row.status();
  if (basis.rowid == 0) return Status::Internal("response " + key + " neither inserted nor found");
  return std::make_pair(std::move(basis), false);
}

Status SqliteStore::WriteAnswers(const FeedbackRecord& rec, BatchOutcome* out) {
  Statement& insert = stmts_->insert_answer;
  // The ordinal numbers the answers to one question (the ticked options of a
  // multiple-choice question), so the same answer sent twice lands once.
  std::unordered_map<std::string_view, int64_t> per_question;
  for (const Answer& a : rec.rec.answers) {
    BindAnswer(insert, 1, rec.response_rowid, ++per_question[a.question], a);
    CXMAP_RETURN_IF_ERROR(insert.Run());
    out->answers += static_cast<uint64_t>(db_->Changes());
  }
  return Status::Ok();
}

Status SqliteStore::WriteMarksAndResults(Batch& batch, const std::vector<char>& eligible,
                                         BatchOutcome* out) {
  MarkTracker marks(batch);
  const size_t plugin_count = batch.plugins.size();
  std::vector<int64_t> plugin_ids;
  for (const std::string& name : batch.plugins) {
    Result<int64_t> id = results_->PluginId(name);
    if (!id.ok()) return id.status();
    plugin_ids.push_back(*id);
  }
  for (size_t i = 0; i < batch.records.size(); ++i) {
    if (!eligible[i]) continue;
    for (size_t p = 0; p < plugin_count; ++p) {
      Result<bool> is_new = results_->Mark(batch.records[i].rowid, plugin_ids[p]);
      if (!is_new.ok()) return is_new.status();
      marks.is_new[i * plugin_count + p] = is_new.value() ? 1 : 0;
    }
  }
  for (const ResultRow& r : batch.results) {
    if (!eligible[r.record_index]) continue;
    const int64_t rowid = batch.records[r.record_index].rowid;
    auto p = std::find(batch.plugins.begin(), batch.plugins.end(), r.plugin);
    bool write;
    if (p != batch.plugins.end()) {
      write = marks.is_new[r.record_index * plugin_count + (p - batch.plugins.begin())] != 0;
    } else {
      auto key = std::make_pair(r.record_index, r.plugin);
      auto it = marks.extra.find(key);
      if (it == marks.extra.end()) {
        Result<int64_t> plugin_id = results_->PluginId(r.plugin);
        if (!plugin_id.ok()) return plugin_id.status();
        Result<bool> is_new = results_->Mark(rowid, *plugin_id);
        if (!is_new.ok()) return is_new.status();
        it = marks.extra.emplace(std::move(key), is_new.value()).first;
      }
      write = it->second;
    }
    if (!write) continue;
    CXMAP_RETURN_IF_ERROR(results_->Write(rowid, batch.records[r.record_index].rec.text, r));
    ++out->results;
  }
  return results_->Flush();
}

Status SqliteStore::WriteRejects(int64_t import_id, const Batch& batch, BatchOutcome* out) {
  // Rejects and skips: one row per (file, line, reason), inserted OR IGNORE
  // so a resumed import counts each once. Skips carry no excerpt.
  auto insert_all = [&](Statement& insert, const std::vector<Rejection>& rows, bool excerpt,
                        uint64_t* counter) -> Status {
    for (const Rejection& r : rows) {
      insert.BindInt(1, import_id);
      insert.BindTextNoCopy(2, r.file);
      insert.BindInt(3, static_cast<int64_t>(r.line));
      insert.BindTextNoCopy(4, r.reason);
      if (excerpt) insert.BindTextNoCopy(5, r.excerpt);
      CXMAP_RETURN_IF_ERROR(insert.Run());
      *counter += static_cast<uint64_t>(db_->Changes());
    }
    return Status::Ok();
  };
  CXMAP_RETURN_IF_ERROR(insert_all(stmts_->insert_reject, batch.rejects, true, &out->rejected));
  CXMAP_RETURN_IF_ERROR(insert_all(stmts_->insert_skip, batch.skips, false, &out->skipped));
  Statement& add = stmts_->add_counts;
  add.BindInt(1, import_id);
  add.BindInt(2, static_cast<int64_t>(out->inserted));
  add.BindInt(3, static_cast<int64_t>(out->rejected));
  add.BindInt(4, static_cast<int64_t>(out->responses));
  return add.Run();
}

Status SqliteStore::DeclareFieldRoles(const std::string& plugin,
                                      const std::vector<std::pair<std::string, std::string>>& roles) {
  // A read command on a database it cannot write reads the roles stored.
  if (read_only_) return Status::Ok();
  return core::DeclareFieldRoles(*db_, plugin, roles);
}

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// The embedded Store: one SQLite file in WAL mode (schema in migrations.cpp,
// described in docs/data_model.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/storage/record_codec.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/store.h"

namespace cxmap::core {

class ResultWriter;

/// True when this process may write `path` and create its WAL files in
/// its folder (access(2): permissions, a read-only file system).
bool CanWriteDatabase(const std::string& path);

/// The connection of a read command: read-write when the database can be
/// written or does not exist (as SqliteDb::Open); otherwise read-only —
/// immutable when there is no -wal file beside it, since nobody can
/// change it then and a WAL database in a read-only folder cannot be read
/// any other way — with no journal switch and no migration.
Result<std::unique_ptr<SqliteDb>> OpenSqliteForReading(const std::string& path, int busy_timeout_ms);

/// Store over one SQLite connection. Statements are prepared once at open
/// and reused. Like every Store, used by one thread at a time; several
/// SqliteStore objects (threads or processes) may share one file: WAL lets
/// them read while one writes, and writers wait up to the busy timeout.
class SqliteStore final : public Store {
 public:
  /// How long a writer waits for another connection's write lock.
  static constexpr int kBusyTimeoutMs = 5000;

  /// Opens, configures and migrates; see OpenSqliteStore().
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   StoreAccess access = StoreAccess::kWrite);

  ~SqliteStore() override;

  /// Finds the import by sha256 (finished: already_complete; unfinished:
  /// resumed with the same id and its counts so far) or inserts a new one,
  /// in one transaction. InvalidArgument when sha256 is empty.
  Result<ImportHandle> BeginImport(const ImportRequest& request) override;
  /// See Store::WriteBatch. Additionally: a duplicate record's rowid is set
  /// to 0; on failure nothing is written and every rowid set is reset to 0.
  /// Results are written only where the (record, plugin) "analysed" mark is
  /// new in this batch, so re-running an analysis never duplicates results;
  /// a result's plugin that is missing from batch.plugins is marked too.
  /// InvalidArgument for a result index out of range, an unknown value type,
  /// rejects or a missing rowid with import_id 0; NotFound for an unknown
  /// import.
  Status WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) override;
  /// Sets finished_at (kept if already set). NotFound for an unknown id.
  Status FinishImport(int64_t import_id) override;
  /// See Store::ScanUnanalysed. Each batch handed to `fn` has `plugins` set
  /// to the (deduplicated) plugins, so it can go straight back to
  /// WriteBatch(0, ...) from inside `fn`. No plugins: no records.
  Status ScanUnanalysed(const std::vector<std::string>& plugins, size_t batch_size,
                        const std::function<Status(Batch&)>& fn) override;
  Result<uint64_t> CountUnanalysed(const std::vector<std::string>& plugins) override;
  Result<uint64_t> CountLongTexts(size_t bytes) override;
  /// As Store::DeclareFieldRoles; on a store opened read-only, nothing.
  Status DeclareFieldRoles(const std::string& plugin,
                           const std::vector<std::pair<std::string, std::string>>& roles) override;
  bool OpenedEmpty() const override { return opened_empty_; }
  Status Compact() override;
  Result<StoreCounts> Counts() override;
  Result<std::vector<RejectRow>> Rejects(size_t limit) override;
  Status QuarantinePlugin(const QuarantinedPlugin& q) override;
  Result<std::vector<QuarantinedPlugin>> QuarantinedPlugins() override;
  Result<bool> ReleasePlugin(const std::string& plugin) override;

 private:
  struct Statements;
  struct MarkTracker;

  SqliteStore(std::unique_ptr<SqliteDb> db, std::unique_ptr<Statements> stmts,
              std::unique_ptr<ResultWriter> results);

  Status WriteRecords(int64_t import_id, Batch& batch, std::vector<char>* eligible,
                      BatchOutcome* out);
  /// Inserts the response `rec` belongs to, or finds it: its basis for
  /// the units, and whether it was created now.
  Result<std::pair<ResponseBasis, bool>> StoreResponse(int64_t import_id,
                                                       const FeedbackRecord& rec,
                                                       const std::string& key, BatchOutcome* out);
  /// The id of a (source, prefix) scope or a file path, inserted when new.
  Result<int64_t> ScopeId(std::string_view source, std::string_view prefix);
  Result<int64_t> FileId(std::string_view path);
  /// The answers `rec` carries, for its (new) response.
  Status WriteAnswers(const FeedbackRecord& rec, BatchOutcome* out);
  Status WriteMarksAndResults(Batch& batch, const std::vector<char>& eligible,
                              BatchOutcome* out);
  Status WriteRejects(int64_t import_id, const Batch& batch, BatchOutcome* out);
  Result<std::map<std::string, uint64_t>> GroupCounts(const char* sql);

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<Statements> stmts_;  // destroyed before db_ (declared after)
  std::unique_ptr<ResultWriter> results_;  // likewise
  bool opened_empty_ = false;
  bool read_only_ = false;  // opened by a read command on a file it cannot write
  // Small dictionaries, cached; cleared when a batch rolls back.
  std::map<std::tuple<std::string, std::string>, int64_t, std::less<>> scopes_;
  std::map<std::string, int64_t, std::less<>> files_;
};

}  // namespace cxmap::core

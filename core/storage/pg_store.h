// SPDX-License-Identifier: Apache-2.0
// The server Store: a PostgreSQL database shared by many cxmap processes
// (schema in pg_schema.cpp, design in docs/scale-out.md).
#pragma once

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/pg_db.h"
#include "core/storage/store.h"
#include "core/storage/store_location.h"

namespace cxmap::core {

/// Store over one PostgreSQL connection. Each WriteBatch() is one
/// transaction: the batch is sent with binary COPY into session-local
/// staging tables, then moved with INSERT … ON CONFLICT DO NOTHING on the
/// stable response key and unit id, so a batch written twice (a worker
/// killed after its commit, an import run again) lands once. Any number of
/// processes may write one database at once.
class PgStore final : public Store {
 public:
  static Result<std::unique_ptr<PgStore>> Open(const StoreLocation& location, StoreAccess access);

  Result<ImportHandle> BeginImport(const ImportRequest& request) override;
  Status WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) override;
  Status FinishImport(int64_t import_id) override;
  Status ScanUnanalysed(const std::vector<std::string>& plugins, size_t batch_size,
                        const std::function<Status(Batch&)>& fn) override;
  Result<uint64_t> CountUnanalysed(const std::vector<std::string>& plugins) override;
  Result<uint64_t> CountLongTexts(size_t bytes) override;
  Status DeclareFieldRoles(const std::string& plugin,
                           const std::vector<std::pair<std::string, std::string>>& roles) override;
  bool OpenedEmpty() const override { return opened_empty_; }
  /// Refreshes the planner's statistics (ANALYZE): a server's autovacuum
  /// keeps the tables packed, so there is nothing to rewrite.
  Status Compact() override;
  Result<StoreCounts> Counts() override;
  Result<std::vector<RejectRow>> Rejects(size_t limit) override;
  Status QuarantinePlugin(const QuarantinedPlugin& q) override;
  Result<std::vector<QuarantinedPlugin>> QuarantinedPlugins() override;
  Result<bool> ReleasePlugin(const std::string& plugin) override;

  PgDb& db() { return *db_; }
  /// Batches written again after losing a deadlock or a serialisation
  /// conflict to another writer (WriteBatch retries up to five times).
  uint64_t conflict_retries() const { return conflict_retries_; }

 private:
  explicit PgStore(std::unique_ptr<PgDb> db) : db_(std::move(db)) {}

  /// One attempt of WriteBatch: one transaction.
  Status WriteBatchOnce(int64_t import_id, Batch& batch, BatchOutcome* outcome);
  Status WriteUnits(int64_t import_id, Batch& batch, std::vector<char>* eligible,
                    BatchOutcome* out);
  Status WriteMarksAndResults(Batch& batch, const std::vector<char>& eligible, BatchOutcome* out);
  Status WriteRejects(int64_t import_id, const Batch& batch, BatchOutcome* out);
  Result<std::map<std::string, uint64_t>> GroupCounts(const char* sql);

  std::unique_ptr<PgDb> db_;
  bool opened_empty_ = false;
  bool writable_ = false;
  uint64_t conflict_retries_ = 0;
  std::minstd_rand rng_{std::random_device{}()};
};

/// Opens (creating the schema if needed) the store at a postgresql://
/// location; see PgStore.
Result<std::unique_ptr<Store>> OpenPgStore(const StoreLocation& location, StoreAccess access);

}  // namespace cxmap::core

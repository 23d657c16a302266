// SPDX-License-Identifier: Apache-2.0
// CopyPgSnapshot() writes the embedded copy on a thread of its own while it
// reads the next page from the server (pg_snapshot.cpp, BatchWriter): a copy
// of several batches holds every row and counts it, and a write that fails
// in any batch ends the copy with that write's error, without a hang.
// Against the test server (CXMAP_TEST_PG); without one the tests skip.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/storage/pg_snapshot.h"
#include "core/storage/pg_store.h"
#include "pg_database_fixture.h"
#include "storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::MakeBatch;
using testing::MakeRequest;
using testing::MakeResult;
using testing::TempDir;

// More than two of the copy's batches (2,000 records each).
constexpr int kRecords = 4500;

// A SQLite store whose WriteBatch() number `fail_at` (1-based) fails.
class FailingStore final : public Store {
 public:
  FailingStore(std::unique_ptr<Store> inner, int fail_at)
      : inner_(std::move(inner)), fail_at_(fail_at) {}

  Status WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) override {
    if (++calls_ == fail_at_) return Status::IoError("disk full in batch " + std::to_string(calls_));
    return inner_->WriteBatch(import_id, batch, outcome);
  }
  int calls() const { return calls_; }

  Result<ImportHandle> BeginImport(const ImportRequest& r) override { return inner_->BeginImport(r); }
  Status FinishImport(int64_t id) override { return inner_->FinishImport(id); }
  Status ScanUnanalysed(const std::vector<std::string>& p, size_t n,
                        const std::function<Status(Batch&)>& fn) override {
    return inner_->ScanUnanalysed(p, n, fn);
  }
  Result<uint64_t> CountUnanalysed(const std::vector<std::string>& p) override {
    return inner_->CountUnanalysed(p);
  }
  Result<uint64_t> CountLongTexts(size_t bytes) override { return inner_->CountLongTexts(bytes); }
  Status DeclareFieldRoles(const std::string& plugin,
                           const std::vector<std::pair<std::string, std::string>>& roles) override {
    return inner_->DeclareFieldRoles(plugin, roles);
  }
  bool OpenedEmpty() const override { return inner_->OpenedEmpty(); }
  Status Compact() override { return inner_->Compact(); }
  Result<StoreCounts> Counts() override { return inner_->Counts(); }
  Result<std::vector<RejectRow>> Rejects(size_t limit) override { return inner_->Rejects(limit); }
  Status QuarantinePlugin(const QuarantinedPlugin& q) override { return inner_->QuarantinePlugin(q); }
  Result<std::vector<QuarantinedPlugin>> QuarantinedPlugins() override {
    return inner_->QuarantinedPlugins();
  }
  Result<bool> ReleasePlugin(const std::string& plugin) override {
    return inner_->ReleasePlugin(plugin);
  }

 private:
  std::unique_ptr<Store> inner_;
  int fail_at_;
  int calls_ = 0;
};

class PgSnapshotCopy : public PgDatabaseFixture {
 protected:
  // kRecords responses with a unit and two results each, in batches of 500.
  std::unique_ptr<PgStore> Fill() {
    auto store = PgStore::Open(location_, StoreAccess::kWrite);
    EXPECT_TRUE(store.ok()) << store.status().message();
    if (!store.ok()) return nullptr;
    auto h = (*store)->BeginImport(MakeRequest("sha-copy"));
    EXPECT_TRUE(h.ok()) << h.status().message();
    if (!h.ok()) return nullptr;
    for (int first = 0; first < kRecords; first += 500) {
      Batch batch = MakeBatch(first, 500);
      batch.plugins = {"p"};
      for (uint32_t i = 0; i < 500; ++i) {
        batch.results.push_back(MakeResult(i, "p", i * 0.5));
        ResultRow label = MakeResult(i, "p", 0);
        label.field = "label";
        label.type = CXMAP_TYPE_STRING;
        label.text = "label of record " + std::to_string(first + static_cast<int>(i));
        batch.results.push_back(label);
      }
      BatchOutcome out;
      Status written = (*store)->WriteBatch(h->import_id, batch, &out);
      EXPECT_TRUE(written.ok()) << written.message();
    }
    EXPECT_TRUE((*store)->FinishImport(h->import_id).ok());
    return std::move(store).value();
  }
  std::unique_ptr<Store> Embedded(const std::string& name) {
    auto store = OpenSqliteStore(dir_.File(name));
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  TempDir dir_;
};

TEST_F(PgSnapshotCopy, ACopyOfSeveralBatchesHoldsAndCountsEveryRow) {
  std::unique_ptr<PgStore> from = Fill();
  ASSERT_NE(from, nullptr);
  std::unique_ptr<Store> to = Embedded("copy.db");
  ASSERT_NE(to, nullptr);
  Result<SnapshotCounts> copied = CopyPgSnapshot(*from, *to);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  EXPECT_EQ(copied->imports, 1u);
  EXPECT_EQ(copied->responses, static_cast<uint64_t>(kRecords));
  EXPECT_EQ(copied->units, static_cast<uint64_t>(kRecords));
  EXPECT_EQ(copied->results, 2u * kRecords);
  Result<StoreCounts> counts = to->Counts();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->records, static_cast<uint64_t>(kRecords));
  EXPECT_EQ(counts->responses, static_cast<uint64_t>(kRecords));
  Result<uint64_t> unanalysed = to->CountUnanalysed({"p"});
  ASSERT_TRUE(unanalysed.ok());
  EXPECT_EQ(*unanalysed, 0u) << "every unit keeps its analysed mark";
}

TEST_F(PgSnapshotCopy, AWriteThatFailsInAnyBatchEndsTheCopyWithItsError) {
  std::unique_ptr<PgStore> from = Fill();
  ASSERT_NE(from, nullptr);
  // The first batch, one in the middle, and the last (written by Finish()).
  for (int fail_at : {1, 2, 3}) {
    SCOPED_TRACE(fail_at);
    std::unique_ptr<Store> inner = Embedded("fail" + std::to_string(fail_at) + ".db");
    ASSERT_NE(inner, nullptr);
    FailingStore to(std::move(inner), fail_at);
    Result<SnapshotCounts> copied = CopyPgSnapshot(*from, to);
    ASSERT_FALSE(copied.ok());
    EXPECT_EQ(copied.status().message(), "disk full in batch " + std::to_string(fail_at));
    EXPECT_EQ(to.calls(), fail_at) << "no batch is written after the failing one";
  }
}

}  // namespace
}  // namespace cxmap::core

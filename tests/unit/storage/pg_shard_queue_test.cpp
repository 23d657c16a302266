// SPDX-License-Identifier: Apache-2.0
// The shard queue of submit/worker against a real PostgreSQL server (the
// test cluster of scripts/test.sh, named in CXMAP_TEST_PG): claims under
// concurrency, leases that run out, the last shard finishing its file.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/storage/open_store.h"
#include "core/storage/pg_db.h"
#include "core/storage/pg_shard_queue.h"
#include "core/storage/store_location.h"
#include "storage_test_util.h"
#include "pg_database_fixture.h"

namespace cxmap::core {
namespace {

using namespace std::chrono_literals;

class ShardQueueTest : public PgDatabaseFixture {
 protected:
  void SetUp() override {
    PgDatabaseFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto store = OpenStoreAt(location_, StoreAccess::kWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    PgDatabaseFixture::TearDown();
  }

  std::unique_ptr<ShardQueue> Queue() {
    auto q = ShardQueue::Open(location_);
    EXPECT_TRUE(q.ok()) << q.status().message();
    return q.ok() ? std::move(q).value() : nullptr;
  }
  // The shards of one file of `pieces` pieces, its import begun.
  std::vector<ShardSpec> File(const std::string& sha, int pieces) {
    auto handle = store_->BeginImport(testing::MakeRequest(sha));
    EXPECT_TRUE(handle.ok()) << handle.status().message();
    std::vector<ShardSpec> out;
    for (int i = 0; i < pieces; ++i) {
      out.push_back({handle->import_id, i, "/data/" + sha + ".csv", sha + ".csv",
                     "source_csv_survey", "", pieces == 1 ? "" : "p" + std::to_string(i), 100,
                     100 * static_cast<uint64_t>(pieces), 42});
    }
    return out;
  }
  std::unique_ptr<Store> store_;
};

TEST_F(ShardQueueTest, SubmittingAFileTwiceAddsItsShardsOnce) {
  auto q = Queue();
  ASSERT_NE(q, nullptr);
  auto shards = File("a", 3);
  auto first = q->Submit(shards);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->added, 3);
  auto again = q->Submit(shards);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->requeued, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.shards"), 3);
}

TEST_F(ShardQueueTest, ConcurrentWorkersNeverClaimTheSameShard) {
  {
    auto q = Queue();
    for (int f = 0; f < 4; ++f) ASSERT_TRUE(q->Submit(File("f" + std::to_string(f), 10)).ok());
  }
  std::mutex mu;
  std::multiset<int64_t> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      auto q = Queue();
      const std::string me = "w" + std::to_string(w);
      for (;;) {
        auto c = q->Claim(me, 60s, 10);
        ASSERT_TRUE(c.ok()) << c.status().message();
        if (!c->has_value()) return;
        {
          std::lock_guard<std::mutex> lock(mu);
          claimed.insert((*c)->id);
        }
        ASSERT_TRUE(q->Complete((*c)->id, me, 1, 0, 1).ok());
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(claimed.size(), 40u);
  EXPECT_EQ(std::set<int64_t>(claimed.begin(), claimed.end()).size(), 40u) << "a shard twice";
  // Every file's last shard finished its import, whichever worker did it.
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.imports WHERE finished_at IS NOT NULL"), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.shards WHERE state = 'done'"), 40);
}

TEST_F(ShardQueueTest, AFileIsFinishedOnlyWithItsLastShard) {
  auto q = Queue();
  auto shards = File("b", 2);
  ASSERT_TRUE(q->Submit(shards).ok());
  auto one = q->Claim("w", 60s, 10);
  auto two = q->Claim("w", 60s, 10);
  ASSERT_TRUE(one.ok() && one->has_value() && two.ok() && two->has_value());
  EXPECT_EQ((*one)->spec.piece, "p0");  // oldest first: the file's order
  EXPECT_EQ((*two)->spec.piece, "p1");
  auto first_done = q->Complete((*two)->id, "w", 5, 1, 10);
  ASSERT_TRUE(first_done.ok());
  EXPECT_FALSE(*first_done);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.imports WHERE finished_at IS NOT NULL"), 0);
  auto last_done = q->Complete((*one)->id, "w", 5, 0, 10);
  ASSERT_TRUE(last_done.ok());
  EXPECT_TRUE(*last_done);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.imports WHERE finished_at IS NOT NULL"), 1);
  auto open = q->AnyOpen();
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(*open);
}

TEST_F(ShardQueueTest, AShardWhoseLeaseRanOutGoesToAnotherWorker) {
  auto q = Queue();
  ASSERT_TRUE(q->Submit(File("c", 1)).ok());
  auto first = q->Claim("dead", 200ms, 10);
  ASSERT_TRUE(first.ok() && first->has_value());
  auto none = q->Claim("alive", 60s, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "taken while its lease holds";
  auto renewed = q->Renew((*first)->id, "dead", 200ms);
  ASSERT_TRUE(renewed.ok());
  EXPECT_TRUE(*renewed);
  std::this_thread::sleep_for(400ms);
  auto second = q->Claim("alive", 60s, 10);
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->id, (*first)->id);
  EXPECT_EQ((*second)->attempts, 2);
  auto lost = q->Renew((*first)->id, "dead", 200ms);
  ASSERT_TRUE(lost.ok());
  EXPECT_FALSE(*lost) << "the first worker must learn it lost the shard";
}

TEST_F(ShardQueueTest, AShardThatKillsEveryWorkerIsFailedAfterMaxAttempts) {
  auto q = Queue();
  ASSERT_TRUE(q->Submit(File("d", 1)).ok());
  for (int i = 0; i < 3; ++i) {
    auto c = q->Claim("w" + std::to_string(i), 1ms, 3);
    ASSERT_TRUE(c.ok() && c->has_value()) << i;
    std::this_thread::sleep_for(20ms);
  }
  auto c = q->Claim("w3", 60s, 3);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->has_value());
  auto summary = q->Summary();
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->failed, 1);
  ASSERT_EQ(summary->failures.size(), 1u);
  EXPECT_NE(summary->failures[0].error.find("3 attempts"), std::string::npos)
      << summary->failures[0].error;
  // Submitting the file again puts it back, reading the file as it is now
  // (same content, touched: another modification time).
  std::vector<ShardSpec> touched = File("d", 1);
  touched[0].file_mtime_ns = 43;
  auto requeued = q->Submit(touched);
  ASSERT_TRUE(requeued.ok());
  EXPECT_EQ(requeued->requeued, 1);
  EXPECT_EQ(requeued->added, 0);
  EXPECT_EQ(Count("SELECT file_mtime_ns FROM cxmap.shards"), 43);
  auto back = q->Claim("w4", 60s, 3);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ((*back)->attempts, 1);
}

TEST_F(ShardQueueTest, ReleasedAndFailedShardsAndWorkersShowInTheSummary) {
  auto q = Queue();
  ASSERT_TRUE(q->Submit(File("e", 3)).ok());
  ASSERT_TRUE(q->Register("host:1:aa", "host", 1, 200ms).ok());
  auto a = q->Claim("host:1:aa", 60s, 10);
  auto b = q->Claim("host:1:aa", 60s, 10);
  auto c = q->Claim("host:1:aa", 60s, 10);
  ASSERT_TRUE(a.ok() && a->has_value() && b.ok() && b->has_value() && c.ok() && c->has_value());
  ASSERT_TRUE(q->Release((*a)->id, "host:1:aa").ok());
  ASSERT_TRUE(q->Fail((*b)->id, "host:1:aa", "e.csv: the file changed since it was submitted").ok());
  ASSERT_TRUE(q->Complete((*c)->id, "host:1:aa", 7, 0, 2000).ok());
  ASSERT_TRUE(q->Heartbeat("host:1:aa", "idle", 0).ok());
  auto s = q->Summary();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->pending, 1);
  EXPECT_EQ(s->running, 0);
  EXPECT_EQ(s->failed, 1);
  EXPECT_EQ(s->done, 1);
  EXPECT_EQ(s->bytes_total, 300);
  EXPECT_EQ(s->bytes_done, 100);
  ASSERT_EQ(s->workers.size(), 1u);
  EXPECT_EQ(s->workers[0].state, "idle");
  EXPECT_EQ(s->workers[0].shards_done, 1);
  EXPECT_EQ(s->workers[0].records, 7);
  EXPECT_DOUBLE_EQ(s->workers[0].busy_seconds, 2.0);
  ASSERT_EQ(s->failures.size(), 1u);
  EXPECT_NE(s->failures[0].error.find("changed"), std::string::npos);
  // Not heard of for twice its lease: lost, not idle.
  std::this_thread::sleep_for(500ms);
  auto later = q->Summary();
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->workers[0].state, "lost");
}

TEST_F(ShardQueueTest, AWorkerThatLostItsShardCanNeitherFailItNorBeCreditedTwice) {
  auto q = Queue();
  auto shards = File("g", 1);
  ASSERT_TRUE(q->Submit(shards).ok());
  ASSERT_TRUE(q->Register("old", "h", 1, 60s).ok());
  ASSERT_TRUE(q->Register("new", "h", 2, 60s).ok());
  auto first = q->Claim("old", 100ms, 10);
  ASSERT_TRUE(first.ok() && first->has_value());
  std::this_thread::sleep_for(300ms);
  auto second = q->Claim("new", 60s, 10);
  ASSERT_TRUE(second.ok() && second->has_value());
  // The old worker's error must not fail the shard the new one is reading.
  ASSERT_TRUE(q->Fail((*first)->id, "old", "late error").ok());
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.shards WHERE state = 'running'"), 1);
  // Its beat does not claim the shard back either.
  ASSERT_TRUE(q->Heartbeat("old", "working", (*first)->id).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.workers WHERE id = 'old' AND shard IS NULL"), 1);
  // Both finish it (the writes are idempotent); only the first is credited.
  ASSERT_TRUE(q->Complete((*second)->id, "new", 10, 0, 100).ok());
  ASSERT_TRUE(q->Complete((*first)->id, "old", 10, 0, 100).ok());
  EXPECT_EQ(Count("SELECT sum(shards_done) FROM cxmap.workers"), 1);
  EXPECT_EQ(Count("SELECT sum(records) FROM cxmap.workers"), 10);
  // Finished in Unix milliseconds, as imports are begun.
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.imports WHERE finished_at >= started_at AND "
                  "finished_at - started_at < 600000"),
            1);
}

TEST_F(ShardQueueTest, AReleasedClaimIsNotCountedAsAnAttempt) {
  auto q = Queue();
  ASSERT_TRUE(q->Submit(File("h", 1)).ok());
  for (int i = 0; i < 5; ++i) {
    auto c = q->Claim("w", 60s, 2);
    ASSERT_TRUE(c.ok() && c->has_value()) << "Ctrl-C " << i << " counted as an attempt";
    ASSERT_TRUE(q->Release((*c)->id, "w").ok());
  }
  int given_up = 0;
  auto c = q->Claim("w", 60s, 2, &given_up);
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->attempts, 1);
  EXPECT_EQ(given_up, 0);
}

TEST(ShardQueueOnSqlite, IsRefusedWithTheWayOut) {
  auto loc = ParseStoreLocation("/tmp/x.db");
  ASSERT_TRUE(loc.ok());
  auto q = ShardQueue::Open(*loc);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code(), Code::kNotSupported);
  EXPECT_NE(q.status().message().find("PostgreSQL"), std::string::npos) << q.status().message();
  EXPECT_NE(q.status().message().find("cxmap run"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL store against a real server: the test cluster that
// scripts/test.sh starts (scripts/pg_cluster.sh) and names in CXMAP_TEST_PG.
// Each test gets a database of its own. Without a server the tests skip.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/storage/migrations.h"
#include "core/storage/open_store.h"
#include "core/storage/pg_db.h"
#include "core/storage/pg_schema.h"
#include "core/storage/pg_store.h"
#include "core/storage/store_location.h"
#include "storage_test_util.h"
#include "pg_database_fixture.h"
#include "tests/pg_test_server.h"

namespace cxmap::core {
namespace {

using testing::MakeBatch;
using testing::MakeRecord;
using testing::MakeRequest;
using testing::MakeResult;

class PgStoreTest : public PgDatabaseFixture {
 protected:
  std::unique_ptr<Store> OpenOrDie(StoreAccess access = StoreAccess::kWrite) {
    auto store = OpenStoreAt(location_, access);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }
};

TEST_F(PgStoreTest, SchemaHasTheSqliteNumber) {
  EXPECT_EQ(PgSchemaVersion(), LatestSchemaVersion())
      << "a SQLite migration needs its PostgreSQL translation (pg_schema.cpp)";
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Count("SELECT value::bigint FROM cxmap.meta WHERE key = 'schema_version'"),
            LatestSchemaVersion());
  EXPECT_TRUE(store->OpenedEmpty());
}

TEST_F(PgStoreTest, WritesABatchOnceAndCountsIt) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-1"));
  ASSERT_TRUE(h.ok()) << h.status().message();
  Batch batch = MakeBatch(0, 5);
  batch.records[1].rec.nps.reset();
  batch.records[1].rec.time_unix_ms.reset();
  batch.records[2].rec.text = "";  // a response without a comment
  batch.records[2].rec.response_id = "R2";
  batch.records[3].rec.answers = {
      {"q1", "Pick one", AnswerKind::kChoice, "a", std::nullopt, std::nullopt},
      {"q1", "Pick one", AnswerKind::kChoice, "b", std::nullopt, std::nullopt},
      {"q2", "Rate", AnswerKind::kRating, "4", 4.0, std::make_pair(1.0, 5.0)}};
  batch.rejects.push_back({"input.csv", 9, "bad quote", "\"x"});
  batch.rejects.push_back({"input.csv", 9, "bad quote", "\"x"});
  batch.skips.push_back({"input.csv", 10, "blank row", ""});
  BatchOutcome out;
  ASSERT_TRUE(store->WriteBatch(h->import_id, batch, &out).ok());
  EXPECT_EQ(out.responses, 5u);
  EXPECT_EQ(out.inserted, 4u);
  EXPECT_EQ(out.answers, 3u);
  EXPECT_EQ(out.rejected, 1u);
  EXPECT_EQ(out.skipped, 1u);
  EXPECT_EQ(batch.records[2].rowid, 0);
  EXPECT_GT(batch.records[2].response_rowid, 0);
  for (int i : {0, 1, 3, 4}) EXPECT_GT(batch.records[i].rowid, 0) << i;
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.response_rows WHERE nps IS NULL AND time_ms IS NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.answers WHERE question = 'q1'"), 2);

  // The same batch again (a worker killed after its commit): nothing twice.
  Batch again = MakeBatch(0, 5);
  again.records[2].rec.text = "";
  again.records[2].rec.response_id = "R2";
  again.rejects = batch.rejects;
  BatchOutcome out2;
  ASSERT_TRUE(store->WriteBatch(h->import_id, again, &out2).ok());
  EXPECT_EQ(out2.responses, 0u);
  EXPECT_EQ(out2.inserted, 0u);
  EXPECT_EQ(out2.duplicates, 5u);
  EXPECT_EQ(out2.rejected, 0u);
  for (size_t i = 0; i < again.records.size(); ++i)
    EXPECT_EQ(again.records[i].response_rowid, batch.records[i].response_rowid) << i;

  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->responses, 5u);
  EXPECT_EQ(counts->responses_with_text, 4u);
  EXPECT_EQ(counts->records, 4u);
  EXPECT_EQ(counts->answers, 3u);
  EXPECT_EQ(counts->rejected, 1u);
  EXPECT_EQ(counts->skipped, 1u);
  auto rejects = store->Rejects(0);
  ASSERT_TRUE(rejects.ok());
  ASSERT_EQ(rejects->size(), 1u);
  EXPECT_EQ((*rejects)[0].line, 9u);
  EXPECT_EQ((*rejects)[0].reason, "bad quote");
}

// Two writers holding each other's response keys: the server picks one as
// the deadlock's victim and rolls its transaction back. Here the victim is
// always the store (another session holds rec-1 and then asks for rec-0,
// with a deadlock timeout far longer than the store's 5 s), and its batch
// must be written again, not fail.
TEST_F(PgStoreTest, ABatchThatLosesADeadlockIsWrittenAgain) {
  auto opened = PgStore::Open(location_, StoreAccess::kWrite);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  PgStore& store = **opened;
  auto h = store.BeginImport(MakeRequest("sha-deadlock"));
  ASSERT_TRUE(h.ok()) << h.status().message();
  // The server looks for a deadlock once per wait, in the waiting session,
  // after its deadlock_timeout: 5 s leaves time for the other session to
  // close the cycle first even on a slow sanitizer run.
  ASSERT_TRUE(store.db().Exec("SET deadlock_timeout = '5s'", "setting").ok());
  auto other = PgDb::Open(location_.target, "other writer");
  ASSERT_TRUE(other.ok()) << other.status().message();
  PgDb& o = **other;
  ASSERT_TRUE(o.Exec("SET deadlock_timeout = '60s'", "setting").ok());
  ASSERT_TRUE(o.Exec("BEGIN", "begin").ok());
  auto hold = [&](const char* key) {
    return o.Query(
        "INSERT INTO cxmap.response_rows (key, source, import_id, response_id, channel, "
        "sub_channel, language, respondent, segment, attributes, file, line) VALUES ($1, "
        "'source_csv_survey', $2, '', 'survey', '', 'en', '', '', '{}', 'other.csv', 1)",
        PgParams().Text(key).Int(h->import_id), "holding a key");
  };
  ASSERT_TRUE(hold("rec-1").ok());

  Batch batch = MakeBatch(0, 2);  // keys rec-0, then rec-1
  Status written;
  BatchOutcome out;
  std::thread writer([&] { written = store.WriteBatch(h->import_id, batch, &out); });
  // The store has rec-0 and waits for rec-1.
  bool waiting = false;
  for (int i = 0; i < 200 && !waiting; ++i) {
    waiting = Count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'") > 0;
    if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(waiting);
  // Now the other session asks for rec-0: a deadlock, which the server
  // breaks by rolling the store's transaction back after 1 s.
  EXPECT_TRUE(hold("rec-0").ok());
  EXPECT_TRUE(o.Exec("COMMIT", "commit").ok());
  writer.join();
  EXPECT_TRUE(written.ok()) << written.message();
  EXPECT_GE(store.conflict_retries(), 1u);
  EXPECT_EQ(out.responses, 0u);  // the other writer stored both responses first
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.response_rows"), 2);
}

TEST_F(PgStoreTest, ImportIsResumedThenComplete) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto first = store->BeginImport(MakeRequest("sha-2"));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->resumed);
  Batch batch = MakeBatch(0, 3);
  ASSERT_TRUE(store->WriteBatch(first->import_id, batch, nullptr).ok());
  auto resumed = store->BeginImport(MakeRequest("sha-2"));
  ASSERT_TRUE(resumed.ok());
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(resumed->import_id, first->import_id);
  EXPECT_EQ(resumed->accepted, 3u);
  EXPECT_EQ(resumed->source, "source_csv_survey");
  ASSERT_TRUE(store->FinishImport(first->import_id).ok());
  auto done = store->BeginImport(MakeRequest("sha-2"));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->already_complete);
  EXPECT_EQ(store->FinishImport(999).code(), Code::kNotFound);
  EXPECT_EQ(store->BeginImport(MakeRequest("")).status().code(), Code::kInvalidArgument);
}

TEST_F(PgStoreTest, ResultsAreWrittenOncePerPluginAndUnit) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-3"));
  ASSERT_TRUE(h.ok());
  Batch batch = MakeBatch(0, 4);
  batch.plugins = {"analysis_a", "analysis_b"};
  batch.results.push_back(MakeResult(0, "analysis_a", 0.5));
  batch.results.push_back(MakeResult(1, "analysis_a", -0.25));
  BatchOutcome out;
  ASSERT_TRUE(store->WriteBatch(h->import_id, batch, &out).ok());
  EXPECT_EQ(out.results, 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.analysis"), 8);  // 4 units x 2 plugins
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.analysis a, jsonb_array_elements(a.packed::jsonb) v"
                  " WHERE (v->>4)::float8 = -0.25"),
            1);
  auto unanalysed = store->CountUnanalysed({"analysis_a", "analysis_c"});
  ASSERT_TRUE(unanalysed.ok());
  EXPECT_EQ(*unanalysed, 4u);

  // `analyze` with a new plugin: every unit handed out once, written back.
  size_t seen = 0;
  Status s = store->ScanUnanalysed({"analysis_c", "analysis_c"}, 3, [&](Batch& b) -> Status {
    EXPECT_EQ(b.plugins, std::vector<std::string>{"analysis_c"});
    for (size_t i = 0; i < b.records.size(); ++i) {
      EXPECT_GT(b.records[i].rowid, 0);
      EXPECT_FALSE(b.records[i].rec.text.empty());
      b.results.push_back(MakeResult(static_cast<uint32_t>(i), "analysis_c", 1.0));
    }
    seen += b.records.size();
    return store->WriteBatch(0, b, nullptr);
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(seen, 4u);
  EXPECT_EQ(*store->CountUnanalysed({"analysis_c"}), 0u);
  // Written again (a retried batch): the marks exist, no value twice.
  Batch replay = MakeBatch(0, 4);
  ASSERT_TRUE(store->WriteBatch(h->import_id, replay, nullptr).ok());
  EXPECT_EQ(Count("SELECT sum(value_count) FROM cxmap.analysis WHERE plugin = 'analysis_c'"), 4);
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->results, 6u);
  EXPECT_EQ(counts->results_by_plugin.at("analysis_c"), 4u);
}

TEST_F(PgStoreTest, FailingBatchLeavesNothing) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-4"));
  ASSERT_TRUE(h.ok());
  Batch batch = MakeBatch(0, 3);
  batch.records[1].rec.text = "bad \xff byte";  // not UTF-8: the server refuses the batch
  Status s = store->WriteBatch(h->import_id, batch, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("postgresql"), std::string::npos) << s.message();
  for (const FeedbackRecord& r : batch.records) EXPECT_EQ(r.rowid, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.response_rows"), 0);
  // The connection is usable afterwards.
  Batch good = MakeBatch(0, 3);
  EXPECT_TRUE(store->WriteBatch(h->import_id, good, nullptr).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.units"), 3);
}

TEST_F(PgStoreTest, BehavesAsSqliteOnTheEdgesOfTheModel) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-edges"));
  ASSERT_TRUE(h.ok());
  Batch batch = MakeBatch(0, 4);
  // Two calls numbering their turns alike: both turns are stored.
  batch.records[0].id = batch.records[1].id = "src:turn-1";
  batch.records[0].rec.response_id = "call-A";
  batch.records[1].rec.response_id = "call-B";
  // A response's second record brings answers the first did not.
  batch.records[2].rec.response_id = batch.records[3].rec.response_id = "survey-9";
  batch.records[3].rec.answers = {{"q1", "Rate", AnswerKind::kRating, "4", 4.0, std::nullopt}};
  // A result of a plugin that is not listed marks only its own unit.
  batch.results.push_back(MakeResult(0, "analysis_extra", 1.0));
  BatchOutcome out;
  ASSERT_TRUE(store->WriteBatch(h->import_id, batch, &out).ok());
  EXPECT_EQ(out.inserted, 4u);
  EXPECT_EQ(out.answers, 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.units WHERE id = 'src:turn-1'"), 2);
  EXPECT_EQ(*store->CountUnanalysed({"analysis_extra"}), 3u);
}

// A batch whose responses were partly stored by an earlier batch (a call
// whose turns span two batches, a survey exported twice): each unit hangs
// off its own response, found by key, and only new responses add answers.
TEST_F(PgStoreTest, ABatchMixingStoredAndNewResponsesLinksEachUnitToItsResponse) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-mixed"));
  ASSERT_TRUE(h.ok());
  Batch first = MakeBatch(0, 2);
  first.records[0].rec.response_id = "call-A";
  first.records[1].rec.response_id = "call-B";
  ASSERT_TRUE(store->WriteBatch(h->import_id, first, nullptr).ok());
  const int64_t call_a = first.records[0].response_rowid, call_b = first.records[1].response_rowid;
  ASSERT_GT(call_a, 0);
  ASSERT_NE(call_a, call_b);

  Batch second = MakeBatch(2, 3);
  second.records[0].rec.response_id = "call-B";  // stored before
  second.records[1].rec.response_id = "call-C";  // new
  second.records[1].rec.answers = {{"q1", "Rate", AnswerKind::kRating, "4", 4.0, std::nullopt}};
  second.records[2].rec.response_id = "call-A";  // stored before, with answers now ignored
  second.records[2].rec.answers = {{"q1", "Rate", AnswerKind::kRating, "2", 2.0, std::nullopt}};
  BatchOutcome out;
  ASSERT_TRUE(store->WriteBatch(h->import_id, second, &out).ok());
  EXPECT_EQ(out.responses, 1u);
  EXPECT_EQ(out.inserted, 3u);
  EXPECT_EQ(out.answers, 1u);
  EXPECT_EQ(second.records[0].response_rowid, call_b);
  EXPECT_EQ(second.records[2].response_rowid, call_a);
  const int64_t call_c = second.records[1].response_rowid;
  EXPECT_GT(call_c, 0);
  EXPECT_NE(call_c, call_a);
  EXPECT_NE(call_c, call_b);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.units u JOIN cxmap.response_rows r"
                  " ON r.rowid = u.response WHERE r.response_id = 'call-A'"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.units u JOIN cxmap.response_rows r"
                  " ON r.rowid = u.response WHERE r.response_id = 'call-B'"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.answers a JOIN cxmap.response_rows r"
                  " ON r.rowid = a.response WHERE r.response_id = 'call-C' AND a.number = 4"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.answers"), 1);
}

TEST_F(PgStoreTest, NulBytesAreStoredAsReplacementCharacters) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto h = store->BeginImport(MakeRequest("sha-nul"));
  ASSERT_TRUE(h.ok());
  Batch batch = MakeBatch(0, 2);
  batch.records[0].rec.text = std::string("a\0b", 3);
  batch.records[1].rec.response_id = std::string("R\0", 2);  // a key with a NUL
  batch.rejects.push_back({"input.csv", 3, "odd", std::string("x\0y", 3)});
  ASSERT_TRUE(store->WriteBatch(h->import_id, batch, nullptr).ok());
  const int64_t response = batch.records[1].response_rowid;
  EXPECT_GT(response, 0);
  // Again (a resumed batch): the key is found, not stored twice.
  Batch again = MakeBatch(0, 2);
  again.records[1].rec.response_id = std::string("R\0", 2);
  BatchOutcome out;
  ASSERT_TRUE(store->WriteBatch(h->import_id, again, &out).ok());
  EXPECT_EQ(out.responses, 0u);
  EXPECT_EQ(again.records[1].response_rowid, response);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.units WHERE text = 'a' || chr(65533) || 'b'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.rejected WHERE excerpt = 'x' || chr(65533) || 'y'"),
            1);
}

TEST_F(PgStoreTest, ForeignOrNewerSchemaIsRefusedUntouched) {
  {
    auto db = PgDb::Open(location_.target, "setup");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE SCHEMA cxmap; CREATE TABLE cxmap.other (x int)", "setup").ok());
  }
  auto foreign = OpenStoreAt(location_);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), Code::kNotSupported) << foreign.status().message();
  EXPECT_EQ(Count("SELECT count(*) FROM pg_tables WHERE schemaname = 'cxmap'"), 1);
  {
    auto db = PgDb::Open(location_.target, "setup");
    ASSERT_TRUE((*db)->Exec("DROP SCHEMA cxmap CASCADE", "setup").ok());
  }
  ASSERT_NE(OpenOrDie(), nullptr);
  {
    auto db = PgDb::Open(location_.target, "setup");
    ASSERT_TRUE(
        (*db)
            ->Exec("UPDATE cxmap.meta SET value = '999' WHERE key = 'schema_version'", "setup")
            .ok());
  }
  auto newer = OpenStoreAt(location_);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), Code::kNotSupported);
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos) << newer.status().message();
}

TEST_F(PgStoreTest, WorkersStartingTogetherMigrateOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto s = OpenStoreAt(location_);
      if (s.ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM cxmap.meta"), 2);
}

TEST_F(PgStoreTest, ReadAccessCreatesNothing) {
  auto store = OpenStoreAt(location_, StoreAccess::kRead);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kNotFound);
  EXPECT_EQ(Count("SELECT count(*) FROM pg_namespace WHERE nspname = 'cxmap'"), 0);
}

TEST(StoreLocation, ChoosesTheBackendAndHidesPasswords) {
  auto pg = ParseStoreLocation("postgresql://ana:s3cr%40t@db.example:5432/cx?sslmode=require");
  ASSERT_TRUE(pg.ok());
  EXPECT_TRUE(pg->postgres());
  EXPECT_EQ(pg->display, "postgresql://ana:***@db.example:5432/cx?sslmode=require");
  EXPECT_EQ(RedactStoreUrl("postgres://h/db?user=a&password=x&sslmode=disable"),
            "postgres://h/db?user=a&password=***&sslmode=disable");
  auto file = ParseStoreLocation("data/cx.db");
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file->postgres());
  EXPECT_EQ(file->target, "data/cx.db");
  EXPECT_EQ(ParseStoreLocation("sqlite:x.db")->target, "x.db");
  auto mysql = ParseStoreLocation("mysql://u:pw@h/db");
  ASSERT_FALSE(mysql.ok());
  EXPECT_EQ(mysql.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(mysql.status().message().find("pw"), std::string::npos) << mysql.status().message();
  EXPECT_FALSE(ParseStoreLocation("").ok());
  // libpq ends the user info at the first '@'; a password may hold '?'.
  EXPECT_EQ(RedactStoreUrl("postgresql://cx:what?ever@db/cx"), "postgresql://cx:***@db/cx");
  EXPECT_EQ(RedactStoreUrl("postgresql://cx@db/cx?sslpassword=k&password=p"),
            "postgresql://cx@db/cx?sslpassword=***&password=***");
  EXPECT_EQ(RedactStoreUrl("postgresql://cx@db/cx"), "postgresql://cx@db/cx");
  auto conninfo = ParseStoreLocation("host=db password=s3cret");
  ASSERT_FALSE(conninfo.ok());
  EXPECT_EQ(conninfo.status().message().find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core

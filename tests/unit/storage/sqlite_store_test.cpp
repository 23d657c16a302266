// SPDX-License-Identifier: Apache-2.0
#include "core/storage/sqlite_store.h"

#include <gtest/gtest.h>

#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::MakeBatch;
using testing::MakeRecord;
using testing::MakeRequest;
using testing::MakeResult;
using testing::RawDb;
using testing::TempDir;

class SqliteStoreTest : public testing::StoreFixture {
 protected:
  SqliteStoreTest() : StoreFixture("cx.db") {}

  int64_t Begin(const std::string& sha = "sha-1") {
    auto handle = store_->BeginImport(MakeRequest(sha));
    EXPECT_TRUE(handle.ok()) << handle.status().ToString();
    return handle.ok() ? handle->import_id : 0;
  }

  StoreCounts Counts() {
    auto counts = store_->Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? counts.value() : StoreCounts{};
  }

};

TEST_F(SqliteStoreTest, InsertsABatchAndCountsIt) {
  const int64_t id = Begin();
  Batch batch = MakeBatch(0, 6);
  batch.rejects.push_back({"input.csv", 9, "bad quote", "\"x"});
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.inserted, 6u);
  EXPECT_EQ(out.duplicates, 0u);
  EXPECT_EQ(out.rejected, 1u);
  for (const FeedbackRecord& r : batch.records) EXPECT_GT(r.rowid, 0) << r.id;
  EXPECT_NE(batch.records[0].rowid, batch.records[1].rowid);

  StoreCounts c = Counts();
  EXPECT_EQ(c.imports, 1u);
  EXPECT_EQ(c.records, 6u);
  EXPECT_EQ(c.rejected, 1u);
  EXPECT_EQ(c.results, 0u);
  EXPECT_EQ(c.records_by_channel, (std::map<std::string, uint64_t>{{"call", 3}, {"survey", 3}}));
  EXPECT_EQ(c.records_by_language, (std::map<std::string, uint64_t>{{"en", 4}, {"vi", 2}}));
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT accepted FROM imports"), 6);
  EXPECT_EQ(raw.Int("SELECT rejected FROM imports"), 1);
  EXPECT_EQ(raw.Text("SELECT finished_at FROM imports"), "NULL");
}

TEST_F(SqliteStoreTest, AbsentScoresAndTimeAreNullNotZero) {
  const int64_t id = Begin();
  Batch batch = MakeBatch(0, 1);
  Record& r = batch.records[0].rec;
  r.nps.reset();
  r.csat.reset();
  r.ces = 0.0;  // a real zero stays a zero
  r.rating.reset();
  r.time_unix_ms.reset();
  ASSERT_TRUE(store_->WriteBatch(id, batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT typeof(nps) FROM records"), "null");
  EXPECT_EQ(raw.Text("SELECT typeof(csat) FROM records"), "null");
  EXPECT_EQ(raw.Text("SELECT typeof(rating) FROM records"), "null");
  EXPECT_EQ(raw.Text("SELECT typeof(time_ms) FROM records"), "null");
  EXPECT_EQ(raw.Text("SELECT typeof(ces) || ':' || ces FROM records"), "real:0.0");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM records WHERE nps = '' OR nps = 0"), 0);
}

TEST_F(SqliteStoreTest, RewritingTheSameBatchAddsNothing) {
  const int64_t id = Begin();
  Batch first = MakeBatch(0, 5);
  first.plugins = {"analysis_sentiment"};
  first.results.push_back(MakeResult(2, "analysis_sentiment", 0.5));
  first.rejects.push_back({"input.csv", 4, "too many columns", "a,b,c"});
  ASSERT_TRUE(store_->WriteBatch(id, first, nullptr).ok());

  Batch again = MakeBatch(0, 5);
  again.plugins = first.plugins;
  again.results = first.results;
  again.rejects = first.rejects;
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, again, &out).ok());
  EXPECT_EQ(out.inserted, 0u);
  EXPECT_EQ(out.duplicates, 5u);
  EXPECT_EQ(out.rejected, 0u);
  EXPECT_EQ(out.results, 0u);
  for (const FeedbackRecord& r : again.records) EXPECT_EQ(r.rowid, 0);

  StoreCounts c = Counts();
  EXPECT_EQ(c.records, 5u);
  EXPECT_EQ(c.results, 1u);
  EXPECT_EQ(c.rejected, 1u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT accepted FROM imports"), 5);
  EXPECT_EQ(raw.Int("SELECT rejected FROM imports"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), 5);
}

TEST_F(SqliteStoreTest, MixedBatchInsertsOnlyTheNewRecordsAndTheirResults) {
  const int64_t id = Begin();
  Batch first = MakeBatch(0, 2);
  ASSERT_TRUE(store_->WriteBatch(id, first, nullptr).ok());
  Batch mixed = MakeBatch(1, 2);  // rec-1 is stored, rec-2 is new
  mixed.plugins = {"analysis_sentiment"};
  mixed.results = {MakeResult(0, "analysis_sentiment", 0.1), MakeResult(1, "analysis_sentiment", 0.2)};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, mixed, &out).ok());
  EXPECT_EQ(out.inserted, 1u);
  EXPECT_EQ(out.duplicates, 1u);
  EXPECT_EQ(out.results, 1u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT r.id FROM results JOIN records r ON r.rowid = results.record"),
            "rec-2");
  EXPECT_EQ(raw.Text("SELECT group_concat(r.id) FROM analyses a JOIN records r"
                     " ON r.rowid = a.record"),
            "rec-2");
}

TEST_F(SqliteStoreTest, UnfinishedImportIsResumedUnderTheSameId) {
  const int64_t id = Begin("same-content");
  Batch batch = MakeBatch(0, 3);
  batch.rejects.push_back({"input.csv", 1, "empty", ""});
  ASSERT_TRUE(store_->WriteBatch(id, batch, nullptr).ok());

  auto again = store_->BeginImport(MakeRequest("same-content"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->import_id, id);
  EXPECT_TRUE(again->resumed);
  EXPECT_FALSE(again->already_complete);
  EXPECT_EQ(again->accepted, 3u);
  EXPECT_EQ(again->rejected, 1u);
  EXPECT_EQ(Counts().imports, 1u);
}

TEST_F(SqliteStoreTest, FinishedImportIsAlreadyComplete) {
  const int64_t id = Begin("done");
  Batch batch = MakeBatch(0, 4);
  ASSERT_TRUE(store_->WriteBatch(id, batch, nullptr).ok());
  ASSERT_TRUE(store_->FinishImport(id).ok());
  RawDb raw(path_);
  const std::string finished = raw.Text("SELECT finished_at FROM imports");
  EXPECT_NE(finished, "NULL");
  ASSERT_TRUE(store_->FinishImport(id).ok());  // idempotent, keeps the first time
  EXPECT_EQ(raw.Text("SELECT finished_at FROM imports"), finished);

  auto again = store_->BeginImport(MakeRequest("done"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->import_id, id);
  EXPECT_TRUE(again->already_complete);
  EXPECT_FALSE(again->resumed);
  EXPECT_EQ(again->accepted, 4u);

  auto other = store_->BeginImport(MakeRequest("other-content"));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->import_id, id);
  EXPECT_FALSE(other->resumed);
  EXPECT_FALSE(other->already_complete);
  EXPECT_EQ(store_->FinishImport(9999).code(), Code::kNotFound);
}

TEST_F(SqliteStoreTest, ImportWithoutShaIsRefused) {
  auto handle = store_->BeginImport(MakeRequest(""));
  ASSERT_FALSE(handle.ok());
  EXPECT_EQ(handle.status().code(), Code::kInvalidArgument);
}

TEST_F(SqliteStoreTest, RejectsAreDeduplicatedPerImport) {
  const int64_t id = Begin();
  Batch batch;
  batch.rejects = {{"a.csv", 3, "bad", "x"}, {"a.csv", 3, "bad", "x"}, {"a.csv", 3, "other", "x"},
                   {"a.csv", 4, "bad", "x"}};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.rejected, 3u);
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.rejected, 0u);
  EXPECT_EQ(Counts().rejected, 3u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT rejected FROM imports"), 3);
}

TEST_F(SqliteStoreTest, ResultsAreTypedAndMarksWrittenEvenWithoutResults) {
  const int64_t id = Begin();
  Batch batch = MakeBatch(0, 3);
  batch.plugins = {"analysis_sentiment", "analysis_journey"};
  ResultRow real = MakeResult(0, "analysis_sentiment", -0.75);
  ResultRow integer = MakeResult(0, "analysis_sentiment", 0);
  integer.field = "count";
  integer.type = CXMAP_TYPE_INTEGER;
  integer.integer = 42;
  ResultRow text = MakeResult(1, "analysis_journey", 0);
  text.field = "stage";
  text.type = CXMAP_TYPE_STRING;
  text.text = "onboarding";
  text.sentence = 2;
  text.sentence_text = "We signed up.";
  text.evidence = {"cue:signed up", "rule:\"quoted\""};
  ResultRow json = MakeResult(1, "analysis_journey", 0);
  json.field = "map";
  json.type = CXMAP_TYPE_JSON;
  json.text = R"({"says":["slow"]})";
  ResultRow boolean = MakeResult(1, "analysis_journey", 0);
  boolean.field = "churn_risk";
  boolean.type = CXMAP_TYPE_BOOL;
  boolean.integer = 5;
  ResultRow null = MakeResult(2, "analysis_journey", 0);
  null.field = "none";
  null.type = CXMAP_TYPE_NULL;
  batch.results = {real, integer, text, json, boolean, null};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.results, 6u);

  RawDb raw(path_);
  auto value = [&](const std::string& field) {
    return raw.Text("SELECT value_type || ':' || typeof(value) || ':' || ifnull(value, 'NULL')"
                    " FROM results WHERE field = '" + field + "'");
  };
  EXPECT_EQ(value("score"), "real:real:-0.75");
  EXPECT_EQ(value("count"), "integer:integer:42");
  EXPECT_EQ(value("stage"), "string:text:onboarding");
  EXPECT_EQ(value("map"), R"(json:text:{"says":["slow"]})");
  EXPECT_EQ(value("churn_risk"), "bool:integer:1");
  EXPECT_EQ(value("none"), "null:null:NULL");
  EXPECT_EQ(raw.Text("SELECT evidence FROM results WHERE field = 'stage'"),
            R"(["cue:signed up","rule:\"quoted\""])");
  EXPECT_EQ(raw.Text("SELECT sentence || '|' || sentence_text FROM results"
                     " WHERE field = 'stage'"),
            "2|We signed up.");
  EXPECT_EQ(raw.Int("SELECT sentence FROM results WHERE field = 'score'"), -1);
  // 3 records x 2 plugins, including record 2 that has no journey result
  // besides NULL and no sentiment result at all.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), 6);
  StoreCounts c = Counts();
  EXPECT_EQ(c.results_by_plugin,
            (std::map<std::string, uint64_t>{{"analysis_journey", 4}, {"analysis_sentiment", 2}}));
}

TEST_F(SqliteStoreTest, InvalidBatchesAreRefusedBeforeWriting) {
  const int64_t id = Begin();
  Batch bad_index = MakeBatch(0, 2);
  bad_index.results.push_back(MakeResult(2, "analysis_sentiment", 1));
  EXPECT_EQ(store_->WriteBatch(id, bad_index, nullptr).code(), Code::kInvalidArgument);
  Batch bad_type = MakeBatch(0, 2);
  bad_type.results.push_back(MakeResult(0, "analysis_sentiment", 1));
  bad_type.results.back().type = 99;
  EXPECT_EQ(store_->WriteBatch(id, bad_type, nullptr).code(), Code::kInvalidArgument);
  Batch no_import = MakeBatch(0, 2);
  EXPECT_EQ(store_->WriteBatch(id + 100, no_import, nullptr).code(), Code::kNotFound);
  Batch no_rowid = MakeBatch(0, 1);
  EXPECT_EQ(store_->WriteBatch(0, no_rowid, nullptr).code(), Code::kInvalidArgument);
  EXPECT_EQ(Counts().records, 0u);
}

TEST_F(SqliteStoreTest, FailingBatchRollsBackEntirely) {
  const int64_t id = Begin();
  Batch good = MakeBatch(0, 2);
  ASSERT_TRUE(store_->WriteBatch(id, good, nullptr).ok());
  {
    // Fail after the records and results of the next batch are written:
    // the reject insert is the last step of WriteBatch.
    RawDb raw(path_);
    ASSERT_TRUE(raw.Exec("CREATE TRIGGER fail_rejects BEFORE INSERT ON rejected"
                         " BEGIN SELECT RAISE(ABORT, 'forced failure'); END"));
  }
  Batch doomed = MakeBatch(2, 3);
  doomed.plugins = {"analysis_sentiment"};
  doomed.results.push_back(MakeResult(0, "analysis_sentiment", 0.3));
  // Texts first interned inside the failed transaction: the retry must
  // not reuse their ids (the writer's caches are forgotten on rollback).
  doomed.records[0].rec.segment = "khách hàng mới";
  doomed.records[0].rec.attributes = {{"kênh", "Zalo"}};
  ResultRow list = MakeResult(0, "analysis_sentiment", 0);
  list.field = "cues";
  list.type = CXMAP_TYPE_JSON;
  list.text = R"(["chậm","ช้า"])";
  list.evidence = {"cue:chậm quá"};
  doomed.results.push_back(list);
  doomed.rejects.push_back({"input.csv", 7, "bad", "x"});
  BatchOutcome out;
  Status s = store_->WriteBatch(id, doomed, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("forced failure"), std::string::npos) << s.message();
  EXPECT_EQ(out.inserted, 0u);  // outcome untouched on failure
  for (const FeedbackRecord& r : doomed.records) EXPECT_EQ(r.rowid, 0);

  StoreCounts c = Counts();
  EXPECT_EQ(c.records, 2u);
  EXPECT_EQ(c.results, 0u);
  EXPECT_EQ(c.rejected, 0u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), 0);
  EXPECT_EQ(raw.Int("SELECT accepted FROM imports"), 2);
  // The store stays usable after the failure.
  ASSERT_TRUE(raw.Exec("DROP TRIGGER fail_rejects"));
  ASSERT_TRUE(store_->WriteBatch(id, doomed, &out).ok());
  EXPECT_EQ(out.inserted, 3u);
  EXPECT_EQ(Counts().records, 5u);
  const int64_t first = doomed.records[0].rowid;
  EXPECT_EQ(raw.Text("SELECT segment || '|' || attributes FROM records WHERE rowid = " +
                     std::to_string(first)),
            R"(khách hàng mới|{"kênh":"Zalo"})");
  EXPECT_EQ(raw.Text("SELECT value || '|' || evidence FROM results WHERE field = 'cues' AND record = " +
                     std::to_string(first)),
            R"(["chậm","ช้า"]|["cue:chậm quá"])");
}

// A store knows whether it held any response when opened (a first load is
// compacted), and compacting keeps every row.
TEST(SqliteStoreCompact, FirstLoadIsKnownAndCompactingKeepsTheRows) {
  TempDir dir;
  const std::string path = dir.File("compact.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE((*store)->OpenedEmpty());
    auto handle = (*store)->BeginImport(MakeRequest("c"));
    ASSERT_TRUE(handle.ok());
    Batch batch = MakeBatch(0, 50);
    batch.plugins = {"analysis_sentiment"};
    for (uint32_t i = 0; i < 50; ++i) batch.results.push_back(MakeResult(i, "analysis_sentiment", 0.5));
    ASSERT_TRUE((*store)->WriteBatch(handle->import_id, batch, nullptr).ok());
    // Free pages that only a compaction gives back.
    RawDb raw(path);
    ASSERT_TRUE(raw.Exec("CREATE TABLE scratch AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                         " SELECT i + 1 FROM n WHERE i < 200) SELECT randomblob(4000) FROM n;"
                         " DROP TABLE scratch; PRAGMA wal_checkpoint(TRUNCATE);"));
    ASSERT_GT(raw.Int("PRAGMA freelist_count"), 100);
    ASSERT_TRUE((*store)->Compact().ok());
  }
  auto again = OpenSqliteStore(path);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE((*again)->OpenedEmpty());
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA freelist_count"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM records"), 50);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results WHERE field = 'score' AND value = 0.5"), 50);
}

TEST_F(SqliteStoreTest, InjectionLookingTextIsStoredVerbatim) {
  const int64_t id = Begin("'); DROP TABLE imports;--");
  Batch batch = MakeBatch(0, 1);
  const std::string evil = "'); DROP TABLE records;--";
  batch.records[0].id = evil;
  batch.records[0].rec.text = evil;
  batch.records[0].rec.language = evil;
  batch.records[0].rec.attributes = {{evil, evil}};
  batch.rejects.push_back({evil, 1, evil, evil});
  ASSERT_TRUE(store_->WriteBatch(id, batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'records'"), 1);
  EXPECT_EQ(raw.Text("SELECT id FROM records"), evil);
  EXPECT_EQ(raw.Text("SELECT text FROM records"), evil);
  EXPECT_EQ(raw.Text("SELECT reason FROM rejected"), evil);
  EXPECT_EQ(raw.Text("SELECT sha256 FROM imports"), "'); DROP TABLE imports;--");
  EXPECT_EQ(Counts().records_by_language, (std::map<std::string, uint64_t>{{evil, 1}}));
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// ScanUnanalysed and the analyze path (WriteBatch with import_id 0).
#include <gtest/gtest.h>

#include "core/storage/sqlite_store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::MakeBatch;
using testing::MakeRecord;
using testing::MakeRequest;
using testing::MakeResult;
using testing::RawDb;
using testing::TempDir;

class ScanTest : public testing::StoreFixture {
 protected:
  ScanTest() : StoreFixture("scan.db") {}
  void SetUp() override {
    StoreFixture::SetUp();
    if (HasFatalFailure()) return;
    auto handle = store_->BeginImport(MakeRequest("scan"));
    ASSERT_TRUE(handle.ok());
    import_id_ = handle->import_id;
  }

  // Scans and returns the ids seen, in order, and the batch sizes.
  std::vector<std::string> ScanIds(const std::vector<std::string>& plugins, size_t batch_size,
                                   std::vector<size_t>* sizes = nullptr) {
    std::vector<std::string> ids;
    Status s = store_->ScanUnanalysed(plugins, batch_size, [&](Batch& b) {
      if (sizes != nullptr) sizes->push_back(b.records.size());
      for (const FeedbackRecord& r : b.records) ids.push_back(r.id);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return ids;
  }

  int64_t import_id_ = 0;
};

TEST_F(ScanTest, ReturnsOnlyRecordsMissingAMarkInRowidOrderAndBatches) {
  Batch analysed = MakeBatch(0, 3);
  analysed.plugins = {"analysis_sentiment", "analysis_journey"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, analysed, nullptr).ok());
  Batch half = MakeBatch(3, 2);
  half.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, half, nullptr).ok());
  Batch raw_only = MakeBatch(5, 5);
  ASSERT_TRUE(store_->WriteBatch(import_id_, raw_only, nullptr).ok());

  std::vector<size_t> sizes;
  EXPECT_EQ(ScanIds({"analysis_sentiment", "analysis_journey"}, 3, &sizes),
            (std::vector<std::string>{"rec-3", "rec-4", "rec-5", "rec-6", "rec-7", "rec-8",
                                      "rec-9"}));
  EXPECT_EQ(sizes, (std::vector<size_t>{3, 3, 1}));
  EXPECT_EQ(ScanIds({"analysis_sentiment"}, 100).size(), 5u);
  EXPECT_EQ(ScanIds({"analysis_sentiment", "analysis_sentiment"}, 100).size(), 5u);
  EXPECT_TRUE(ScanIds({}, 100).empty());
  EXPECT_EQ(ScanIds({"analysis_new"}, 4).size(), 10u);
}

TEST_F(ScanTest, RoundTripsEveryField) {
  Batch batch = MakeBatch(0, 2);
  FeedbackRecord& full = batch.records[0];
  full.rec.text = "Dịch vụ chậm, \"quá\" tệ\nline two\t😀";
  full.rec.attributes = {{"z", "last"}, {"a", "first"}, {"empty", ""}, {"quote", "\"{}\""}};
  full.rec.channel = Channel::kSocial;
  full.rec.record_number = 1ull << 40;
  FeedbackRecord& sparse = batch.records[1];
  sparse.rec.nps.reset();
  sparse.rec.csat.reset();
  sparse.rec.ces.reset();
  sparse.rec.rating = 0.0;
  sparse.rec.time_unix_ms.reset();
  sparse.rec.attributes.clear();
  sparse.rec.respondent.clear();
  sparse.rec.segment.clear();
  ASSERT_TRUE(store_->WriteBatch(import_id_, batch, nullptr).ok());

  std::vector<FeedbackRecord> seen;
  Status s = store_->ScanUnanalysed({"analysis_sentiment"}, 10, [&](Batch& b) {
    EXPECT_EQ(b.plugins, (std::vector<std::string>{"analysis_sentiment"}));
    seen = b.records;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(seen.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const FeedbackRecord& want = batch.records[i];
    const FeedbackRecord& got = seen[i];
    SCOPED_TRACE(want.id);
    EXPECT_EQ(got.rowid, want.rowid);
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.rec.external_id, want.rec.external_id);
    EXPECT_EQ(got.rec.channel, want.rec.channel);
    EXPECT_EQ(got.rec.sub_channel, want.rec.sub_channel);
    EXPECT_EQ(got.rec.time_unix_ms, want.rec.time_unix_ms);
    EXPECT_EQ(got.rec.language, want.rec.language);
    EXPECT_EQ(got.rec.text, want.rec.text);
    EXPECT_EQ(got.rec.respondent, want.rec.respondent);
    EXPECT_EQ(got.rec.segment, want.rec.segment);
    EXPECT_EQ(got.rec.nps, want.rec.nps);
    EXPECT_EQ(got.rec.csat, want.rec.csat);
    EXPECT_EQ(got.rec.ces, want.rec.ces);
    EXPECT_EQ(got.rec.rating, want.rec.rating);
    EXPECT_EQ(got.rec.attributes, want.rec.attributes);
    EXPECT_EQ(got.rec.file, want.rec.file);
    EXPECT_EQ(got.rec.line, want.rec.line);
    EXPECT_EQ(got.rec.record_number, want.rec.record_number);
  }
  EXPECT_FALSE(seen[1].rec.nps.has_value());
  ASSERT_TRUE(seen[1].rec.rating.has_value());
  EXPECT_EQ(*seen[1].rec.rating, 0.0);
}

TEST_F(ScanTest, AnalyzePathWritesResultsOnceForStoredRecords) {
  Batch batch = MakeBatch(0, 4);
  ASSERT_TRUE(store_->WriteBatch(import_id_, batch, nullptr).ok());
  const std::vector<std::string> plugins = {"analysis_sentiment"};
  int batches = 0;
  Status s = store_->ScanUnanalysed(plugins, 3, [&](Batch& b) {
    ++batches;
    for (uint32_t i = 0; i < b.records.size(); ++i) {
      b.results.push_back(MakeResult(i, "analysis_sentiment", 0.25 * i));
    }
    BatchOutcome out;
    Status w = store_->WriteBatch(0, b, &out);  // inside the scan, on purpose
    EXPECT_EQ(out.results, b.records.size());
    EXPECT_EQ(out.inserted, 0u);
    return w;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(batches, 2);
  EXPECT_TRUE(ScanIds(plugins, 10).empty());
  EXPECT_EQ(ScanIds({"analysis_sentiment", "analysis_journey"}, 10).size(), 4u);

  // Writing the same analysis again (a re-run after a crash) adds nothing.
  Batch again;
  again.plugins = plugins;
  again.records = batch.records;
  again.results = {MakeResult(0, "analysis_sentiment", 9)};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(0, again, &out).ok());
  EXPECT_EQ(out.results, 0u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results"), 4);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), 4);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM records"), 4);
}

TEST_F(ScanTest, ResultOfAPluginNotListedIsMarkedToo) {
  Batch batch = MakeBatch(0, 1);
  batch.results = {MakeResult(0, "analysis_extra", 1), MakeResult(0, "analysis_extra", 2)};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(import_id_, batch, &out).ok());
  EXPECT_EQ(out.results, 2u);
  EXPECT_TRUE(ScanIds({"analysis_extra"}, 10).empty());
  ASSERT_TRUE(store_->WriteBatch(0, batch, &out).ok());
  EXPECT_EQ(out.results, 0u);
}

TEST_F(ScanTest, StopsAtTheFirstErrorOfTheCallback) {
  Batch batch = MakeBatch(0, 10);
  ASSERT_TRUE(store_->WriteBatch(import_id_, batch, nullptr).ok());
  int calls = 0;
  Status s = store_->ScanUnanalysed({"analysis_sentiment"}, 2, [&](Batch&) {
    ++calls;
    return calls == 2 ? Status::Cancelled("stop") : Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kCancelled);
  EXPECT_EQ(calls, 2);
}

// Marks are ranges of consecutive units per plugin: batches that follow
// each other extend one range, a gap starts another, and the analyses view
// lists every marked unit once.
TEST_F(ScanTest, MarksAreRangesOfConsecutiveUnits) {
  Batch first = MakeBatch(0, 3);
  first.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, first, nullptr).ok());
  Batch second = MakeBatch(3, 2);
  second.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, second, nullptr).ok());
  Batch unmarked = MakeBatch(5, 1);
  ASSERT_TRUE(store_->WriteBatch(import_id_, unmarked, nullptr).ok());
  Batch after_gap = MakeBatch(6, 2);
  after_gap.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, after_gap, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(first || '-' || last, ' ') FROM analysed_ranges"),
            "1-5 7-8");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses WHERE plugin = 'analysis_sentiment'"), 7);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses a JOIN records r ON r.rowid = a.record"
                    " WHERE r.id = 'rec-5'"),
            0);
  EXPECT_EQ(ScanIds({"analysis_sentiment"}, 100), (std::vector<std::string>{"rec-5"}));
  // Marking the gap later joins the ranges on both sides into one.
  Batch gap = MakeBatch(5, 1);
  gap.records[0].rowid = 6;
  gap.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(0, gap, nullptr).ok());
  EXPECT_EQ(raw.Text("SELECT group_concat(first || '-' || last, ' ') FROM analysed_ranges"), "1-8");
  EXPECT_TRUE(ScanIds({"analysis_sentiment"}, 100).empty());
}

TEST_F(ScanTest, UnitsInsideALaterRangeAreNotMarkedAgain) {
  // Ranges 1-3 and 5-6; then one batch marks 4 (the gap) and 5-6 again.
  // The writer answers "which range holds this unit" for a window of units
  // at a time; the window must end where the next range starts.
  Batch first = MakeBatch(0, 3);
  first.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, first, nullptr).ok());
  Batch unmarked = MakeBatch(3, 1);
  ASSERT_TRUE(store_->WriteBatch(import_id_, unmarked, nullptr).ok());
  Batch later = MakeBatch(4, 2);
  later.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(import_id_, later, nullptr).ok());
  RawDb raw(path_);
  ASSERT_EQ(raw.Text("SELECT group_concat(first || '-' || last, ' ') FROM analysed_ranges"),
            "1-3 5-6");
  Batch again = MakeBatch(3, 3);
  for (size_t i = 0; i < again.records.size(); ++i) again.records[i].rowid = int64_t(4 + i);
  again.plugins = {"analysis_sentiment"};
  ASSERT_TRUE(store_->WriteBatch(0, again, nullptr).ok());
  EXPECT_EQ(raw.Text("SELECT group_concat(first || '-' || last, ' ') FROM analysed_ranges"), "1-6");
}

TEST_F(ScanTest, AnalyzePathRefusesUnknownRowids) {
  Batch batch = MakeBatch(0, 1);
  batch.records[0].rowid = 424242;
  batch.plugins = {"analysis_sentiment"};
  Status s = store_->WriteBatch(0, batch, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no stored unit with rowid 424242"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace cxmap::core

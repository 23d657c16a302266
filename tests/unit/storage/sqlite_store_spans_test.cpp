// SPDX-License-Identifier: Apache-2.0
// Evidence spans through the store: a few bytes per value, read back as
// the places of the evidence in the unit's own text, in all four languages.
#include <gtest/gtest.h>

#include "core/storage/span_codec.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/unit_reads.h"
#include "storage_test_util.h"

namespace cxmap::core {
namespace {

class SpansTest : public testing::StoreFixture {
 protected:
  SpansTest() : StoreFixture("spans.db") {}

  // A label on unit `index` whose evidence is `cues`, each found at its
  // first place in `text` (searched in order).
  static ResultRow Label(uint32_t index, int32_t sentence, const std::string& text,
                         const std::vector<std::string>& cues) {
    ResultRow r;
    r.record_index = index;
    r.plugin = "vendor_sentiment";
    r.field = "label";
    r.sentence = sentence;
    r.type = CXMAP_TYPE_STRING;
    r.text = "negative";
    size_t from = 0;
    for (const std::string& cue : cues) {
      const size_t at = text.find(cue, from);
      r.spans.push_back({at, at + cue.size(), static_cast<uint32_t>(r.evidence.size())});
      r.evidence.push_back("cue:" + cue);
      from = at + cue.size();
    }
    return r;
  }

  Batch Units(const std::vector<std::string>& texts) {
    Batch b;
    for (size_t i = 0; i < texts.size(); ++i) {
      FeedbackRecord r = testing::MakeRecord(static_cast<int>(i) + 1);
      r.rec.text = texts[i];
      b.records.push_back(r);
    }
    b.plugins = {"vendor_sentiment"};
    return b;
  }

  int64_t Begin() {
    auto handle = store_->BeginImport(testing::MakeRequest("sha-spans"));
    EXPECT_TRUE(handle.ok()) << handle.status().ToString();
    return handle.ok() ? handle->import_id : 0;
  }
};

TEST_F(SpansTest, QueryReadsThePlacesOfTheEvidenceInTheUnitsText) {
  const std::vector<std::string> texts = {
      "Giao hàng chậm quá, rất chậm.", "Giao hang cham qua", "รอนานมาก พนักงานไม่สนใจ",
      "快递太慢了，客服很差。", "物流太慢，客服態度很差。", "The courier was late and rude."};
  const std::vector<std::vector<std::string>> cues = {
      {"chậm", "rất chậm"}, {"cham"}, {"รอนาน", "ไม่สนใจ"}, {"太慢", "很差"}, {"太慢", "很差"},
      {"late", "rude"}};
  Batch batch = Units(texts);
  for (uint32_t i = 0; i < texts.size(); ++i) batch.results.push_back(Label(i, -1, texts[i], cues[i]));
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());

  auto db = SqliteDb::Open(path_, 1000);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (size_t i = 0; i < texts.size(); ++i) {
    auto details = ReadUnitDetails(**db, static_cast<int64_t>(i) + 1, static_cast<int64_t>(i) + 1);
    ASSERT_TRUE(details.ok()) << details.status().ToString();
    const auto& spans = details->spans["vendor_sentiment"];
    ASSERT_EQ(spans.size(), cues[i].size()) << texts[i];
    for (size_t k = 0; k < cues[i].size(); ++k) {
      EXPECT_EQ(spans[k]["field"], "label");
      EXPECT_EQ(spans[k]["text"], cues[i][k]) << texts[i];
      EXPECT_EQ(spans[k]["evidence"], "cue:" + cues[i][k]);
      EXPECT_EQ(texts[i].substr(spans[k]["begin"].get<size_t>(),
                                spans[k]["end"].get<size_t>() - spans[k]["begin"].get<size_t>()),
                cues[i][k]);
    }
  }
}

TEST_F(SpansTest, StoredAsAFewBytesAndInheritedByTheOnlySentence) {
  const std::string one = "Giao hàng chậm quá", two = "Ship chậm. Nhân viên rất tệ.";
  Batch batch = Units({one, two});
  batch.results = {Label(0, -1, one, {"chậm"}), Label(0, 0, one, {"chậm"}),
                   Label(1, -1, two, {"chậm", "rất tệ"}), Label(1, 0, two, {"chậm"}),
                   Label(1, 1, two, {"rất tệ"})};
  batch.results[4].spans[0].begin = two.find("rất tệ");  // searched from 0: same place
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  testing::RawDb raw(path_);
  // A one-sentence unit's sentence row inherits the unit row's spans.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results WHERE record = 1 AND spans IS NOT NULL"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1 WHERE record = 1"), 1);
  EXPECT_EQ(raw.Int("SELECT max(length(p1)) FROM results_1"), 4) << "two spans, two bytes each";
  EXPECT_EQ(raw.Int("SELECT evidence FROM result_fields WHERE field = 'label'"), 3)
      << "bit 1: evidence column, bit 2: spans column";
  // The sentence row's spans still count bytes of the whole unit.
  auto db = SqliteDb::Open(path_, 1000);
  ASSERT_TRUE(db.ok());
  auto st = (*db)->Prepare("SELECT spans FROM results WHERE record = 2 AND sentence = 1");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  auto spans = DecodeSpans(st->ColumnBlob(0));
  ASSERT_TRUE(spans.ok());
  ASSERT_EQ(spans->size(), 1u);
  EXPECT_EQ(two.substr((*spans)[0].begin, (*spans)[0].end - (*spans)[0].begin), "rất tệ");
}

TEST_F(SpansTest, AValueWithoutPlacesHasNoSpans) {
  Batch batch = Units({"Máy tốt"});
  ResultRow model = Label(0, -1, "Máy tốt", {});
  model.evidence = {"model:vi(positive 0.91)"};
  batch.results = {model};
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  testing::RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results WHERE spans IS NOT NULL"), 0);
  EXPECT_EQ(raw.Int("SELECT evidence FROM result_fields WHERE field = 'label'"), 1);
  auto db = SqliteDb::Open(path_, 1000);
  ASSERT_TRUE(db.ok());
  auto details = ReadUnitDetails(**db, 1, 1);
  ASSERT_TRUE(details.ok());
  EXPECT_TRUE(details->spans.empty());
  EXPECT_EQ(details->results["vendor_sentiment"]["label"], "negative");
}

}  // namespace
}  // namespace cxmap::core

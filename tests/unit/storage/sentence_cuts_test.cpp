// SPDX-License-Identifier: Apache-2.0
// A one-sentence unit stores no sentences row; the results view still
// reads its sentence as the whole text, also after a later plugin cuts the
// unit differently.
#include <gtest/gtest.h>

#include "storage_test_util.h"

namespace cxmap::core {
namespace {

class SentenceCutsTest : public testing::StoreFixture {
 protected:
  SentenceCutsTest() : StoreFixture("cuts.db") {}

  static ResultRow Sentence(uint32_t index, const std::string& plugin, int32_t sentence,
                            const std::string& text, double score) {
    ResultRow r = testing::MakeResult(index, plugin, score);
    r.sentence = sentence;
    r.sentence_text = text;
    return r;
  }
  std::string Texts(const std::string& plugin) {
    testing::RawDb raw(path_);
    return raw.Text("SELECT group_concat(record || '/' || sentence || ':' || sentence_text, '|') FROM"
                    " (SELECT * FROM results WHERE plugin = '" + plugin +
                    "' AND sentence >= 0 ORDER BY record, sentence)");
  }
};

TEST_F(SentenceCutsTest, AWholeTextSentenceHasNoRowAndReadsBackWhole) {
  const std::vector<std::string> texts = {"Giao hàng chậm quá", "ส่งช้ามาก", "快递太慢了",
                                          "物流太慢", "Late again", "Ship nhanh. Đóng gói kỹ."};
  Batch batch;
  for (size_t i = 0; i < texts.size(); ++i) {
    FeedbackRecord r = testing::MakeRecord(static_cast<int>(i) + 1);
    r.rec.text = texts[i];
    batch.records.push_back(r);
  }
  batch.plugins = {"vendor_a"};
  for (uint32_t i = 0; i < 5; ++i) {
    batch.results.push_back(testing::MakeResult(i, "vendor_a", -0.5));
    batch.results.push_back(Sentence(i, "vendor_a", 0, texts[i], i == 4 ? 0.1 : -0.5));
  }
  batch.results.push_back(Sentence(5, "vendor_a", 0, "Ship nhanh.", 0.5));
  batch.results.push_back(Sentence(5, "vendor_a", 1, "Đóng gói kỹ.", 0.5));
  auto handle = store_->BeginImport(testing::MakeRequest("sha-cuts"));
  ASSERT_TRUE(handle.ok());
  ASSERT_TRUE(store_->WriteBatch(handle->import_id, batch, nullptr).ok());
  testing::RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sentences"), 2) << "only the two-sentence unit's";
  EXPECT_EQ(Texts("vendor_a"),
            "1/0:Giao hàng chậm quá|2/0:ส่งช้ามาก|3/0:快递太慢了|4/0:物流太慢|5/0:Late again|"
            "6/0:Ship nhanh.|6/1:Đóng gói kỹ.");
}

TEST_F(SentenceCutsTest, ALaterShorterCutDoesNotChangeWhatEarlierResultsRead) {
  const std::string text = "Giao hàng chậm quá. Nhưng nhân viên dễ thương";
  Batch first;
  FeedbackRecord r = testing::MakeRecord(1);
  r.rec.text = text;
  first.records.push_back(r);
  first.plugins = {"vendor_whole"};
  first.results = {testing::MakeResult(0, "vendor_whole", 0.2), Sentence(0, "vendor_whole", 0, text, 0.2)};
  auto handle = store_->BeginImport(testing::MakeRequest("sha-1"));
  ASSERT_TRUE(handle.ok());
  ASSERT_TRUE(store_->WriteBatch(handle->import_id, first, nullptr).ok());
  ASSERT_TRUE(store_->FinishImport(handle->import_id).ok());

  // `analyze` with a plugin that cuts the unit in two.
  Batch later;
  later.records.push_back(first.records[0]);
  later.plugins = {"vendor_cut"};
  later.results = {Sentence(0, "vendor_cut", 0, "Giao hàng chậm quá.", -0.6),
                   Sentence(0, "vendor_cut", 1, "Nhưng nhân viên dễ thương", 0.6)};
  ASSERT_TRUE(store_->WriteBatch(0, later, nullptr).ok());
  EXPECT_EQ(Texts("vendor_whole"), "1/0:" + text);
  EXPECT_EQ(Texts("vendor_cut"), "1/0:Giao hàng chậm quá.|1/1:Nhưng nhân viên dễ thương");
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/ml/tokenizer.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/text/text_services_abi.h"
#include "cxmap/model_tokens.h"

namespace cxmap::core::ml {
namespace {

TEST(DefaultTokenize, FoldsCaseAndDiacriticsAndSplitsPunctuation) {
  EXPECT_EQ(DefaultTokenize("giao hang cham qua!"), "giao hang cham qua !");
  // With diacritics: the same folded tokens first (so both spellings share
  // them), then the words as written, which keep tệ apart from tê.
  EXPECT_EQ(DefaultTokenize("Giao HÀNG  chậm quá!"), "giao hang cham qua ! giao hàng chậm quá !");
  EXPECT_EQ(DefaultTokenize("NOT good :( 👍"), "not good :( 👍");
  EXPECT_NE(DefaultTokenize("tệ quá"), DefaultTokenize("tê quá"));
  // Thai and Chinese keys never differ from their exact form: one half.
  std::string th = DefaultTokenize("ส่งของช้ามาก");
  EXPECT_EQ(th.find("ส่ง"), th.rfind("ส่ง")) << th;
}

TEST(DefaultTokenize, SegmentsThaiAndChineseAndFoldsTraditional) {
  std::string th = DefaultTokenize("อาหารอร่อยมาก");
  EXPECT_NE(th.find("อาหาร"), std::string::npos) << th;
  EXPECT_NE(th.find(' '), std::string::npos) << "Thai is split into words: " << th;
  EXPECT_EQ(DefaultTokenize("客服態度很好"), DefaultTokenize("客服态度很好"));
  EXPECT_NE(DefaultTokenize("质量很好，客服回复很快").find("客服"), std::string::npos);
}

TEST(DefaultTokenize, DropsLabelLookalikesAndEmptyText) {
  // The segmenter already splits "__label__positive"; either way no token
  // may start with fastText's label prefix.
  std::string t = DefaultTokenize("__label__positive great");
  EXPECT_EQ(t.rfind("__label__", 0), std::string::npos) << t;
  EXPECT_EQ(t.find(" __label__"), std::string::npos) << t;
  std::string piece;
  cxmap::AppendModelTokenPieces("__label__x", piece);
  EXPECT_EQ(piece, "");
  EXPECT_EQ(DefaultTokenize("   "), "");
  EXPECT_EQ(DefaultTokenize(""), "");
}

TEST(DefaultTokenize, IsWhatPluginsComputeThroughTheSdk) {
  // Training (core) and prediction (plugins, via the host text services and
  // cxmap::ModelTokens) must agree token for token.
  cxmap::TextServices text(TextServicesTable());
  auto ws = text.NewWorkspace();
  ASSERT_TRUE(ws.ok());
  for (const char* s : {"Giao hàng chậm quá 😡 nhưng shop dễ thương", "ส่งของช้ามาก 555",
                        "客服態度很差，再也不買了", "Flight delayed 3 hours :( never again"}) {
    auto a = ws->Analyze(s);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(DefaultTokenize(s), cxmap::ModelTokens(*a)) << s;
  }
}

TEST(DefaultTokenize, GivesTheSameAnswerOnManyThreads) {
  const std::string expected = DefaultTokenize("ส่งของช้ามาก 门店服务差");
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        mismatches[t] += DefaultTokenize("ส่งของช้ามาก 门店服务差") != expected;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace cxmap::core::ml

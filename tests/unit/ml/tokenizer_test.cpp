// SPDX-License-Identifier: Apache-2.0
#include "core/ml/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cxmap::core::ml {
namespace {

TEST(DefaultTokenize, LowerCasesAndKeepsLatinChunks) {
  EXPECT_EQ(DefaultTokenize("Giao HÀNG  chậm quá!"), "giao hàng chậm quá!");
  EXPECT_EQ(DefaultTokenize("NOT good :( 👍"), "not good :( 👍");
}

TEST(DefaultTokenize, SplitsThaiAndChinese) {
  std::string th = DefaultTokenize("อาหารอร่อยมาก");
  EXPECT_NE(th.find(' '), std::string::npos) << th;
  EXPECT_EQ(th.find("อาหาร"), 0u) << th;
  std::string zh = DefaultTokenize("质量很好，客服回复很快");
  EXPECT_NE(zh.find(' '), std::string::npos) << zh;
  EXPECT_NE(zh.find("质量"), std::string::npos) << zh;
}

TEST(DefaultTokenize, DropsLabelLookalikesAndEmptyText) {
  EXPECT_EQ(DefaultTokenize("__label__positive great"), "great");
  EXPECT_EQ(DefaultTokenize("   "), "");
  EXPECT_EQ(DefaultTokenize(""), "");
}

TEST(DefaultTokenize, GivesTheSameAnswerOnManyThreads) {
  const std::string expected = DefaultTokenize("ส่งของช้ามาก 门店服务差");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
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

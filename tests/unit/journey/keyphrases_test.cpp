// SPDX-License-Identifier: Apache-2.0
#include "core/journey/keyphrases.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace cxmap::core {
namespace {

std::vector<std::string> Keys(const std::vector<std::pair<std::string, std::string>>& phrases) {
  std::vector<std::string> out;
  for (const auto& p : phrases) out.push_back(p.first);
  return out;
}

bool Has(const std::vector<std::string>& keys, const std::string& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

TEST(PhraseExtractor, FoldsSpellingsAndSkipsStopWordsInEveryLanguage) {
  PhraseExtractor e;
  auto vi = Keys(e.Extract("Giao hàng chậm quá, đợi 5 ngày"));
  EXPECT_TRUE(Has(vi, "giao hang cham")) << "phrases span Vietnamese compounds";
  EXPECT_FALSE(Has(vi, "qua")) << "a stop word is no theme";
  EXPECT_FALSE(Has(vi, "5")) << "nor a bare number";
  EXPECT_EQ(Keys(e.Extract("giao hang cham qua, doi 5 ngay")), vi) << "with or without diacritics";
  auto zh = Keys(e.Extract("快遞太慢了"));
  EXPECT_TRUE(Has(zh, "快递")) << "Traditional folds to Simplified; words come from the segmenter";
  auto th = Keys(e.Extract("ส่งของช้ามาก"));
  EXPECT_FALSE(th.empty());
  EXPECT_FALSE(Has(th, "มาก"));
  auto en = Keys(e.Extract("The box arrived damaged"));
  EXPECT_TRUE(Has(en, "box arrived damaged"));
  EXPECT_FALSE(Has(en, "the box")) << "no phrase starts with a stop word";
}

// Issue 17: "bao" (how), "ngay" (right away), time units: never a theme on
// their own nor its last word, but "bao bì" (packaging) stays one.
TEST(PhraseExtractor, WordsThatNeedTheNextWordNeverEndATheme) {
  PhraseExtractor e;
  auto when = Keys(e.Extract("App bao giờ mới sửa lỗi, giao ngay đi"));
  EXPECT_FALSE(Has(when, "bao"));
  EXPECT_FALSE(Has(when, "app bao"));
  EXPECT_FALSE(Has(when, "giao ngay"));
  EXPECT_TRUE(Has(when, "sua loi")) << "the rest still makes themes";
  auto packaging = Keys(e.Extract("Bao bì bị móp hết"));
  EXPECT_TRUE(Has(packaging, "bao bi")) << "a compound it opens is kept";
  auto wait = Keys(e.Extract("Waited three weeks for the refund"));
  EXPECT_FALSE(Has(wait, "weeks"));
  EXPECT_TRUE(Has(wait, "refund"));
}

// Issue 17: handles, tags, links and fillers are never themes.
TEST(PhraseExtractor, SkipsHandlesLinksAndFillers) {
  PhraseExtractor e;
  auto en = Keys(e.Extract("@united lost my bag again http://t.co/abc please help"));
  for (const auto& k : en) {
    EXPECT_EQ(k.find("united"), std::string::npos) << k;
    EXPECT_EQ(k.find("t.co"), std::string::npos) << k;
    EXPECT_EQ(k.find("http"), std::string::npos) << k;
  }
  EXPECT_TRUE(Has(en, "lost")) << "the complaint stays";
  auto vi = Keys(e.Extract("Mong shop giao hàng nhanh hơn, mỗi lần đợi cả tuần"));
  EXPECT_FALSE(Has(vi, "mong"));
  EXPECT_FALSE(Has(vi, "moi"));
  EXPECT_TRUE(std::any_of(vi.begin(), vi.end(),
                          [](const std::string& k) { return k.find("giao hang") != std::string::npos; }))
      << "the complaint stays";
  auto th = Keys(e.Extract("ส่งช้ามากค่า 555"));
  EXPECT_FALSE(Has(th, "555"));
  auto zh = Keys(e.Extract("麻烦你们快点发货，谢谢 #物流"));
  EXPECT_FALSE(Has(zh, "谢谢"));
  EXPECT_FALSE(Has(zh, "麻烦"));
}

TEST(TopThemes, KeepsTheLongestPhraseOfTheSameTextsAndNeedsLift) {
  PhraseStats corpus;
  corpus.AddDocument({{"cham", "chậm"}, {"giao hang", "giao hàng"}, {"giao hang cham", "giao hàng chậm"}});
  corpus.AddDocument({{"cham", "chậm"}, {"giao hang", "giao hàng"}, {"giao hang cham", "giao hàng chậm"}});
  for (int i = 0; i < 6; ++i) corpus.AddDocument({{"gia", "giá"}});
  std::unordered_map<std::string, uint64_t> group{{"cham", 2}, {"giao hang", 2}, {"giao hang cham", 2}};
  auto themes = TopThemes(group, 2, corpus, 5, 1);
  ASSERT_EQ(themes.size(), 1u) << "'cham' and 'giao hang' are inside 'giao hang cham' in the same texts";
  EXPECT_EQ(themes[0].phrase, "giao hàng chậm");
  EXPECT_EQ(themes[0].volume, 2u);
  // Lift: P(group) = 1, P(corpus) = 3/9 → 3.
  EXPECT_NEAR(themes[0].lift, 3.0, 1e-9);
  std::unordered_map<std::string, uint64_t> common{{"gia", 1}};
  EXPECT_TRUE(TopThemes(common, 8, corpus, 5, 1).empty()) << "rarer in the group than overall";
}

}  // namespace
}  // namespace cxmap::core

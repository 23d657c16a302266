// SPDX-License-Identifier: Apache-2.0
// Thai and Chinese word segmentation against ICU's dictionary breaker (the
// issue's baseline) on the project's gold sets: ours must be at least as
// good, per language, or the choice in thai_segmenter.h and
// chinese_segmenter.h no longer holds.
#include "core/text/segmentation_score.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "core/text/chinese_segmenter.h"
#include "core/text/text_analyzer.h"

namespace cxmap::core {
namespace {

std::string Gold(std::string_view lang) {
  return std::string(CXMAP_TEST_DATA_DIR) + "/segmentation/" + std::string(lang) + ".txt";
}

void ExpectOursAtLeastIcu(std::string_view lang) {
  TextAnalyzer analyzer;
  auto icu = ScoreSegmentation(Gold(lang), lang, Segmenter::kIcu, &analyzer);
  auto ours = ScoreSegmentation(Gold(lang), lang, Segmenter::kCxmap, &analyzer);
  ASSERT_TRUE(icu.ok()) << icu.status().ToString();
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_EQ(icu->sentences, 30u);
  EXPECT_EQ(icu->gold, ours->gold);
  EXPECT_GE(ours->F1(), icu->F1()) << lang << ": ours P " << ours->Precision() << " R " << ours->Recall()
                                   << ", ICU P " << icu->Precision() << " R " << icu->Recall();
}

TEST(Segmentation, ThaiMaximalMatchingAtLeastIcu) { ExpectOursAtLeastIcu("th"); }

TEST(Segmentation, SimplifiedChineseJiebaAtLeastIcu) {
  if (!ChineseSegmenter::Get().loaded()) GTEST_SKIP() << "jieba dict.txt (python3-jieba) not installed";
  ExpectOursAtLeastIcu("zh-Hans");
}

TEST(Segmentation, TraditionalChineseJiebaAtLeastIcu) {
  if (!ChineseSegmenter::Get().loaded()) GTEST_SKIP() << "jieba dict.txt (python3-jieba) not installed";
  ExpectOursAtLeastIcu("zh-Hant");
}

TEST(Segmentation, ScoresAreExactSpanMatches) {
  SegmentationScore s{1, 4, 5, 3};
  EXPECT_DOUBLE_EQ(s.Precision(), 0.6);
  EXPECT_DOUBLE_EQ(s.Recall(), 0.75);
  EXPECT_NEAR(s.F1(), 2 * 0.6 * 0.75 / 1.35, 1e-12);
  EXPECT_EQ(SegmentationScore{}.F1(), 0);
}

TEST(Segmentation, BadGoldFilesAreErrors) {
  TextAnalyzer analyzer;
  EXPECT_EQ(ScoreSegmentation("/nonexistent/th.txt", "th", Segmenter::kCxmap, &analyzer).status().code(),
            Code::kNotFound);
  std::string path = ::testing::TempDir() + "/bad_gold.txt";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("# comment\nดี|มาก\nดี||มาก\n", f);
  std::fclose(f);
  auto r = ScoreSegmentation(path, "th", Segmenter::kIcu, &analyzer);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad_gold.txt:3: empty word"), std::string::npos) << r.status().message();
}

TEST(ChineseSegmenter, DomainWordsJoinAndMatchBothScripts) {
  if (!ChineseSegmenter::Get().loaded()) GTEST_SKIP() << "jieba dict.txt (python3-jieba) not installed";
  TextAnalyzer analyzer;
  auto keys = [&](std::string_view text) {
    std::vector<std::string> out;
    const TextAnalysis& a = analyzer.Analyze(text);
    for (const Token& t : a.tokens) out.emplace_back(a.key(t));
    return out;
  };
  // A made-up product (lobster burger) no other test uses: the dictionary
  // is process-wide.
  auto has = [](const std::vector<std::string>& v, std::string_view w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  size_t before = ChineseSegmenter::Get().size();
  ASSERT_FALSE(has(keys("龙虾堡很好吃"), "龙虾堡"));
  ASSERT_TRUE(ChineseSegmenter::AddDomainWords({"龙虾堡"}));
  EXPECT_EQ(ChineseSegmenter::Get().size(), before + 1);
  std::vector<std::string> simplified = keys("龙虾堡很好吃"), traditional = keys("龍蝦堡很好吃");
  EXPECT_TRUE(has(simplified, "龙虾堡"));
  EXPECT_EQ(simplified, traditional);
  ASSERT_TRUE(ChineseSegmenter::AddDomainWords({"龙虾堡"}));  // again: still one word
  EXPECT_EQ(ChineseSegmenter::Get().size(), before + 1);
}

}  // namespace
}  // namespace cxmap::core

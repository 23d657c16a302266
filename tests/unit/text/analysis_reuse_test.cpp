// SPDX-License-Identifier: Apache-2.0
// TextAnalyzer copies the analysis of a text its thread analysed lately
// instead of analysing it again: the copy must be exactly what a fresh
// analysis gives, and must follow the dictionaries each analyzer uses.
#include <gtest/gtest.h>

#include <string>

#include "core/text/chinese_segmenter.h"
#include "core/text/text_analyzer.h"
#include "core/text/thai_segmenter.h"

namespace cxmap::core {
namespace {

std::string Tokens(const TextAnalysis& a) {
  std::string out;
  for (const Token& t : a.tokens) {
    out += std::string(a.surface(t)) + "=" + std::string(a.key(t)) + "/" +
           std::to_string(t.sentence) + "/" + std::to_string(t.run) + "|";
  }
  return out + a.language.tag;
}

TEST(AnalysisReuse, ARepeatIsTheSameAnalysisWithANewSerial) {
  for (const char* text : {"Giao hàng chậm quá. Nhân viên dễ thương", "giao hang cham qua",
                           "ส่งของช้ามาก แต่พนักงานดี", "物流太慢了，客服很好", "物流太慢了，客服態度很好",
                           "App crashed after the update 😡"}) {
    TextAnalyzer fresh, reused;
    const TextAnalysis& first = fresh.Analyze(text);
    const std::string expected = Tokens(first);
    const uint64_t first_serial = first.serial;
    std::string copy(text);  // another buffer with the same bytes
    const TextAnalysis& again = reused.Analyze(copy);
    EXPECT_EQ(Tokens(again), expected) << text;
    EXPECT_EQ(again.text.data(), copy.data()) << "offsets refer to the caller's text";
    EXPECT_NE(again.serial, first_serial) << "a matcher must not mistake it for the first";
    EXPECT_EQ(Tokens(reused.Analyze(text, "en")), Tokens(TextAnalyzer().Analyze(text, "en")))
        << "the hint is part of the key: " << text;
  }
}

TEST(AnalysisReuse, EachAnalyzerKeepsTheThaiWordsItWasMadeWith) {
  const std::string text = "ชอบผัดไทกุ้งสดแบบนี้มาก";
  TextAnalyzer before;
  const std::string old_tokens = Tokens(before.Analyze(text));
  ASSERT_EQ(old_tokens.find("ผัดไทกุ้งสด="), std::string::npos) << old_tokens;
  ASSERT_TRUE(ThaiSegmenter::AddDomainWords({"ผัดไทกุ้งสด"}).ok());
  TextAnalyzer after;
  const std::string new_tokens = Tokens(after.Analyze(text));
  EXPECT_NE(new_tokens.find("ผัดไทกุ้งสด="), std::string::npos) << new_tokens;
  EXPECT_EQ(Tokens(before.Analyze(text)), old_tokens)
      << "the analyzer made before the words were added must not get the newer analysis";
  EXPECT_EQ(Tokens(after.Analyze(text)), new_tokens);
}

// The core's own derived text (report themes) must not depend on which
// plugins taught the segmenter words in this process: `run` loads them,
// `report` does not, and both read the same store.
TEST(AnalysisReuse, AnAnalyzerWithoutDomainWordsIgnoresAddedChineseWords) {
  if (!ChineseSegmenter::Get().loaded()) GTEST_SKIP() << "no Chinese dictionary (jieba dict.txt)";
  // Rare characters, so that the word added to the process-wide segmenter
  // changes no other test in this binary.
  const std::string text = "龘靐齉的快递真的太慢";
  TextAnalyzer base(false);
  const std::string before = Tokens(base.Analyze(text, "zh-Hans"));
  ASSERT_EQ(before.find("龘靐齉="), std::string::npos) << before;
  ASSERT_TRUE(ChineseSegmenter::AddDomainWords({"龘靐齉"}));
  TextAnalyzer with_words;
  EXPECT_NE(Tokens(with_words.Analyze(text, "zh-Hans")).find("龘靐齉="), std::string::npos)
      << "the added word is used by default";
  TextAnalyzer without(false);
  EXPECT_EQ(Tokens(without.Analyze(text, "zh-Hans")), before);
  EXPECT_EQ(Tokens(base.Analyze(text, "zh-Hans")), before);
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "core/text/hashtag_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text/lexicon.h"
#include "core/text/lexicon_matcher.h"
#include "core/text/text_analyzer.h"

namespace cxmap::core {
namespace {

class HashtagSplitterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(words_.Build({{"not", 1}, {"no", 1}, {"happy", 0}, {"worst", 0}, {"love", 0},
                              {"scar", 0}, {"fail", 0}, {"epic", 0}, {"customer", 0},
                              {"service", 0}, {"ever", 0}, {"eve", 0}, {"in", 0}}));
  }
  // The pieces of `surface` ("" when it is not split), joined by " · ".
  std::string Pieces(std::string key, std::string surface = "") {
    if (surface.empty()) surface = key;
    if (!splitter_.Split(words_, key, surface, &ends_)) return "";
    std::string out;
    uint32_t from = 0;
    for (uint32_t end : ends_) {
      if (!out.empty()) out += " · ";
      out += surface.substr(from, end - from);
      from = end;
    }
    return out;
  }
  KeyTrie words_;
  HashtagSplitter splitter_;
  std::vector<uint32_t> ends_;
};

TEST_F(HashtagSplitterTest, SplitsIntoLexiconWordsAndGaps) {
  EXPECT_EQ(Pieces("nothappy"), "not · happy");
  EXPECT_EQ(Pieces("worstflightever"), "worst · flight · ever");
  EXPECT_EQ(Pieces("epicfail"), "epic · fail");
  EXPECT_EQ(Pieces("badcustomerservice"), "bad · customer · service");
  EXPECT_EQ(Pieces("usairwaysfail"), "usairways · fail");
}

TEST_F(HashtagSplitterTest, TwoLetterNegatorOnlyAtTheStart) {
  EXPECT_EQ(Pieces("nolove"), "no · love");
  // "no" inside a word is not a negator, and "in"/"no" are too short to be
  // pulled out of one: #innovation stays whole.
  EXPECT_EQ(Pieces("innovation"), "");
}

TEST_F(HashtagSplitterTest, NeverLeavesGapsShorterThanThreeLetters) {
  EXPECT_EQ(Pieces("oscars"), "");   // not o · scar · s
  EXPECT_EQ(Pieces("scars"), "");    // not scar · s
  EXPECT_EQ(Pieces("happy"), "");    // one word: nothing to split
  EXPECT_EQ(Pieces("vx358"), "");    // not letters only
}

TEST_F(HashtagSplitterTest, ANegatorMustNegateAWord) {
  EXPECT_EQ(Pieces("noair"), "");     // "air" is no lexicon word
  EXPECT_EQ(Pieces("notebook"), "");  // not "not · ebook"
  EXPECT_EQ(Pieces("nohappyfans"), "no · happy · fans");
}

TEST_F(HashtagSplitterTest, PrefersLongWords) {
  EXPECT_EQ(Pieces("everhappy"), "ever · happy");  // not eve · r…
}

TEST_F(HashtagSplitterTest, CamelCaseUsesTheAuthorsBreaks) {
  EXPECT_EQ(Pieces("lifeisgood", "LifeIsGood"), "Life · Is · Good");
  EXPECT_EQ(Pieces("sfotobos", "SFOtoBOS"), "SF · Oto · BOS");
  EXPECT_EQ(Pieces("nothappy", "NotHappy"), "Not · Happy");
}

TEST(HashtagMatching, NegatedAndSplitCuesInEnglishHashtags) {
  TextAnalyzer analyzer;
  auto lex = Lexicon::Parse("happy\t2\tcue\nnot\t\tnegator\nno\t\tnegator\nlove\t3\tcue\n"
                            "worst\t-3\tcue\nscar\t-1\tcue\ncustomer service\t0\tcue\n",
                            "t.tsv", &analyzer);
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  LexiconMatcher matcher;
  std::vector<LexiconMatch> matches;
  auto weights = [&](std::string_view text) {
    matcher.Match(analyzer.Analyze(text), **lex, &matches);
    std::vector<std::string> out;
    for (const LexiconMatch& m : matches) {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%s:%g", (*lex)->entries()[m.entry].term.c_str(), m.final_weight);
      out.push_back(buf);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(weights("so tired #nothappy"), (V{"not:1", "happy:-1.5"}));
  EXPECT_EQ(weights("#NoLove for this airline"), (V{"no:1", "love:-2.25"}));
  EXPECT_EQ(weights("#worstflightever"), V{"worst:-3"});
  EXPECT_EQ(weights("#badcustomerservice"), V{"customer service:0"});  // a phrase across pieces
  EXPECT_EQ(weights("#oscars"), V{});
  // Only hashtags: a run-together word elsewhere is left alone.
  EXPECT_EQ(weights("nothappy"), V{});
  EXPECT_EQ(weights("# nothappy"), V{});
  // The pieces point at the hashtag's own bytes.
  matcher.Match(analyzer.Analyze("ok #nothappy"), **lex, &matches);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[1].begin, 7u);
  EXPECT_EQ(matches[1].end, 12u);
}

}  // namespace
}  // namespace cxmap::core

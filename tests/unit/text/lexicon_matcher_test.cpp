// SPDX-License-Identifier: Apache-2.0
#include "core/text/lexicon_matcher.h"

#include <gtest/gtest.h>

#include "core/text/text_analyzer.h"

namespace cxmap::core {
namespace {

constexpr const char* kLexicon =
    "# term\tweight\tkind\tlang\n"
    "giao hàng\t0\tcue\n"
    "chậm\t-2\tcue\n"
    "tốt\t2\tcue\n"
    "rẻ\t1\tcue\n"
    "tệ\t-2\tcue\n"
    "không\t\tnegator\n"
    "rất\t1.5\tintensifier\n"
    "lắm\t1.5\tintensifier\n"
    "hơi\t0.5\tdiminisher\n"
    "nhưng\t\tcontrast\n"
    "ดี\t2\tcue\n"
    "ไม่\t\tnegator\n"
    "มาก\t1.5\tintensifier\n"
    "好\t2\tcue\n"
    "不错\t2\tcue\n"
    "门市\t0\tcue\n"
    "不\t\tnegator\n"
    "很\t1.5\tintensifier\n"
    "但是\t\tcontrast\n"
    "good\t2\tcue\n"
    "not\t\tnegator\n"
    "very\t1.5\tintensifier\n"
    "but\t\tcontrast\n"
    "😡\t-3\tcue\n";

class LexiconMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lex = Lexicon::Parse(kLexicon, "test.tsv", &analyzer_);
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    lexicon_ = std::move(lex).value();
  }
  // Matches of cue entries as "term:final" strings, in order.
  std::vector<std::string> Cues(std::string_view text) {
    const TextAnalysis& a = analyzer_.Analyze(text);
    matcher_.Match(a, *lexicon_, &matches_);
    std::vector<std::string> out;
    for (const LexiconMatch& m : matches_) {
      const LexiconEntry& e = lexicon_->entries()[m.entry];
      if (e.kind != EntryKind::kCue) continue;
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%g", m.final_weight);
      out.push_back(e.term + ":" + buf);
    }
    return out;
  }
  using V = std::vector<std::string>;
  TextAnalyzer analyzer_;
  LexiconMatcher matcher_;
  std::unique_ptr<Lexicon> lexicon_;
  std::vector<LexiconMatch> matches_;
};

TEST_F(LexiconMatcherTest, OneEntryMatchesEverySpelling) {
  EXPECT_EQ(Cues("giao hang cham"), (V{"giao hàng:0", "chậm:-2"}));
  EXPECT_EQ(Cues("GIAO HÀNG CHẬM"), (V{"giao hàng:0", "chậm:-2"}));
  EXPECT_EQ(Cues("門市"), (V{"门市:0"}));
  EXPECT_EQ(Cues("门市"), (V{"门市:0"}));
  Cues("giao hang");
  EXPECT_TRUE(matches_[0].flags & kMatchFolded);
  EXPECT_EQ(matches_[0].begin, 0u);
  EXPECT_EQ(matches_[0].end, 9u);
}

TEST_F(LexiconMatcherTest, DiacriticsWrittenMustAgree) {
  EXPECT_EQ(Cues("tê chân"), V{});  // numb, not bad
  EXPECT_EQ(Cues("tệ"), V{"tệ:-2"});
  EXPECT_EQ(Cues("te qua"), V{"tệ:-2"});
}

TEST_F(LexiconMatcherTest, NegationInEveryLanguage) {
  EXPECT_EQ(Cues("không tốt"), V{"tốt:-1.5"});
  EXPECT_EQ(Cues("khong tot"), V{"tốt:-1.5"});
  EXPECT_EQ(Cues("ไม่ดี"), V{"ดี:-1.5"});
  EXPECT_EQ(Cues("不好"), V{"好:-1.5"});
  EXPECT_EQ(Cues("not good"), V{"good:-1.5"});
  EXPECT_EQ(Cues("不错"), V{"不错:2"});  // longest match: not a negated 错
  Cues("không tốt");
  EXPECT_TRUE(matches_[1].flags & kMatchNegated);
}

TEST_F(LexiconMatcherTest, NegationStopsAtPunctuation) {
  EXPECT_EQ(Cues("not bad. good"), V{"good:2"});
  EXPECT_EQ(Cues("không, tốt"), V{"tốt:2"});
}

TEST_F(LexiconMatcherTest, ThaiSpaceEndsTheNegationScope) {
  // A space between Thai words is a phrase break: ไม่ belongs to the first.
  EXPECT_EQ(Cues("ไม่ชอบ ดี"), V{"ดี:2"});
  EXPECT_EQ(Cues("ไม่ชอบดี"), V{"ดี:-1.5"});
  // Latin words are spaced anyway: a space there is not a break.
  EXPECT_EQ(Cues("not so good"), V{"good:-1.5"});
}

TEST_F(LexiconMatcherTest, IntensifiersAndDiminishers) {
  EXPECT_EQ(Cues("rất tốt"), V{"tốt:3"});
  EXPECT_EQ(Cues("tốt lắm"), V{"tốt:3"});
  EXPECT_EQ(Cues("很好"), V{"好:3"});
  EXPECT_EQ(Cues("ดีมาก"), V{"ดี:3"});
  EXPECT_EQ(Cues("very good"), V{"good:3"});
  EXPECT_EQ(Cues("hơi chậm"), V{"chậm:-1"});
}

TEST_F(LexiconMatcherTest, ContrastWeighsTheClauseAfter) {
  EXPECT_EQ(Cues("giá rẻ nhưng giao hàng chậm"), (V{"rẻ:0.5", "giao hàng:0", "chậm:-3"}));
  double sum = 0;
  for (const LexiconMatch& m : matches_) sum += m.final_weight;
  EXPECT_LT(sum, 0);  // the second clause dominates
  EXPECT_EQ(Cues("good but 😡"), (V{"good:1", "😡:-4.5"}));
  EXPECT_EQ(Cues("价格好但是门市不好"), (V{"好:1", "门市:0", "好:-2.25"}));
}

TEST_F(LexiconMatcherTest, ReportsSentenceIndex) {
  Cues("Giao hàng chậm. Nhân viên rất tốt!");
  ASSERT_GE(matches_.size(), 3u);
  EXPECT_EQ(matches_.front().sentence, 0u);
  EXPECT_EQ(matches_.back().sentence, 1u);
}

// The matcher keeps the units of the last analysis it saw (by its serial)
// for the next lexicon; a second lexicon with other modifiers, the same
// analysis again, and a new text in the analyzer's reused buffers must each
// give what a fresh matcher gives.
TEST_F(LexiconMatcherTest, UnitsReusedAcrossLexiconsMatchAFreshMatcher) {
  auto other = Lexicon::Parse("好\t1\tcue\n很好\t3\tcue\n#\t0\tcue\nnothappy\t-2\tcue\n", "other.tsv",
                              &analyzer_);
  ASSERT_TRUE(other.ok()) << other.status().message();
  auto terms = [](const Lexicon& lex, const std::vector<LexiconMatch>& ms) {
    std::string out;
    for (const LexiconMatch& m : ms) out += lex.entries()[m.entry].term + "@" + std::to_string(m.begin) + " ";
    return out;
  };
  for (std::string_view text : {"不好很好 #nothappy", "ไม่ดีมาก 不很好", "很好很好"}) {
    const TextAnalysis& a = analyzer_.Analyze(text);
    std::vector<LexiconMatch> first, second, again, fresh_first, fresh_second;
    matcher_.Match(a, *lexicon_, &first);
    matcher_.Match(a, **other, &second);
    matcher_.Match(a, *lexicon_, &again);
    LexiconMatcher fresh1, fresh2;
    fresh1.Match(a, *lexicon_, &fresh_first);
    fresh2.Match(a, **other, &fresh_second);
    EXPECT_EQ(terms(*lexicon_, first), terms(*lexicon_, fresh_first)) << text;
    EXPECT_EQ(terms(*lexicon_, again), terms(*lexicon_, fresh_first)) << text;
    EXPECT_EQ(terms(**other, second), terms(**other, fresh_second)) << text;
    EXPECT_NE(a.serial, 0u);
  }
  // Two analyses in a row get different serials even from one analyzer.
  uint64_t s1 = analyzer_.Analyze("tốt").serial;
  EXPECT_NE(analyzer_.Analyze("tốt").serial, s1);
  EXPECT_EQ(Cues("không tốt"), V{"tốt:-1.5"});
}

TEST(Lexicon, RejectsBadLinesWithTheirNumber) {
  TextAnalyzer analyzer;
  auto bad = Lexicon::Parse("# x\ngood\tabc\tcue\n", "a.tsv", &analyzer);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("a.tsv:2"), std::string::npos);
  EXPECT_FALSE(Lexicon::Parse("good\t1\tpraise\n", "b.tsv", &analyzer).ok());
  EXPECT_FALSE(Lexicon::Load("/nonexistent/lexicon.tsv", &analyzer).ok());
}

// Option not-capitals: "kh" (không in chat) negates, "KH" (khách hàng in
// call-centre notes) is no negator; "Kh" opening a sentence still is.
TEST(Lexicon, NotCapitalsEntriesSkipSpansWrittenInCapitals) {
  TextAnalyzer analyzer;
  auto lexicon = Lexicon::Parse("kh\t\tnegator\t\tnot-capitals\nhài lòng\t2\tcue\n", "c.tsv", &analyzer);
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  LexiconMatcher matcher;
  std::vector<LexiconMatch> matches;
  auto cue_weight = [&](std::string_view text) {
    matcher.Match(analyzer.Analyze(text), **lexicon, &matches);
    for (const LexiconMatch& m : matches) {
      if ((*lexicon)->entries()[m.entry].kind == EntryKind::kCue) return m.final_weight;
    }
    return 0.0;
  };
  EXPECT_LT(cue_weight("kh hài lòng"), 0);
  EXPECT_LT(cue_weight("Kh hài lòng"), 0);
  EXPECT_GT(cue_weight("KH hài lòng với cách xử lý"), 0);
  EXPECT_GT(cue_weight("Khách nói KH hài lòng"), 0);
  auto unknown = Lexicon::Parse("kh\t\tnegator\t\tlowercase\n", "d.tsv", &analyzer);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("d.tsv:1"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("not-capitals"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core

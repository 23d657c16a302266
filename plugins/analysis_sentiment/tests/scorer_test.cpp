// SPDX-License-Identifier: Apache-2.0
#include "scorer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cxmap::sentiment {
namespace {

Cue Make(std::string_view text, double w, uint32_t sentence = 0, CueKind kind = CueKind::kCue) {
  Cue c;
  c.text = text;
  c.kind = kind;
  c.base_weight = c.final_weight = w;
  c.sentence = sentence;
  return c;
}

TEST(Scorer, NormalisesTheSumLikeVader) {
  Scorer s;
  Verdict v = s.Score({Make("tốt", 2.0), Make("nhanh", 1.0)});
  EXPECT_NEAR(v.score, 3.0 / std::sqrt(9.0 + 15.0), 1e-9);
  EXPECT_EQ(v.label, "positive");
  EXPECT_EQ(v.evidence, (std::vector<std::string>{"cue:tốt(+2.0)", "cue:nhanh(+1.0)"}));
}

TEST(Scorer, NoCuesIsNeutralAndThresholdIsAnOption) {
  EXPECT_EQ(Scorer().Score({}).label, "neutral");
  EXPECT_EQ(Scorer().Score({}).score, 0.0);
  Cue weak = Make("ok", 0.3);  // score 0.3/sqrt(15.09) = 0.077
  EXPECT_EQ(Scorer(0.05).Score({weak}).label, "positive");
  EXPECT_EQ(Scorer(0.1).Score({weak}).label, "neutral");
}

TEST(Scorer, EvidenceNamesNegationModifiersEmojiAndContrast) {
  Cue negated = Make("tốt", 2.0);
  negated.final_weight = -1.5;
  negated.negated = true;
  Cue neg = Make("không", 0, 0, CueKind::kNegator);
  Cue emoji = Make("😡", -2.6, 1, CueKind::kEmoji);
  Cue but = Make("nhưng", 0, 1, CueKind::kContrast);
  Verdict v = Scorer().Score({neg, negated, but, emoji});
  EXPECT_EQ(v.label, "negative");
  EXPECT_EQ(v.evidence[0], "negation:không");
  EXPECT_EQ(v.evidence[1], "cue:tốt(-1.5,negated)");
  EXPECT_EQ(v.evidence[2], "contrast:nhưng");
  EXPECT_EQ(v.evidence[3], "emoji:😡(-2.6)");
}

TEST(Scorer, SentencesAreScoredApartAndBlockersAreNotEvidence) {
  std::vector<Cue> cues = {Make("ngon", 2.0, 0), Make("chậm", -1.8, 1), Make("chả giò", 0.0, 1)};
  Scorer s;
  EXPECT_EQ(s.ScoreSentence(cues, 0).label, "positive");
  Verdict second = s.ScoreSentence(cues, 1);
  EXPECT_EQ(second.label, "negative");
  EXPECT_EQ(second.evidence.size(), 1u);
}

TEST(Scorer, AllSentencesInOnePassMatchOneAtATime) {
  std::vector<Cue> cues = {Make("ngon", 2.0, 0), Make("chậm", -1.8, 2), Make("chả giò", 0.0, 2),
                           Make("tệ", -2.1, 2), Make("out of range", -3.0, 9)};
  Scorer s;
  std::vector<Verdict> all = s.ScoreSentences(cues, 4);
  ASSERT_EQ(all.size(), 4u);
  for (uint32_t i = 0; i < 4; ++i) {
    Verdict one = s.ScoreSentence(cues, i);
    EXPECT_EQ(all[i].label, one.label) << i;
    EXPECT_DOUBLE_EQ(all[i].score, one.score) << i;
    EXPECT_EQ(all[i].evidence, one.evidence) << i;
  }
  EXPECT_EQ(all[1].label, "neutral");
  EXPECT_EQ(all[2].evidence.size(), 2u);
}

}  // namespace
}  // namespace cxmap::sentiment

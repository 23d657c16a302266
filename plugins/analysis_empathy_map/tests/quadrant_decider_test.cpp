// SPDX-License-Identifier: Apache-2.0
// The tie-breaking rules on hand-made hits (no host needed); the same rules
// on real sentences through cxmap are in empathy_cli_test.cpp.
#include "quadrant_decider.h"

#include <gtest/gtest.h>

#include <deque>

namespace cxmap::empathy {
namespace {

class Hits {
 public:
  Hits& Add(CueEntry e, std::string_view text, uint32_t clause = 0, bool negated = false) {
    entries_.push_back(std::move(e));
    Hit h;
    h.cue = &entries_.back();
    h.text = text;
    h.clause = clause;
    h.negated = negated;
    hits_.push_back(h);
    return *this;
  }
  const std::vector<Hit>& hits() const { return hits_; }

 private:
  std::deque<CueEntry> entries_;  // stable addresses
  std::vector<Hit> hits_;
};

CueEntry Cue(Quadrant q, std::string item, double weight = 1, Emotion e = Emotion::kNone,
             Emotion negated = Emotion::kNone) {
  CueEntry c;
  c.quadrant = q;
  c.item = std::move(item);
  c.weight = weight;
  c.emotion = e;
  c.negated_emotion = negated;
  return c;
}
CueEntry Role(CueRole r) {
  CueEntry c;
  c.role = r;
  return c;
}

TEST(QuadrantDecider, NoCueIsSays) {
  SentenceVerdict v = DecideSentence({}, false);
  EXPECT_EQ(v.quadrant, Quadrant::kSays);
  EXPECT_EQ(v.item, "statement");
  EXPECT_EQ(DecideSentence({}, true).item, "question");
}

TEST(QuadrantDecider, FeelsOutranksDoes) {  // "I called and was furious"
  Hits h;
  h.Add(Cue(Quadrant::kDoes, "call"), "called").Add(Cue(Quadrant::kFeels, "angry", 1, Emotion::kAnger), "furious");
  SentenceVerdict v = DecideSentence(h.hits(), false);
  EXPECT_EQ(v.quadrant, Quadrant::kFeels);
  EXPECT_EQ(v.emotion, Emotion::kAnger);
  EXPECT_EQ(v.item, "angry");
  EXPECT_EQ(v.evidence, (std::vector<std::string>{"also-does:called", "feels:furious(anger)"}));
}

TEST(QuadrantDecider, ThinksOutranksDoes) {  // "I think I'll cancel"
  Hits h;
  h.Add(Cue(Quadrant::kThinks, "opinion"), "think").Add(Cue(Quadrant::kDoes, "cancel"), "cancel");
  EXPECT_EQ(DecideSentence(h.hits(), false).quadrant, Quadrant::kThinks);
}

TEST(QuadrantDecider, StrongCueOutranksWeakEmoji) {  // "I called 3 times 😡"
  Hits h;
  h.Add(Cue(Quadrant::kDoes, "call"), "called").Add(Cue(Quadrant::kFeels, "angry", 0.5, Emotion::kAnger), "😡");
  EXPECT_EQ(DecideSentence(h.hits(), false).quadrant, Quadrant::kDoes);
  Hits only;
  only.Add(Cue(Quadrant::kFeels, "angry", 0.5, Emotion::kAnger), "😡");
  EXPECT_EQ(DecideSentence(only.hits(), false).quadrant, Quadrant::kFeels);
}

TEST(QuadrantDecider, WeakCuesCompareByScore) {
  Hits h;
  h.Add(Cue(Quadrant::kDoes, "wait", 0.5), "waited").Add(Cue(Quadrant::kDoes, "buy", 0.4), "bought");
  h.Add(Cue(Quadrant::kThinks, "guess", 0.6), "chắc");
  // Nothing reaches 1: does (0.9) beats thinks (0.6) on score, not priority.
  EXPECT_EQ(DecideSentence(h.hits(), false).quadrant, Quadrant::kDoes);
}

TEST(QuadrantDecider, NegatedEmotionTakesTheNegatedReading) {
  Hits h;
  h.Add(Role(CueRole::kNegator), "không").Add(Cue(Quadrant::kFeels, "happy", 1, Emotion::kJoy, Emotion::kSadness),
                                             "vui", 0, /*negated=*/true);
  SentenceVerdict v = DecideSentence(h.hits(), false);
  EXPECT_EQ(v.quadrant, Quadrant::kFeels);
  EXPECT_EQ(v.emotion, Emotion::kSadness);
  EXPECT_EQ(v.item, "not happy");
}

TEST(QuadrantDecider, SomeoneElsesActionIsNotDoes) {
  Hits h;  // "shipper gọi" : the courier called
  h.Add(Role(CueRole::kAgent), "shipper").Add(Cue(Quadrant::kDoes, "call"), "gọi");
  EXPECT_EQ(DecideSentence(h.hits(), false).quadrant, Quadrant::kSays);
  Hits self;  // "shipper trễ, tôi gọi": a later subject takes over
  self.Add(Role(CueRole::kAgent), "shipper").Add(Role(CueRole::kSelf), "tôi").Add(Cue(Quadrant::kDoes, "call"), "gọi");
  EXPECT_EQ(DecideSentence(self.hits(), false).quadrant, Quadrant::kDoes);
  Hits clause;  // "shop giao chậm, hủy đơn luôn": the agent's clause has ended
  clause.Add(Role(CueRole::kAgent), "shop", 0).Add(Cue(Quadrant::kDoes, "cancel"), "hủy đơn", 1);
  EXPECT_EQ(DecideSentence(clause.hits(), false).quadrant, Quadrant::kDoes);
  Hits quote;  // "nhân viên bảo gọi lại sau": reported speech
  CueEntry said = Cue(Quadrant::kSays, "quote");
  said.agent_too = true;
  quote.Add(said, "bảo").Add(Cue(Quadrant::kDoes, "call"), "gọi lại");
  SentenceVerdict v = DecideSentence(quote.hits(), false);
  EXPECT_EQ(v.quadrant, Quadrant::kSays);
  EXPECT_EQ(v.item, "quote");
}

TEST(QuadrantDecider, RequestIsNotDoes) {  // "please change it to size M"
  Hits h;
  h.Add(Cue(Quadrant::kSays, "request"), "please").Add(Cue(Quadrant::kDoes, "exchange"), "change");
  SentenceVerdict v = DecideSentence(h.hits(), false);
  EXPECT_EQ(v.quadrant, Quadrant::kSays);
  EXPECT_EQ(v.item, "request");
}

TEST(QuadrantDecider, RecordTakesTheMostFrequentNonResidualQuadrant) {
  SentenceVerdict says, feels, does;
  feels.quadrant = Quadrant::kFeels;
  feels.emotion = Emotion::kAnger;
  feels.evidence = {"feels:bực(anger)", "also-does:gọi"};
  does.quadrant = Quadrant::kDoes;
  does.evidence = {"does:hủy đơn"};
  std::vector<SentenceVerdict> s = {says, says, feels};
  RecordVerdict r = DecideRecord(s);
  EXPECT_EQ(r.quadrant, Quadrant::kFeels);
  EXPECT_EQ(r.emotion, Emotion::kAnger);
  EXPECT_EQ(r.counts, (std::array<int, 4>{2, 0, 1, 0}));
  EXPECT_EQ(r.evidence, std::vector<std::string>{"feels:bực(anger)"});
  s = {does, feels};  // a tie goes to feels
  EXPECT_EQ(DecideRecord(s).quadrant, Quadrant::kFeels);
  s = {does, does, feels};
  r = DecideRecord(s);
  EXPECT_EQ(r.quadrant, Quadrant::kDoes);
  EXPECT_EQ(r.emotion, Emotion::kAnger);  // emotion comes from the feels sentence anyway
  s = {says};
  r = DecideRecord(s);
  EXPECT_EQ(r.quadrant, Quadrant::kSays);
  EXPECT_EQ(r.emotion, Emotion::kNone);
  EXPECT_EQ(DecideRecord({}).quadrant, Quadrant::kSays);
}

}  // namespace
}  // namespace cxmap::empathy

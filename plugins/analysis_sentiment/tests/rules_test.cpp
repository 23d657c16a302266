// SPDX-License-Identifier: Apache-2.0
#include "rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cxmap::sentiment {
namespace {

// A hand-built analysis: one sentence, one token per key ("?" and "," are
// punctuation).
struct Text {
  explicit Text(std::vector<std::string> keys) : keys_(std::move(keys)) {
    for (const auto& k : keys_) {
      cxmap_token t{};
      t.key = ToC(k);
      t.kind = (k == "?" || k == ",") ? CXMAP_TOKEN_PUNCT : CXMAP_TOKEN_WORD;
      tokens_.push_back(t);
    }
    sentence_ = cxmap_sentence{0, 0, 0, tokens_.size()};
    analysis.tokens = tokens_;
    analysis.sentences = {&sentence_, 1};
  }
  std::vector<std::string> keys_;
  std::vector<cxmap_token> tokens_;
  cxmap_sentence sentence_{};
  TextAnalysis analysis;
};

Cue Negator(size_t token) {
  Cue c;
  c.kind = CueKind::kNegator;
  c.first_token = token, c.token_count = 1;
  return c;
}

Cue Word(size_t token, double base, double final_weight, bool negated = false) {
  Cue c;
  c.base_weight = base, c.final_weight = final_weight, c.negated = negated;
  c.first_token = token, c.token_count = 1;
  return c;
}

TEST(Rules, ANegatorWithNoCueIsAComplaint) {
  Text t({"khong", "nhan", "duoc", "hang"});
  std::vector<Cue> cues = {Negator(0)};
  ApplyRules(t.analysis, "vi", &cues);
  EXPECT_TRUE(cues[0].bare_negation);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, kBareNegation);
}

TEST(Rules, ANegatorThatNegatesACueKeepsNoWeight) {
  Text t({"khong", "tot"});
  std::vector<Cue> cues = {Negator(0), Word(1, 2.0, -1.5, true)};
  ApplyRules(t.analysis, "vi", &cues);
  EXPECT_FALSE(cues[0].bare_negation);
  EXPECT_EQ(cues[0].final_weight, 0);
  EXPECT_DOUBLE_EQ(cues[1].final_weight, -1.5);  // negated positives keep the flip
}

TEST(Rules, QuestionsAreNotComplaints) {
  Text asks({"co", "giao", "khong"});  // Vietnamese yes/no question, no "?"
  std::vector<Cue> vi = {Negator(2)};
  ApplyRules(asks.analysis, "vi", &vi);
  EXPECT_FALSE(vi[0].bare_negation);

  Text mark({"did", "you", "not", "call", "?"});
  std::vector<Cue> en = {Negator(2)};
  ApplyRules(mark.analysis, "en", &en);
  EXPECT_FALSE(en[0].bare_negation);

  Text none({"一份", "也", "没有", ","});  // clause-final 没有 still complains
  std::vector<Cue> zh = {Negator(2)};
  ApplyRules(none.analysis, "zh", &zh);
  EXPECT_TRUE(zh[0].bare_negation);
}

TEST(Rules, NegatedNegativesAreFaintPraise) {
  Text t({"not", "bad"});
  std::vector<Cue> cues = {Negator(0), Word(1, -2.0, 1.5, true)};
  ApplyRules(t.analysis, "en", &cues);
  EXPECT_NEAR(cues[1].final_weight, 1.5 * kNegatedNegativeScale, 1e-12);
  EXPECT_FALSE(cues[0].bare_negation);
}

}  // namespace
}  // namespace cxmap::sentiment

namespace cxmap::sentiment {
namespace {

TEST(Rules, EnglishWishesAreMildComplaints) {
  // "a ride home would be perfect": what did not happen.
  Text wish({"a", "ride", "home", "would", "be", "perfect"});
  std::vector<Cue> cues = {Word(5, 2.7, 2.7)};
  ApplyRules(wish.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 2.7 * kWishScale);
  EXPECT_LT(cues[0].final_weight, 0);
  // Too far from the modal, or a plain statement: unchanged.
  Text far({"you", "would", "not", "believe", "how", "perfect"});
  cues = {Word(5, 2.7, 2.7)};
  ApplyRules(far.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 2.7);
  Text plain({"the", "crew", "was", "helpful"});
  cues = {Word(3, 2.2, 2.2)};
  ApplyRules(plain.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 2.2);
  // A comma ends the reach; negative cues and other languages are left alone.
  Text comma({"would", ",", "great"});
  cues = {Word(2, 3.0, 3.0)};
  ApplyRules(comma.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 3.0);
  Text worse({"could", "be", "worse"});
  cues = {Word(2, -2.1, -2.1)};
  ApplyRules(worse.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, -2.1);
  cues = {Word(5, 2.7, 2.7)};
  ApplyRules(wish.analysis, "vi", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 2.7);
}

TEST(Rules, EnglishThanksForAFailureIsSarcasm) {
  Text losing({"thanks", "for", "losing", "my", "luggage"});
  std::vector<Cue> cues = {Word(0, 1.9, 1.9), Word(2, -1.6, -1.6)};
  ApplyRules(losing.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 1.9 * kSarcasticThanksScale);
  EXPECT_DOUBLE_EQ(cues[1].final_weight, -1.6);
  // "thx for not responding": a negator after "for" counts too.
  Text ignored({"thx", "for", "not", "responding"});
  cues = {Word(0, 1.5, 1.5), Negator(2)};
  ApplyRules(ignored.analysis, "en", &cues);
  EXPECT_LT(cues[0].final_weight, 0);
  // Real thanks: no "for", praise after it, or the failure too far away.
  Text help({"thanks", "for", "the", "quick", "help"});
  cues = {Word(0, 1.9, 1.9), Word(4, 1.7, 1.7)};
  ApplyRules(help.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 1.9);
  Text sorry({"thanks", "sorry", "to", "bother"});
  cues = {Word(0, 1.9, 1.9), Word(1, -0.3, -0.3)};
  ApplyRules(sorry.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 1.9);
  Text far({"thanks", "for", "the", "flight", "from", "boston", "to", "denver", "despite", "delays"});
  cues = {Word(0, 1.9, 1.9), Word(9, -1.0, -1.0)};
  ApplyRules(far.analysis, "en", &cues);
  EXPECT_DOUBLE_EQ(cues[0].final_weight, 1.9);
}

}  // namespace
}  // namespace cxmap::sentiment

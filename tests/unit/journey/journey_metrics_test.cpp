// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_metrics.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

TEST(JourneyMetrics, NpsMatchesAHandComputedExample) {
  // 10 answers: 4 promoters (9, 9, 10, 10), 3 passives (7, 8, 8), 3
  // detractors (0, 5, 6). NPS = 40% - 30% = 10. var = .4 + .3 - .1² = .69;
  // half-width = 1.96 * sqrt(.69 / 10) = 0.51485 → CI [-41.485, 61.485].
  ScoreAccumulator acc;
  for (double s : {9, 9, 10, 10, 7, 8, 8, 0, 5, 6}) acc.AddNps(s);
  acc.AddNps(11);  // out of scale: ignored
  acc.AddNps(-1);
  Nps nps = acc.nps();
  EXPECT_EQ(nps.n, 10u);
  EXPECT_EQ(nps.promoters, 4u);
  EXPECT_EQ(nps.passives, 3u);
  EXPECT_EQ(nps.detractors, 3u);
  EXPECT_DOUBLE_EQ(nps.value, 10.0);
  EXPECT_NEAR(nps.ci_low, -41.485, 1e-3);
  EXPECT_NEAR(nps.ci_high, 61.485, 1e-3);
}

TEST(JourneyMetrics, NpsIntervalIsClampedAndEmptyIsZero) {
  ScoreAccumulator all_promoters;
  for (int i = 0; i < 3; ++i) all_promoters.AddNps(10);
  EXPECT_DOUBLE_EQ(all_promoters.nps().value, 100);
  EXPECT_DOUBLE_EQ(all_promoters.nps().ci_high, 100);  // zero variance
  EXPECT_DOUBLE_EQ(all_promoters.nps().ci_low, 100);
  EXPECT_EQ(ScoreAccumulator().nps().n, 0u);
}

TEST(JourneyMetrics, CsatIsTopTwoBoxAndCesIsMeanWithEasyShare) {
  ScoreAccumulator acc;
  for (double s : {5, 4, 3, 1, 5}) acc.AddCsat(s);  // top-2: 5, 4, 5 → 3/5
  acc.AddCsat(6);                                   // out of a 1–5 scale
  EXPECT_EQ(acc.csat().n, 5u);
  EXPECT_DOUBLE_EQ(acc.csat().top2, 60.0);
  EXPECT_DOUBLE_EQ(acc.csat().mean, 3.6);
  for (double s : {7, 5, 4, 2}) acc.AddCes(s);      // mean 4.5, easy (5–7): 2/4
  EXPECT_DOUBLE_EQ(acc.ces().mean, 4.5);
  EXPECT_DOUBLE_EQ(acc.ces().easy_share, 50.0);
  ScoreAccumulator seven;
  seven.AddCsat(6, 7);
  seven.AddCsat(5, 7);
  EXPECT_DOUBLE_EQ(seven.csat().top2, 50.0) << "top two of a 1–7 scale are 6 and 7";
}

TEST(JourneyMetrics, SentimentSharesAndCallDurations) {
  ScoreAccumulator acc;
  acc.AddSentiment(1, 0.5);
  acc.AddSentiment(-1, -0.8);
  acc.AddSentiment(-1, -0.2);
  acc.AddSentiment(0, 0);
  auto s = acc.sentiment();
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.positive, 0.25);
  EXPECT_DOUBLE_EQ(s.negative, 0.5);
  EXPECT_DOUBLE_EQ(s.neutral, 0.25);
  EXPECT_DOUBLE_EQ(s.mean, -0.125);
  acc.AddDuration(60);
  acc.AddDuration(180);
  EXPECT_EQ(acc.calls(), 2u);
  EXPECT_DOUBLE_EQ(acc.mean_duration(), 120);
}

}  // namespace
}  // namespace cxmap::core

namespace cxmap::core {
namespace {

TEST(CallFigures, EveryCallCountsAndOutcomesAreReadInFourLanguages) {
  ScoreAccumulator acc;
  acc.AddCall(300, 60, "Resolved");
  acc.AddCall(100, std::nullopt, "đã giải quyết");
  acc.AddCall(std::nullopt, 30, "Escalated to tier 2");
  acc.AddCall(200, std::nullopt, "ANSWERED");  // a telephony state, not an outcome
  acc.AddCall(std::nullopt, std::nullopt, "");
  acc.AddCall(50, 0, "未解决");
  EXPECT_EQ(acc.calls(), 6u);
  EXPECT_EQ(acc.timed_calls(), 4u);
  EXPECT_DOUBLE_EQ(acc.mean_duration(), (300 + 100 + 200 + 50) / 4.0);
  ASSERT_TRUE(acc.mean_hold().has_value());
  EXPECT_DOUBLE_EQ(*acc.mean_hold(), 30.0);
  EXPECT_EQ(acc.calls_with_outcome(), 4u);
  EXPECT_EQ(acc.resolved_calls(), 2u);
  EXPECT_EQ(IsResolution("Unresolved"), false);
  EXPECT_EQ(IsResolution("chưa giải quyết"), false);
  EXPECT_EQ(IsResolution("แก้ไขแล้ว"), true);
  EXPECT_EQ(IsResolution("已解決"), true);
  EXPECT_EQ(IsResolution("NO ANSWER"), std::nullopt);
  for (const char* negative : {"Unsolved", "Not solved", "not fixed yet", "Not resolved"}) {
    EXPECT_EQ(IsResolution(negative), false) << negative;
  }
}

TEST(CsatAndCesIntervals, WilsonStaysInsideAndDoesNotCollapse) {
  ScoreAccumulator acc;
  acc.AddCsat(5);
  acc.AddCsat(4);
  Csat c = acc.csat();
  EXPECT_DOUBLE_EQ(c.top2, 100.0);
  EXPECT_LT(c.ci_low, 100.0) << "two answers do not prove 100%";
  EXPECT_DOUBLE_EQ(c.ci_high, 100.0);
  auto [lo, hi] = WilsonInterval(41, 100);
  EXPECT_NEAR(lo, 31.9, 0.1);  // the textbook value for 41/100
  EXPECT_NEAR(hi, 50.8, 0.1);
  acc.AddCes(2);
  acc.AddCes(6);
  Ces e = acc.ces();
  EXPECT_DOUBLE_EQ(e.mean, 4.0);
  EXPECT_GE(e.ci_low, 1.0);
  EXPECT_LE(e.ci_high, 7.0);
  EXPECT_LT(e.ci_low, 4.0);
}

}  // namespace
}  // namespace cxmap::core

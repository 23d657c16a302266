// SPDX-License-Identifier: Apache-2.0
#include "placement.h"

#include <gtest/gtest.h>

#include "stakeholder_analysis.h"

namespace cxmap::stakeholder {
namespace {

Score Explicit(double v) { return {v, Basis::kExplicit, "explicit"}; }

TEST(Place, FourQuadrantsAndTheirStrategies) {
  Thresholds t;
  struct Case {
    double support, influence;
    const char *quadrant, *strategy;
  } cases[] = {
      {5, 5, "high_support_high_influence", "engage"},
      {4, 2, "high_support_low_influence", "collaborate"},
      {2, 5, "low_support_high_influence", "defend"},
      {1, 1, "low_support_low_influence", "monitor"},
  };
  for (const Case& c : cases) {
    Placement p = Place(Explicit(c.support), Explicit(c.influence), t);
    EXPECT_EQ(p.quadrant, c.quadrant);
    EXPECT_EQ(p.strategy, c.strategy);
    EXPECT_TRUE(p.action.has_value());
  }
  EXPECT_EQ(Place(Explicit(2), Explicit(5), t).action,
            "investigate their concerns, bring partners to them");
}

TEST(Place, OnAndAroundTheThresholds) {
  Thresholds t;  // 3.5 / 3.5; exactly on the threshold is high
  EXPECT_EQ(Place(Explicit(3.49), Explicit(3.49), t).strategy, "monitor");
  EXPECT_EQ(Place(Explicit(3.5), Explicit(3.5), t).strategy, "engage");
  EXPECT_EQ(Place(Explicit(3.51), Explicit(3.51), t).strategy, "engage");
  EXPECT_EQ(Place(Explicit(3.5), Explicit(3.49), t).strategy, "collaborate");
  EXPECT_EQ(Place(Explicit(3.49), Explicit(3.5), t).strategy, "defend");
  EXPECT_EQ(Place(Explicit(3.51), Explicit(3.49), t).strategy, "collaborate");
  // Compared at the precision the reason shows: 3.499 reads "3.5" and is high.
  EXPECT_EQ(Place(Explicit(3.499), Explicit(3.4949), t).strategy, "collaborate");
  Thresholds strict{4.0, 3.0};
  EXPECT_EQ(Place(Explicit(3.99), Explicit(3.0), strict).strategy, "defend");
  EXPECT_EQ(Place(Explicit(4.0), Explicit(2.99), strict).strategy, "collaborate");
}

TEST(Place, ReasonWritesEveryComparison) {
  Score role{2.0, Basis::kRole, "role 'staff': staff"};
  Placement p = Place(Explicit(4), role, Thresholds{});
  EXPECT_EQ(p.reason,
            "support 4.0 (explicit) ≥ 3.5, influence 2.0 (role 'staff': staff) < 3.5 → collaborate");
  EXPECT_EQ(Place(Explicit(3.49), Explicit(3.51), Thresholds{}).reason,
            "support 3.49 (explicit) < 3.5, influence 3.51 (explicit) ≥ 3.5 → defend");
}

TEST(Place, UnknownScoreLeavesTheStakeholderUnplaced) {
  Score none{std::nullopt, Basis::kUnknown, "no score, no role"};
  Placement p = Place(Explicit(4), none, Thresholds{});
  EXPECT_FALSE(p.quadrant.has_value());
  EXPECT_FALSE(p.strategy.has_value());
  EXPECT_EQ(p.reason, "support 4.0 (explicit) ≥ 3.5, influence unknown (no score, no role) → not placed");
}

TEST(SupportFromSentiment, NeutralCentreAndSaturation) {
  EXPECT_DOUBLE_EQ(SupportFromSentiment(0), 3.0);
  EXPECT_DOUBLE_EQ(SupportFromSentiment(1), 4.0);
  EXPECT_DOUBLE_EQ(SupportFromSentiment(-1), 2.0);
  EXPECT_GT(SupportFromSentiment(100), 4.9);
  EXPECT_LE(SupportFromSentiment(1e9), 5.0);
  EXPECT_GE(SupportFromSentiment(-1e9), 1.0);
  EXPECT_EQ(FormatScore(4), "4.0");
  EXPECT_EQ(FormatScore(3.49), "3.49");
  EXPECT_EQ(FormatScore(3.5), "3.5");
  EXPECT_EQ(FormatScore(4.4286), "4.43");
}

}  // namespace
}  // namespace cxmap::stakeholder

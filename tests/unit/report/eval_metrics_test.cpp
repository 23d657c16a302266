// SPDX-License-Identifier: Apache-2.0
#include "core/report/eval_metrics.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

// Worked by hand: gold P P P N N U, predicted P P N N U U
//   accuracy 4/6; polar rows (P,N) = 5, correct 3 -> 0.6
//   positive: tp 2, predicted 2, actual 3 -> P 1, R 2/3, F1 0.8
//   negative: tp 1, predicted 2, actual 2 -> P 0.5, R 0.5, F1 0.5
//   neutral:  tp 1, predicted 2, actual 1 -> P 0.5, R 1, F1 2/3
//   macro-F1 = (0.8 + 0.5 + 2/3) / 3 = 0.65556
TEST(EvalAccumulator, ScoresMatchAHandWorkedExample) {
  EvalAccumulator acc;
  const char* pairs[][3] = {{"pos", "positive", "vi"}, {"positive", "positive", "th"},
                            {"positive", "negative", "vi"}, {"neg", "negative", "zh-Hans"},
                            {"negative", "neutral", "vi"}, {"neutral", "neutral", "en"}};
  for (auto& p : pairs) {
    acc.Add(EvalAccumulator::NormaliseLabel(p[0]), p[1], p[2]);
  }
  EvalScores s = acc.Overall();
  EXPECT_EQ(s.n, 6);
  EXPECT_NEAR(s.accuracy, 4.0 / 6, 1e-9);
  EXPECT_EQ(s.polar_n, 5);
  EXPECT_NEAR(s.polar_accuracy, 0.6, 1e-9);
  EXPECT_NEAR(s.classes["positive"].f1, 0.8, 1e-9);
  EXPECT_NEAR(s.classes["negative"].precision, 0.5, 1e-9);
  EXPECT_NEAR(s.classes["neutral"].f1, 2.0 / 3, 1e-9);
  EXPECT_NEAR(s.macro_f1, (0.8 + 0.5 + 2.0 / 3) / 3, 1e-9);
  ASSERT_EQ(s.labels, (std::vector<std::string>{"negative", "neutral", "positive"}));
  EXPECT_EQ(s.confusion[2][0], 1);  // a positive predicted negative
  auto by = acc.ByGroup();
  EXPECT_EQ(by["vi"].n, 3);
  EXPECT_NEAR(by["vi"].accuracy, 1.0 / 3, 1e-9);
}

TEST(EvalAccumulator, NormalisesDatasetLabels) {
  EXPECT_EQ(EvalAccumulator::NormaliseLabel("POS"), "positive");
  EXPECT_EQ(EvalAccumulator::NormaliseLabel("neu"), "neutral");
  EXPECT_EQ(EvalAccumulator::NormaliseLabel("question"), "question");
}

TEST(ScoresToJson, HasTheDocumentedKeys) {
  EvalAccumulator acc;
  acc.Add("positive", "positive", "en");
  auto j = ScoresToJson(acc.Overall());
  for (const char* k : {"n", "accuracy", "macro_f1", "polar_n", "polar_accuracy", "classes", "confusion"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "cue_file.h"

#include <gtest/gtest.h>

namespace cxmap::empathy {
namespace {

TEST(CueFile, ParsesEveryKindWithDefaults) {
  auto entries = ParseCueFile(
      "# comment\n"
      "\n"
      "feels\tbực mình\t1\tangry\tanger\n"
      "feels\thài lòng\t1\tsatisfied\tjoy\tanger\n"
      "feels\tvui\n"  // rejected below: needs an emotion
      ,
      "vi", "cues_vi.tsv");
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("cues_vi.tsv:5"), std::string::npos)
      << entries.status().message();

  entries = ParseCueFile(
      "feels\tbực mình\t1\tangry\tanger\n"
      "feels\thài lòng\t1\tsatisfied\tjoy\tanger\n"
      "feels\tvui\t\t\tjoy\n"
      "thinks\tnghĩ\n"
      "does\tgọi\t0.5\tcall\n"
      "quote\tnói là\n"
      "block\tvui vẻ\n"
      "agent\tshipper\n"
      "self\ttôi\n"
      "negator\tkhông\n"
      "intensifier\trất\n",
      "vi", "cues_vi.tsv");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  const auto& e = *entries;
  ASSERT_EQ(e.size(), 11u);
  EXPECT_EQ(e[0].emotion, Emotion::kAnger);
  EXPECT_EQ(e[0].negated_emotion, Emotion::kTrust);  // "không tức": calm
  EXPECT_EQ(e[1].negated_emotion, Emotion::kAnger);  // explicit column
  EXPECT_EQ(e[2].item, "joy");                       // item defaults to the emotion
  EXPECT_EQ(e[2].negated_emotion, Emotion::kSadness);
  EXPECT_EQ(e[3].quadrant, Quadrant::kThinks);
  EXPECT_EQ(e[3].item, "thinks");
  EXPECT_DOUBLE_EQ(e[4].weight, 0.5);
  EXPECT_EQ(e[5].quadrant, Quadrant::kSays);
  EXPECT_TRUE(e[5].agent_too);
  EXPECT_EQ(e[5].item, "quote");
  EXPECT_EQ(e[6].role, CueRole::kBlock);
  EXPECT_EQ(e[7].role, CueRole::kAgent);
  EXPECT_EQ(e[8].role, CueRole::kSelf);
  EXPECT_EQ(e[9].role, CueRole::kNegator);
  EXPECT_DOUBLE_EQ(e[10].weight, 1.5);
  EXPECT_EQ(e[10].lang, "vi");
  EXPECT_EQ(e[10].origin, "cues_vi.tsv:11");
}

TEST(CueFile, RejectsMalformedLinesWithFileAndLine) {
  struct Bad {
    const char* line;
    const char* reason;
  };
  const Bad bad[] = {
      {"feel\tvui\t1\thappy\tjoy", "unknown kind 'feel'"},
      {"feels\tvui\tabc\thappy\tjoy", "weight 'abc'"},
      {"feels\tvui\t-1\thappy\tjoy", "weight '-1'"},
      {"feels\tvui\t1\thappy\thappiness", "unknown emotion 'happiness'"},
      {"thinks\tnghĩ\t1\topinion\tjoy", "only feels cues carry an emotion"},
      {"does", "column(s)"},
      {"does\t\t1", "empty term"},
      {"does\ta\t1\tb\tc\td\te", "column(s)"},
  };
  for (const Bad& b : bad) {
    auto r = ParseCueFile(std::string("negator\tkhông\n") + b.line + "\n", "vi", "f.tsv");
    ASSERT_FALSE(r.ok()) << b.line;
    EXPECT_NE(r.status().message().find("f.tsv:2: "), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(b.reason), std::string::npos) << r.status().message();
  }
}

TEST(CueFile, NegatedDefaultsArePlutchikOppositesExceptFearAndAnger) {
  EXPECT_EQ(NegatedDefault(Emotion::kJoy), Emotion::kSadness);
  EXPECT_EQ(NegatedDefault(Emotion::kSadness), Emotion::kJoy);
  EXPECT_EQ(NegatedDefault(Emotion::kTrust), Emotion::kDisgust);
  EXPECT_EQ(NegatedDefault(Emotion::kSurprise), Emotion::kAnticipation);
  EXPECT_EQ(NegatedDefault(Emotion::kFear), Emotion::kTrust);
  EXPECT_EQ(NegatedDefault(Emotion::kAnger), Emotion::kTrust);
  EXPECT_EQ(NegatedDefault(Emotion::kNone), Emotion::kNone);
}

TEST(CueFile, NamesRoundTrip) {
  for (auto e : {Emotion::kJoy, Emotion::kTrust, Emotion::kFear, Emotion::kSurprise, Emotion::kSadness,
                 Emotion::kDisgust, Emotion::kAnger, Emotion::kAnticipation}) {
    EXPECT_EQ(ParseEmotion(EmotionName(e)), e);
  }
  EXPECT_EQ(ParseEmotion("happy"), std::nullopt);
  EXPECT_EQ(QuadrantName(Quadrant::kDoes), "does");
}

}  // namespace
}  // namespace cxmap::empathy

// SPDX-License-Identifier: Apache-2.0
#include "transcript_grammar.h"

#include <gtest/gtest.h>

namespace cxmap::callcenter {
namespace {

using Kind = TranscriptLine::Kind;

TEST(TranscriptGrammar, ReadsStampedTurnsInEveryLanguage) {
  struct Case {
    const char* line;
    const char* label;
    const char* text;
    const char* stamp;
  } cases[] = {
      {"[00:01:23] Agent: Hello there", "Agent", "Hello there", "00:01:23"},
      {"10:22:13 CUSTOMER: my bill is wrong", "CUSTOMER", "my bill is wrong", "10:22:13"},
      {"Khách hàng: tôi muốn hỏi", "Khách hàng", "tôi muốn hỏi", ""},
      {"客户：我的快递还没到", "客户", "我的快递还没到", ""},
      {"ลูกค้า: สวัสดีค่ะ", "ลูกค้า", "สวัสดีค่ะ", ""},
      {"Agent (00:01:23): hi", "Agent", "hi", "00:01:23"},
      {"[2024-03-05 10:22:13] - Agent Lan: ok", "Agent Lan", "ok", "2024-03-05 10:22:13"},
      {"[01:05] 客服人員： 您好", "客服人員", "您好", "01:05"},
      {"[10:22:13 PM] Caller: late call", "Caller", "late call", "10:22:13 PM"},
  };
  for (const Case& c : cases) {
    TranscriptLine l = ParseTranscriptLine(c.line, 0);
    ASSERT_EQ(l.kind, Kind::kLabelled) << c.line << ": " << l.reason;
    EXPECT_EQ(l.label, c.label) << c.line;
    EXPECT_EQ(l.text, c.text) << c.line;
    EXPECT_EQ(l.stamp ? l.stamp->text : "", c.stamp) << c.line;
  }
}

TEST(TranscriptGrammar, StampNumbers) {
  auto l = ParseTranscriptLine("[01:02:03.5] Agent: x", 0);
  ASSERT_TRUE(l.stamp);
  EXPECT_EQ(l.stamp->clock_ms, 3723500);
  EXPECT_TRUE(l.stamp->has_hours);
  l = ParseTranscriptLine("[02:03] Agent: x", 0);
  EXPECT_EQ(l.stamp->clock_ms, 123000);
  EXPECT_FALSE(l.stamp->has_hours);
  l = ParseTranscriptLine("[10:22:13 PM] Agent: x", 0);
  EXPECT_EQ(l.stamp->clock_ms, (22 * 3600 + 22 * 60 + 13) * 1000);
  l = ParseTranscriptLine("[2024-03-05T10:22:13+07:00] Agent: x", 0);
  ASSERT_TRUE(l.stamp && l.stamp->absolute_ms);
  EXPECT_EQ(*l.stamp->absolute_ms, 1709608933000);  // 03:22:13Z
}

TEST(TranscriptGrammar, BrokenStampedLinesCarryColumn) {
  auto l = ParseTranscriptLine("[00:01:23 Agent: x", 0);
  EXPECT_EQ(l.kind, Kind::kError);
  EXPECT_EQ(l.column, 10u);
  EXPECT_NE(l.reason.find("']'"), std::string::npos) << l.reason;

  l = ParseTranscriptLine("[00:61:00] Agent: x", 0);
  EXPECT_EQ(l.kind, Kind::kError);
  EXPECT_EQ(l.column, 2u);
  EXPECT_NE(l.reason.find("invalid time"), std::string::npos);

  l = ParseTranscriptLine("[00:01:23] no colon here", 0);
  EXPECT_EQ(l.kind, Kind::kError);
  EXPECT_EQ(l.column, 25u);
  EXPECT_NE(l.reason.find("':' after the speaker"), std::string::npos) << l.reason;

  l = ParseTranscriptLine("[00:00:05] : empty", 0);
  EXPECT_EQ(l.kind, Kind::kError);
  EXPECT_EQ(l.column, 12u);
  EXPECT_NE(l.reason.find("speaker label"), std::string::npos) << l.reason;
}

TEST(TranscriptGrammar, KeyValueRecords) {
  auto l = ParseTranscriptLine("call_id=C1 agent=\"Nguyễn Lan\" csat=4 queue=billing dept", 0);
  ASSERT_EQ(l.kind, Kind::kKeyValues);
  ASSERT_EQ(l.pairs.size(), 4u);
  EXPECT_EQ(l.pairs[1], (std::pair<std::string, std::string>{"agent", "Nguyễn Lan"}));
  EXPECT_EQ(l.pairs[3].second, "billing dept");
  l = ParseTranscriptLine("call_id=C2; agent=\"say \"\"hi\"\"\"; csat=5;", 0);
  ASSERT_EQ(l.kind, Kind::kKeyValues);
  EXPECT_EQ(l.pairs[1].second, "say \"hi\"");
  EXPECT_EQ(l.pairs[2].second, "5");
  l = ParseTranscriptLine("call_id=\"abc", 0);
  EXPECT_EQ(l.kind, Kind::kError);
  EXPECT_EQ(l.column, 13u);
}

TEST(TranscriptGrammar, OtherLinesAreTextSeparatorsOrBlank) {
  EXPECT_EQ(ParseTranscriptLine("", 0).kind, Kind::kBlank);
  EXPECT_EQ(ParseTranscriptLine(" \t", 0).kind, Kind::kBlank);
  EXPECT_EQ(ParseTranscriptLine("-----", 0).kind, Kind::kSeparator);
  EXPECT_EQ(ParseTranscriptLine("=== Call 2 ===", 0).kind, Kind::kSeparator);
  EXPECT_EQ(ParseTranscriptLine("just text", 0).kind, Kind::kText);
  EXPECT_EQ(ParseTranscriptLine("[1] see note", 0).kind, Kind::kText);
  EXPECT_EQ(ParseTranscriptLine("[inaudible] then more", 0).kind, Kind::kText);
}

TEST(TranscriptGrammar, LongLinesAreLinear) {
  std::string big(4 << 20, 'a');
  EXPECT_EQ(ParseTranscriptLine(big, 0).kind, Kind::kText);
  auto l = ParseTranscriptLine("Customer: " + big, 0);
  EXPECT_EQ(l.kind, Kind::kLabelled);
  EXPECT_EQ(l.text.size(), big.size());
}

}  // namespace
}  // namespace cxmap::callcenter

namespace cxmap::callcenter {
namespace {

TEST(TranscriptGrammar, LongSeparatorRunsInValuesAreLinear) {
  // A quadratic look-ahead would take minutes here.
  std::string line = "call_id=A agent=b" + std::string(2 << 20, ' ') + "c" + std::string(2 << 20, ';');
  auto l = ParseTranscriptLine(line, 0);
  ASSERT_EQ(l.kind, TranscriptLine::Kind::kKeyValues);
  EXPECT_EQ(l.pairs[1].second.size(), (2u << 20) + 2);
}

}  // namespace
}  // namespace cxmap::callcenter

// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/wire_format.h"

#include <gtest/gtest.h>

#include "core/plugin_host/result_check.h"

namespace cxmap::core {
namespace {

TEST(WireFormat, RecordsTravelWithEveryFieldAPluginSees) {
  FeedbackRecord a;
  a.id = "r1";
  a.rec.external_id = "42";
  a.rec.channel = Channel::kSocial;
  a.rec.sub_channel = "x";
  a.rec.time_unix_ms = -5;
  a.rec.language = "th";
  a.rec.text = "ทุกอย่างดีมาก\n\0tail";
  a.rec.respondent = "u";
  a.rec.segment = "vip";
  a.rec.nps = 9;
  a.rec.ces = 2.5;
  a.rec.attributes = {{"k", "v"}, {"", ""}};
  a.rec.file = "f.csv";
  a.rec.line = 7;
  a.rec.record_number = 8;
  a.rec.response_id = "resp";
  a.rec.speaker_role = SpeakerRole::kAgent;
  FeedbackRecord b;  // every optional absent
  wire::Writer w;
  wire::EncodeRecords({a, b}, &w);
  std::vector<FeedbackRecord> back;
  ASSERT_TRUE(wire::DecodeRecords(w.bytes(), &back));
  ASSERT_EQ(back.size(), 2u);
  const Record& r = back[0].rec;
  EXPECT_EQ(back[0].id, "r1");
  EXPECT_EQ(r.external_id, "42");
  EXPECT_EQ(r.channel, Channel::kSocial);
  EXPECT_EQ(r.time_unix_ms, -5);
  EXPECT_EQ(r.text, a.rec.text);
  EXPECT_EQ(r.nps, 9);
  EXPECT_EQ(r.csat, std::nullopt);
  EXPECT_EQ(r.ces, 2.5);
  EXPECT_EQ(r.attributes, a.rec.attributes);
  EXPECT_EQ(r.line, 7u);
  EXPECT_EQ(r.response_id, "resp");
  EXPECT_EQ(r.speaker_role, SpeakerRole::kAgent);
  EXPECT_EQ(back[1].rec.time_unix_ms, std::nullopt);
  EXPECT_EQ(back[1].rec.nps, std::nullopt);
}

TEST(WireFormat, ResultsAndStatusTravel) {
  ResultRow row;
  row.record_index = 3;
  row.field = "sentiment";
  row.sentence = 2;
  row.sentence_text = "chậm quá";
  row.type = CXMAP_TYPE_STRING;
  row.integer = -9;
  row.real = 0.25;
  row.text = "negative";
  row.evidence = {"chậm", ""};
  row.spans = {{0, 6, 0}};
  wire::Writer w;
  wire::EncodeResults(Status::Corruption("bad"), {row}, &w);
  Status status;
  std::vector<ResultRow> back;
  ASSERT_TRUE(wire::DecodeResults(w.bytes(), &status, &back));
  EXPECT_EQ(status.code(), Code::kCorruption);
  EXPECT_EQ(status.message(), "bad");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].record_index, 3u);
  EXPECT_EQ(back[0].sentence, 2);
  EXPECT_EQ(back[0].sentence_text, row.sentence_text);
  EXPECT_EQ(back[0].real, 0.25);
  EXPECT_EQ(back[0].evidence, row.evidence);
  EXPECT_EQ(back[0].spans, row.spans);
}

TEST(WireFormat, TruncatedOrInflatedInputIsRefusedNotAllocated) {
  ResultRow row;
  row.field = "f";
  wire::Writer w;
  wire::EncodeResults(Status::Ok(), {row, row}, &w);
  std::string bytes = w.bytes();
  Status status;
  std::vector<ResultRow> back;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(wire::DecodeResults(bytes.substr(0, cut), &status, &back)) << cut;
  }
  EXPECT_FALSE(wire::DecodeResults(bytes + "x", &status, &back)) << "trailing bytes";
  // A count of four billion rows in a few bytes must fail, not allocate.
  wire::Writer liar;
  liar.U32(0);
  liar.Str("");
  liar.U32(0xFFFFFFFFu);
  EXPECT_FALSE(wire::DecodeResults(liar.bytes(), &status, &back));
  std::vector<FeedbackRecord> records;
  EXPECT_FALSE(wire::DecodeRecords(std::string("\xff\xff\xff\xff", 4), &records));
}

TEST(AnalysedText, CutsOnACharacterBoundary) {
  EXPECT_EQ(AnalysedText("abc", 10), "abc");
  EXPECT_EQ(AnalysedText("giao hàng", 6), "giao h");
  EXPECT_EQ(AnalysedText("giao hàng", 7), "giao h") << "à is two bytes: not cut in half";
  EXPECT_EQ(AnalysedText("物流慢", 4), "物");
}

}  // namespace
}  // namespace cxmap::core

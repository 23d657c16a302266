// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/wire_source.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

TEST(WireSource, RequestsTravel) {
  wire::SourceRequest a;
  a.path = "/tmp/cxmap-stdin-1/x";
  a.display = "survey.csv";
  a.head = std::string("a,b\n\0c", 7);
  a.options = {{"format", "qualtrics"}};
  a.hint = 2000;
  wire::Writer w;
  wire::EncodeSourceRequest(a, &w);
  wire::SourceRequest b;
  ASSERT_TRUE(wire::DecodeSourceRequest(w.bytes(), &b));
  EXPECT_EQ(b.path, a.path);
  EXPECT_EQ(b.display, a.display);
  EXPECT_EQ(b.head, a.head);
  EXPECT_EQ(b.options, a.options);
  EXPECT_EQ(b.hint, 2000u);
}

TEST(WireSource, AnswersCarryRecordsWithAnswersRejectsSkipsAndLogs) {
  wire::SourceAnswer a;
  a.status = Status::IoError("f.csv: read failed");
  a.logs = {{2, "source_x", "odd header"}};
  a.confidence = 0.75;
  a.format = "generic_csv";
  a.reason = "header";
  a.at_end = true;
  a.bytes_done = 10;
  a.bytes_total = 20;
  FeedbackRecord r;
  r.rec.text = "chậm quá";
  r.rec.nps = 3;
  r.rec.answers = {{"q1", "How likely", AnswerKind::kRating, "3", 3.0, std::make_pair(0.0, 10.0)},
                   {"q2", "", AnswerKind::kChoice, "yes", std::nullopt, std::nullopt}};
  a.records = {r, FeedbackRecord{}};
  a.rejects = {{"f.csv", 4, "bad row", "x,y"}};
  a.skips = {{"f.csv", 5, "blank", ""}};
  wire::Writer w;
  wire::EncodeSourceAnswer(a, &w);
  wire::SourceAnswer b;
  ASSERT_TRUE(wire::DecodeSourceAnswer(w.bytes(), &b));
  EXPECT_EQ(b.status.code(), Code::kIoError);
  EXPECT_EQ(b.status.message(), "f.csv: read failed");
  ASSERT_EQ(b.logs.size(), 1u);
  EXPECT_EQ(b.logs[0].message, "odd header");
  EXPECT_EQ(b.confidence, 0.75);
  EXPECT_EQ(b.format, "generic_csv");
  EXPECT_TRUE(b.at_end);
  EXPECT_EQ(b.bytes_total, 20u);
  ASSERT_EQ(b.records.size(), 2u);
  EXPECT_EQ(b.records[0].rec.text, "chậm quá");
  ASSERT_EQ(b.records[0].rec.answers.size(), 2u);
  EXPECT_EQ(b.records[0].rec.answers[0].kind, AnswerKind::kRating);
  EXPECT_EQ(b.records[0].rec.answers[0].number, 3.0);
  EXPECT_EQ(b.records[0].rec.answers[0].scale, std::make_pair(0.0, 10.0));
  EXPECT_EQ(b.records[0].rec.answers[1].scale, std::nullopt);
  ASSERT_EQ(b.rejects.size(), 1u);
  EXPECT_EQ(b.rejects[0].line, 4u);
  EXPECT_EQ(b.skips[0].reason, "blank");
}

TEST(WireSource, TruncatedOrInflatedAnswersAreRefused) {
  wire::SourceAnswer a;
  a.records.resize(3);
  a.rejects = {{"f", 1, "r", "e"}};
  wire::Writer w;
  wire::EncodeSourceAnswer(a, &w);
  const std::string& bytes = w.bytes();
  for (size_t n = 0; n < bytes.size(); ++n) {
    wire::SourceAnswer b;
    EXPECT_FALSE(wire::DecodeSourceAnswer(std::string_view(bytes).substr(0, n), &b)) << n;
  }
  // A count of four billion records in a short payload allocates nothing.
  wire::Writer forged;
  forged.U32(0);
  forged.Str("");
  forged.U32(0);
  forged.F64(0);
  forged.Str("");
  forged.Str("");
  forged.U8(0);
  forged.U64(0);
  forged.U64(0);
  forged.U32(0xFFFFFFFFu);
  wire::SourceAnswer c;
  EXPECT_FALSE(wire::DecodeSourceAnswer(forged.bytes(), &c));
}

TEST(WireSource, InitOfAnotherVersionIsRefused) {
  wire::InitMessage init;
  init.role = wire::ChildRole::kSource;
  init.module_path = "/m.so";
  wire::Writer w;
  wire::EncodeInit(init, &w);
  wire::InitMessage back;
  ASSERT_TRUE(wire::DecodeInit(w.bytes(), &back));
  EXPECT_EQ(back.role, wire::ChildRole::kSource);
  std::string other = w.bytes();
  other[0] = static_cast<char>(wire::kWireVersion + 1);
  EXPECT_FALSE(wire::DecodeInit(other, &back));
}

}  // namespace
}  // namespace cxmap::core

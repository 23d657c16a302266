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
  a.token = "L1-10";
  wire::Writer w;
  wire::EncodeSourceRequest(a, &w);
  wire::SourceRequest b;
  ASSERT_TRUE(wire::DecodeSourceRequest(w.bytes(), &b));
  EXPECT_EQ(b.path, a.path);
  EXPECT_EQ(b.display, a.display);
  EXPECT_EQ(b.head, a.head);
  EXPECT_EQ(b.options, a.options);
  EXPECT_EQ(b.hint, 2000u);
  EXPECT_EQ(b.token, "L1-10");
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

TEST(WireSource, AnInspectionAndPiecesTravelWholeAndTheirAbsenceToo) {
  wire::SourceAnswer a;
  a.inspected = true;
  a.inspection.format = "qualtrics";
  a.inspection.encoding = "UTF-16LE";
  a.inspection.delimiter = "\t";
  a.inspection.header_rows = 3;
  a.inspection.responses = 42;
  a.inspection.unit = "calls";
  a.inspection.records = 40;
  a.inspection.rejected = 2;
  a.inspection.columns = {{0, "Q1", "nps", "Bạn có giới thiệu không?"}, {7, "评论", "text", ""}};
  a.inspection.details = {{"survey", "ลูกค้า"}, {"export", "2026"}};
  wire::Writer w;
  wire::EncodeSourceAnswer(a, &w);
  wire::SourceAnswer b;
  ASSERT_TRUE(wire::DecodeSourceAnswer(w.bytes(), &b));
  ASSERT_TRUE(b.inspected);
  EXPECT_EQ(b.inspection.format, "qualtrics");
  EXPECT_EQ(b.inspection.encoding, "UTF-16LE");
  EXPECT_EQ(b.inspection.delimiter, "\t");
  EXPECT_EQ(b.inspection.header_rows, 3u);
  EXPECT_EQ(b.inspection.responses, 42u);
  EXPECT_EQ(b.inspection.unit, "calls");
  EXPECT_EQ(b.inspection.records, 40u);
  EXPECT_EQ(b.inspection.rejected, 2u);
  ASSERT_EQ(b.inspection.columns.size(), 2u);
  EXPECT_EQ(b.inspection.columns[0].question, "Bạn có giới thiệu không?");
  EXPECT_EQ(b.inspection.columns[1].index, 7u);
  EXPECT_EQ(b.inspection.columns[1].name, "评论");
  EXPECT_EQ(b.inspection.details, a.inspection.details);
  EXPECT_TRUE(b.pieces.empty());
  a.pieces = {{"L1-5", 60}, {"L6-9", 48}};
  wire::Writer with_pieces;
  wire::EncodeSourceAnswer(a, &with_pieces);
  ASSERT_TRUE(wire::DecodeSourceAnswer(with_pieces.bytes(), &b));
  ASSERT_EQ(b.pieces.size(), 2u);
  EXPECT_EQ(b.pieces[1].token, "L6-9");
  EXPECT_EQ(b.pieces[1].bytes, 48u);

  wire::SourceAnswer none;
  wire::Writer w2;
  wire::EncodeSourceAnswer(none, &w2);
  wire::SourceAnswer back;
  ASSERT_TRUE(wire::DecodeSourceAnswer(w2.bytes(), &back));
  EXPECT_FALSE(back.inspected);
  // Forged: a column count far beyond the bytes left allocates nothing.
  std::string forged = w.bytes();
  const std::string count = std::string("\x02\x00\x00\x00", 4);
  // 2 columns, then the first: index 0, name "Q1"
  size_t at = forged.find(count + std::string("\x00\x00\x00\x00", 4) + count + "Q1");
  ASSERT_NE(at, std::string::npos);
  forged.replace(at, 4, std::string("\xFF\xFF\xFF\x7F", 4));
  EXPECT_FALSE(wire::DecodeSourceAnswer(forged, &back));
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

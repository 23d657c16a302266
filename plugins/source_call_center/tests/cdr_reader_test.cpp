// SPDX-License-Identifier: Apache-2.0
#include "cdr_reader.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include "text_values.h"

namespace cxmap::callcenter {
namespace {

using testing::Attr;
using testing::Fixture;
using testing::ReadFile;
using testing::SharedFixture;

TEST(CdrReader, CdrCsvLayoutWithQueueAndUtf8CallerNames) {
  ParsedInput p = ReadCdr(ReadFile(Fixture("asterisk_cdr_csv.csv")), 7 * 60);
  EXPECT_EQ(p.format, "cdr");
  EXPECT_TRUE(p.rejects.empty());
  ASSERT_EQ(p.calls.size(), 5u);
  const Call& a = p.calls[0];
  EXPECT_EQ(a.id, "1709608900.16");
  EXPECT_EQ(a.customer, "0903123456");
  EXPECT_EQ(a.queue, "support");
  EXPECT_EQ(a.agent, "PJSIP/2001");
  EXPECT_EQ(a.disposition, "ANSWERED");
  EXPECT_EQ(a.duration_s, 353);
  EXPECT_EQ(Attr(a.attributes, "talk_s"), "332");
  EXPECT_EQ(Attr(a.attributes, "wait_s"), "21");
  EXPECT_EQ(Attr(a.attributes, "cdr_clid"), "\"Nguyễn Văn An\" <0903123456>");
  EXPECT_EQ(Attr(a.attributes, "cdr_layout"), "cdr_csv");
  EXPECT_EQ(a.start_ms, ParseDateTime("2024-03-05T10:21:40+07:00", 0));
  EXPECT_TRUE(a.turns.empty());
  EXPECT_EQ(p.calls[2].disposition, "NO ANSWER");
  EXPECT_EQ(p.calls[2].agent, "");
  EXPECT_EQ(p.calls[3].disposition, "BUSY");
  EXPECT_EQ(Attr(p.calls[3].attributes, "cdr_accountcode"), "acct-7");
  EXPECT_EQ(p.calls[4].disposition, "FAILED");
}

TEST(CdrReader, RealCdrCustomMasterCsv) {
  std::string path = SharedFixture("asterisk_cdr_Master.csv");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures/call_center (no licence, not copied)";
  ParsedInput p = ReadCdr(ReadFile(path), std::nullopt);
  EXPECT_TRUE(p.rejects.empty());
  ASSERT_EQ(p.calls.size(), 14u);
  size_t answered = 0;
  for (const Call& c : p.calls) answered += c.disposition == "ANSWERED" ? 1 : 0;
  EXPECT_EQ(answered, 11u);
  const Call& a = p.calls[0];
  EXPECT_EQ(Attr(a.attributes, "cdr_layout"), "cdr_custom");
  EXPECT_EQ(Attr(a.attributes, "cdr_clid"), "\"\" <client1>");
  EXPECT_EQ(a.id, "1690325492.2");
  EXPECT_EQ(a.duration_s, 31);
  EXPECT_EQ(Attr(a.attributes, "talk_s"), "13");
  // Local 01:51:32 is uniqueid's Unix time 1690325492 three hours later in UTC.
  EXPECT_EQ(a.start_ms, int64_t{1690325492000});
  EXPECT_EQ(Attr(a.attributes, "utc_offset_from_uniqueid"), "180 min");
}

// A uniqueid whose seconds are no time (found by call_center_transcript_fuzz:
// 1.7e33 seconds overflowed the conversion to milliseconds) gives no UTC
// offset; the call is read as without one.
TEST(CdrReader, AUniqueIdThatIsNoTimeGivesNoOffset) {
  std::string data = ReadFile(Fixture("asterisk_cdr_csv.csv"));
  const std::string huge = "1709608900000000000000000000000000.16";
  data.replace(data.find("1709608900.16"), std::string_view("1709608900.16").size(), huge);
  ParsedInput p = ReadCdr(data, std::nullopt);
  ASSERT_FALSE(p.calls.empty());
  EXPECT_EQ(p.calls[0].id, huge);
  EXPECT_EQ(Attr(p.calls[0].attributes, "utc_offset_from_uniqueid"), "<absent>");
  EXPECT_TRUE(p.calls[0].start_ms.has_value());
  ParsedInput before = ReadCdr(ReadFile(Fixture("asterisk_cdr_csv.csv")), std::nullopt);
  ASSERT_EQ(before.calls.size(), p.calls.size());
  EXPECT_EQ(Attr(before.calls[0].attributes, "utc_offset_from_uniqueid"), "420 min")
      << "the fixture's own uniqueid gives the offset";
  EXPECT_EQ(p.calls[1].start_ms, before.calls[1].start_ms) << "the other calls are read as before";
}

TEST(CdrReader, RaggedRowsBrokenQuotesAndInvalidUtf8AreRejected) {
  std::string good = ReadFile(Fixture("asterisk_cdr_csv.csv"));
  std::string first = good.substr(0, good.find('\n') + 1);
  std::string data = first +
                     "\"\",\"1\",\"2\",\"ctx\",\"clid\",\"chan\",\"\",\"Dial\",\"x\",\"2024-03-05 10:00:00\"\n" +
                     "\"\",\"1\",\"2\",\"ctx\",\"cl\"id\",\"chan\",\"\",\"Dial\",\"x\",\"2024-03-05 10:00:00\",\"\",\"2024-03-05 10:00:01\",1,0,\"FAILED\",\"DOCUMENTATION\",\"u1\",\"\"\n" +
                     "\"\",\"1\",\"2\",\"ctx\",\"\xC3\x28\",\"chan\",\"\",\"Dial\",\"x\",\"2024-03-05 10:00:00\",\"\",\"2024-03-05 10:00:01\",1,0,\"FAILED\",\"DOCUMENTATION\",\"u2\",\"\"\n" +
                     "\"\",\"1\",\"2\",\"ctx\",\"c\",\"chan\",\"\",\"Dial\",\"x\",\"2024-03-05 10:00:00\",\"\",\"2024-03-05 10:00:01\",1,0,\"MAYBE\",\"DOCUMENTATION\",\"u3\",\"\"\n" +
                     first;
  ParsedInput p = ReadCdr(data, 0);
  EXPECT_EQ(p.calls.size(), 2u);
  ASSERT_EQ(p.rejects.size(), 4u);
  EXPECT_EQ(p.rejects[0].line, 2u);
  EXPECT_NE(p.rejects[0].reason.find("10 fields"), std::string::npos) << p.rejects[0].reason;
  EXPECT_EQ(p.rejects[1].line, 3u);
  EXPECT_EQ(p.rejects[1].column, 22u);  // the "i" after the closing quote of "cl"
  EXPECT_EQ(p.rejects[2].line, 4u);
  EXPECT_NE(p.rejects[2].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(p.rejects[3].line, 5u);
  EXPECT_NE(p.rejects[3].reason.find("no Asterisk disposition"), std::string::npos);
}

TEST(CdrReader, SplitCsvLine) {
  std::vector<std::string> f;
  size_t col = 0;
  ASSERT_TRUE(SplitCsvLine("\"a\",\"b \"\"q\"\" c\",,3", f, col));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b \"q\" c", "", "3"}));
  EXPECT_FALSE(SplitCsvLine("\"never closed,1", f, col));
  EXPECT_EQ(col, 16u);
}

}  // namespace
}  // namespace cxmap::callcenter

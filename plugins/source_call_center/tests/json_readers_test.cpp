// SPDX-License-Identifier: Apache-2.0
#include "json_readers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>


#include "test_support.h"
#include "text_values.h"

namespace cxmap::callcenter {
namespace {

using testing::Attr;
using testing::BestOfThreeSeconds;
using testing::Fixture;
using testing::ReadFile;
using testing::SharedFixture;

size_t CountRole(const Call& c, Role role) {
  size_t n = 0;
  for (const Turn& t : c.turns) n += t.role == role ? 1 : 0;
  return n;
}

TEST(ContactLens, RealExportLandsWithRolesOffsetsAndCharacteristics) {
  ParsedInput p = ReadContactLens(ReadFile(Fixture("contact_lens_CL_sample.json")));
  EXPECT_EQ(p.format, "contact_lens");
  EXPECT_TRUE(p.rejects.empty());
  ASSERT_EQ(p.calls.size(), 1u);
  const Call& c = p.calls[0];
  EXPECT_EQ(c.id, "0c129ed7-5c5a-42af-ba83-e7c52c6b035e");
  EXPECT_EQ(c.language, "en-US");
  EXPECT_EQ(c.channel, Channel::kCall);
  EXPECT_DOUBLE_EQ(*c.duration_s, 30.085);
  // From the recording name "..._20250123T07:17_UTC.wav".
  EXPECT_EQ(c.start_ms, ParseDateTime("2025-01-23T07:17:00Z", 0));
  ASSERT_EQ(c.turns.size(), 13u);
  EXPECT_EQ(CountRole(c, Role::kCustomer), 6u);
  EXPECT_EQ(CountRole(c, Role::kAgent), 7u);
  EXPECT_EQ(c.turns[2].text, "I'm just about my order number 671.");
  EXPECT_EQ(c.turns[2].offset_ms, 5065);
  EXPECT_EQ(Attr(c.turns[2].attributes, "sentiment"), "NEUTRAL");
  EXPECT_EQ(Attr(c.turns[3].attributes, "issue"), "Just inquiring about my order number 671");
  EXPECT_EQ(Attr(c.attributes, "sentiment_customer"), "1.7");
  EXPECT_EQ(Attr(c.attributes, "interruptions"), "2");
  EXPECT_EQ(Attr(c.attributes, "non_talk_s"), "0");
  EXPECT_EQ(Attr(c.attributes, "categories"), "NoAgentGreeting, DeliveryIssue");
}

TEST(ContactLens, TruncatedJsonIsOneRejectWithLineAndColumn) {
  std::string data = ReadFile(Fixture("contact_lens_CL_sample.json"));
  data.resize(data.size() / 2);
  ParsedInput p = ReadContactLens(data);
  EXPECT_TRUE(p.calls.empty());
  ASSERT_EQ(p.rejects.size(), 1u);
  EXPECT_NE(p.rejects[0].reason.find("truncated"), std::string::npos) << p.rejects[0].reason;
  EXPECT_GT(p.rejects[0].line, 100u);
  EXPECT_GT(p.rejects[0].column, 0u);
}

TEST(ContactLens, JsonThatIsNotContactLensSaysWhatIsMissing) {
  ParsedInput p = ReadContactLens(R"({"data":[{"id":"1","text":"hello"}],"meta":{}})");
  EXPECT_TRUE(p.calls.empty());
  ASSERT_EQ(p.rejects.size(), 1u);
  EXPECT_NE(p.rejects[0].reason.find("no \"Transcript\" array"), std::string::npos);
  EXPECT_NE(p.rejects[0].reason.find("data, meta"), std::string::npos) << p.rejects[0].reason;
}

TEST(ContactLens, InvalidUtf8AndBadTurns) {
  ParsedInput bad = ReadContactLens("{\"Transcript\":[{\"Content\":\"a\xC3\x28\"}]}");
  ASSERT_EQ(bad.rejects.size(), 1u);
  EXPECT_NE(bad.rejects[0].reason.find("UTF-8"), std::string::npos) << bad.rejects[0].reason;
  ParsedInput p = ReadContactLens(R"({"Participants":[{"ParticipantId":"C1","ParticipantRole":"CUSTOMER"}],
    "Transcript":[{"ParticipantId":"C1","Content":"ok","BeginOffsetMillis":10},
                  {"ParticipantId":"C1","Content":42}, 7,
                  {"ParticipantId":"C1","Content":"still lands"}]})");
  ASSERT_EQ(p.calls.size(), 1u);
  EXPECT_EQ(p.calls[0].turns.size(), 3u);  // 42 is written out as text
  EXPECT_EQ(p.rejects.size(), 1u);         // the bare 7
}

TEST(Vcon, IetfExampleWithoutRoles) {
  std::string path = SharedFixture("ab_call_ext_rec_analysis.vcon");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures/call_center (IETF licence, not copied)";
  ParsedInput p = ReadVcon(ReadFile(path), 0);
  EXPECT_TRUE(p.rejects.empty());
  ASSERT_EQ(p.calls.size(), 1u);
  const Call& c = p.calls[0];
  EXPECT_EQ(c.id, "0195544a-b9b1-8ee4-b9a2-279e0d16bc46");
  EXPECT_DOUBLE_EQ(*c.duration_s, 33.12);
  EXPECT_EQ(c.start_ms, ParseDateTime("2022-06-21T17:53:26Z", 0));
  // Deepgram put every paragraph on speaker 0; the parties carry no role.
  ASSERT_EQ(c.turns.size(), 4u);
  EXPECT_EQ(c.turns[0].speaker, "Alice");
  EXPECT_EQ(c.turns[0].role, Role::kUnknown);
  EXPECT_EQ(c.turns[0].text.rfind("Hello. This is example.com.", 0), 0u);
  EXPECT_EQ(c.turns[1].offset_ms, 6320);
}

TEST(Vcon, PartyRolesAndUtterances) {
  ParsedInput p = ReadVcon(ReadFile(Fixture("vcon_vi_roles.vcon")), 0);
  ASSERT_EQ(p.calls.size(), 1u);
  const Call& c = p.calls[0];
  EXPECT_EQ(c.agent, "Lan");
  EXPECT_EQ(c.customer, "Nguyễn Văn An");
  EXPECT_EQ(c.duration_s, 332);
  EXPECT_EQ(Attr(c.attributes, "subject"), "Khiếu nại cước");
  ASSERT_EQ(c.turns.size(), 4u);
  EXPECT_EQ(c.turns[0].role, Role::kAgent);
  EXPECT_EQ(c.turns[1].role, Role::kCustomer);
  EXPECT_EQ(c.turns[3].offset_ms, 60000);
  EXPECT_EQ(c.turns[3].time_ms, *c.start_ms + 60000);
}

TEST(Vcon, ChatDialogsBecomeTurns) {
  ParsedInput p = ReadVcon(ReadFile(Fixture("vcon_zh_chat.vcon")), 0);
  ASSERT_EQ(p.calls.size(), 1u);
  const Call& c = p.calls[0];
  EXPECT_EQ(c.channel, Channel::kChat);
  ASSERT_EQ(c.turns.size(), 3u);
  EXPECT_EQ(c.turns[2].role, Role::kCustomer);
  EXPECT_EQ(c.turns[2].text, "已經等了兩個星期，太慢了。");
  EXPECT_EQ(c.turns[1].time_ms, ParseDateTime("2024-03-06T08:40:30Z", 0));
}

TEST(Vcon, JsonLinesWithPlainTextTranscriptAndABrokenLine) {
  std::string data = ReadFile(Fixture("vcon_th_lines.jsonl"));
  ParsedInput p = ReadVcon(data, 0);
  ASSERT_EQ(p.calls.size(), 2u);
  EXPECT_TRUE(p.rejects.empty());
  EXPECT_EQ(p.calls[0].turns.size(), 3u);
  EXPECT_EQ(p.calls[0].turns[1].role, Role::kCustomer);
  EXPECT_DOUBLE_EQ(*p.calls[0].duration_s, 95.5);
  EXPECT_EQ(p.calls[1].line, 2u);
  // Truncate the last line: it is rejected, the first still lands.
  ParsedInput cut = ReadVcon(data.substr(0, data.size() - 40), 0);
  ASSERT_EQ(cut.calls.size(), 1u);
  ASSERT_EQ(cut.rejects.size(), 1u);
  EXPECT_EQ(cut.rejects[0].line, 2u);
  EXPECT_NE(cut.rejects[0].reason.find("truncated"), std::string::npos) << cut.rejects[0].reason;
}

TEST(Vcon, NotAVconIsRejected) {
  ParsedInput p = ReadVcon(R"([{"vcon":"0.0.2","parties":[]}, {"hello":1}])", 0);
  EXPECT_EQ(p.calls.size(), 1u);
  ASSERT_EQ(p.rejects.size(), 1u);
  EXPECT_NE(p.rejects[0].reason.find("not a vCon"), std::string::npos);
}

TEST(ContactLens, BadTurnsAreRejectedAtTheFilesLine) {
  // One line, five bad items: the item's index is in the reason, and the
  // reject points at line 1 (it pointed at line index + 1, past the file).
  ParsedInput p = ReadContactLens(R"({"Transcript":[{"x":1},{"x":2},{"x":3},{"x":4},{"x":5}]})");
  ASSERT_EQ(p.rejects.size(), 5u);
  for (size_t i = 0; i < p.rejects.size(); ++i) {
    EXPECT_EQ(p.rejects[i].line, 1u);
    EXPECT_NE(p.rejects[i].reason.find("Transcript[" + std::to_string(i) + "]"), std::string::npos)
        << p.rejects[i].reason;
  }
}

/// A vCon of `n` parties and `n` transcript segments, each naming a party
/// by its label in another case.
std::string ManyPartiesVcon(size_t n) {
  std::string parties, segments;
  for (size_t i = 0; i < n; ++i) {
    parties += std::string(i ? "," : "") + R"({"name":"Party )" + std::to_string(i) + R"(","role":")" +
               (i % 2 ? "agent" : "customer") + R"("})";
    segments += std::string(i ? "," : "") + R"({"speaker":"PARTY )" + std::to_string(n - 1 - i) +
                R"(","text":"turn )" + std::to_string(i) + R"("})";
  }
  return R"({"vcon":"0.0.2","parties":[)" + parties +
         R"(],"analysis":[{"type":"transcript","body":{"segments":[)" + segments + "]}}]}";
}

TEST(Vcon, SpeakerLabelsMatchTheFirstPartyFoldedInLinearTime) {
  // Two parties fold alike: the first one names the speaker.
  ParsedInput same = ReadVcon(R"({"vcon":"0.0.2","parties":[{"name":"Ann","role":"agent"},
    {"name":"ANN","role":"customer"}],"analysis":[{"type":"transcript","body":{"segments":[
    {"speaker":"ann","text":"hi"}]}}]})", 0);
  ASSERT_EQ(same.calls.size(), 1u);
  ASSERT_EQ(same.calls[0].turns.size(), 1u);
  EXPECT_EQ(same.calls[0].turns[0].speaker, "Ann");
  EXPECT_EQ(same.calls[0].turns[0].role, Role::kAgent);

  ParsedInput p = ReadVcon(ManyPartiesVcon(300), 0);
  ASSERT_EQ(p.calls.size(), 1u);
  ASSERT_EQ(p.calls[0].turns.size(), 300u);
  EXPECT_EQ(p.calls[0].turns[0].speaker, "Party 299");
  EXPECT_EQ(p.calls[0].turns[0].role, Role::kAgent);
  EXPECT_EQ(p.calls[0].turns[299].speaker, "Party 0");
  EXPECT_EQ(p.calls[0].turns[299].role, Role::kCustomer);

  // Every party's label was folded again for every turn: 8 times the input
  // took 64 times as long. Linear now (best of three, against noise).
  auto best_seconds = [](const std::string& data) {
    return BestOfThreeSeconds([&] { EXPECT_EQ(ReadVcon(data, 0).calls.size(), 1u); });
  };
  double small = best_seconds(ManyPartiesVcon(250));
  double large = best_seconds(ManyPartiesVcon(2000));
  EXPECT_LT(large, 24 * small + 0.05) << small << " s for 250 parties, " << large << " s for 2000";
}

/// A vCon whose one dialog has `parties` speaker numbers and `analyses`
/// transcript analyses of it, one turn each.
std::string ManyAnalysesVcon(size_t parties, size_t analyses) {
  std::string numbers, list;
  for (size_t i = 0; i < parties; ++i) numbers += std::string(i ? "," : "") + (i % 2 ? "0" : "1");
  for (size_t i = 0; i < analyses; ++i) {
    list += std::string(i ? "," : "") + R"({"type":"transcript","dialog":0,"body":[{"speaker":0,"text":"t)" +
            std::to_string(i) + R"("}]})";
  }
  return R"({"vcon":"0.0.2","parties":[{"name":"Ann","role":"agent"},{"name":"Bo","role":"customer"}],)"
         R"("dialog":[{"type":"recording","parties":[)" + numbers + R"(]}],"analysis":[)" + list + "]}";
}

TEST(Vcon, ManyAnalysesOfOneDialogInLinearTime) {
  ParsedInput p = ReadVcon(ManyAnalysesVcon(4, 3), 0);
  ASSERT_EQ(p.calls.size(), 1u);
  ASSERT_EQ(p.calls[0].turns.size(), 3u);
  EXPECT_EQ(p.calls[0].turns[0].speaker, "Bo");  // speaker 0 is the dialog's parties[0] = 1
  EXPECT_EQ(p.calls[0].turns[2].text, "t2");

  // The dialog's speaker numbering was built again for every analysis:
  // O(analyses x parties). Built once now (best of three, against noise).
  auto best_seconds = [](const std::string& data) {
    return BestOfThreeSeconds([&] { EXPECT_EQ(ReadVcon(data, 0).calls.size(), 1u); });
  };
  double small = best_seconds(ManyAnalysesVcon(2000, 250));
  double large = best_seconds(ManyAnalysesVcon(16000, 2000));
  EXPECT_LT(large, 24 * small + 0.05) << small << " s for 2000 numbers x 250 analyses, " << large
                                      << " s for 16000 x 2000";
}

}  // namespace
}  // namespace cxmap::callcenter

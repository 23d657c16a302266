// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/record_convert.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "core/plugin_host/abi_sizes.h"

namespace cxmap::core {
namespace {

cxmap_record Make(const std::string& text) {
  cxmap_record r{};
  r.struct_size = sizeof(r);
  r.text = {text.data(), text.size()};
  return r;
}

TEST(CopyRecordFromPlugin, KeepsTextAndPresentScoresOnly) {
  std::string text = "Giao hàng chậm quá 😡";
  cxmap_record r = Make(text);
  r.score_mask = CXMAP_SCORE_NPS;
  r.nps = 3;
  r.csat = 4;  // not flagged: must stay absent
  Record out;
  ASSERT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  EXPECT_EQ(out.text, text);
  EXPECT_EQ(out.nps, 3.0);
  EXPECT_FALSE(out.csat.has_value());
}

TEST(CopyRecordFromPlugin, RejectsOutOfRangeScoresInvalidUtf8AndUnknownChannels) {
  std::string ok = "ok";
  cxmap_record nps = Make(ok);
  nps.score_mask = CXMAP_SCORE_NPS;
  nps.nps = 11;
  Record out;
  Status s = CopyRecordFromPlugin(nps, &out);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("NPS 11"), std::string::npos) << s.message();
  std::string bad = "caf\xC3";  // truncated sequence
  EXPECT_NE(CopyRecordFromPlugin(Make(bad), &out).message().find("UTF-8"), std::string::npos);
  cxmap_record channel = Make(ok);
  channel.channel = 42;
  EXPECT_FALSE(CopyRecordFromPlugin(channel, &out).ok());
}

TEST(CopyRecordFromPlugin, AcceptsAbi10SizedStructsAndRefusesSmallerOnes) {
  std::string text = "สินค้าดีมาก";
  cxmap_record r = Make(text);
  r.struct_size = kRecordSizeV1_0;
  Record out;
  EXPECT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  r.struct_size = kRecordSizeV1_0 - 8;
  EXPECT_FALSE(CopyRecordFromPlugin(r, &out).ok());
}

TEST(CopyRecordFromPlugin, Abi12SourcesGetTheirOwnResponseCustomerVoiceAndNoAnswers) {
  std::string text = "Giao hàng chậm";
  cxmap_record r = Make(text);
  std::string garbage = "never read";
  r.response_id = {garbage.data(), garbage.size()};  // beyond what a 1.2 source sends
  r.speaker_role = CXMAP_SPEAKER_AGENT;
  r.struct_size = offsetof(cxmap_record, response_id);
  Record out;
  ASSERT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  EXPECT_EQ(out.response_id, "");
  EXPECT_EQ(out.speaker_role, SpeakerRole::kCustomer);
  EXPECT_TRUE(out.answers.empty());
  // ... but an old source's speaker_role attribute still tells an agent.
  cxmap_kv kv{{"speaker_role", 12}, {"agent", 5}};
  r.attributes = &kv;
  r.attribute_count = 1;
  ASSERT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  EXPECT_EQ(out.speaker_role, SpeakerRole::kAgent);
}

TEST(CopyRecordFromPlugin, AnswersOfALongerFutureStructAreReadByTheirStride) {
  struct Wider {
    cxmap_answer a;
    double added_in_a_later_minor;
  };
  std::string text = "ok", q1 = "Q1", q2 = "Q2", v1 = "Yes", v2 = "No";
  Wider w[2]{};
  for (auto& x : w) x.a.struct_size = sizeof(Wider);
  w[0].a.question = {q1.data(), q1.size()};
  w[0].a.value = {v1.data(), v1.size()};
  w[1].a.question = {q2.data(), q2.size()};
  w[1].a.value = {v2.data(), v2.size()};
  cxmap_record r = Make(text);
  r.answers = &w[0].a;
  r.answer_count = 2;
  Record out;
  ASSERT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  ASSERT_EQ(out.answers.size(), 2u);
  EXPECT_EQ(out.answers[1].question, "Q2");
  EXPECT_EQ(out.answers[1].value, "No");
}

TEST(CopyRecordFromPlugin, TextIsNfcAtTheDoorAndAnswersAreChecked) {
  // "hàng" with a combining grave and "chậm" as â + combining dot below
  // (decomposed, as macOS writes them) arrive composed.
  std::string nfd = "Giao ha\xCC\x80ng ch\xC3\xA2\xCC\xA3m";
  cxmap_record r = Make(nfd);
  cxmap_answer a{};
  a.struct_size = sizeof(a);
  std::string q = "Q5", value = "Rất hài lòng";
  a.question = {q.data(), q.size()};
  a.value = {value.data(), value.size()};
  a.kind = CXMAP_ANSWER_RATING;
  a.flags = CXMAP_ANSWER_HAS_NUMBER | CXMAP_ANSWER_HAS_SCALE;
  a.number = 5;
  a.scale_min = 1;
  a.scale_max = 5;
  r.answers = &a;
  r.answer_count = 1;
  Record out;
  ASSERT_TRUE(CopyRecordFromPlugin(r, &out).ok());
  EXPECT_EQ(out.text, "Giao hàng chậm");
  ASSERT_EQ(out.answers.size(), 1u);
  EXPECT_EQ(out.answers[0].number, 5.0);
  EXPECT_EQ(out.answers[0].scale, std::make_pair(1.0, 5.0));

  a.scale_max = 1;  // not a range
  EXPECT_NE(CopyRecordFromPlugin(r, &out).message().find("not a range"), std::string::npos);
  a.scale_max = 5;
  a.kind = 9;
  EXPECT_NE(CopyRecordFromPlugin(r, &out).message().find("unknown kind"), std::string::npos);
  a.kind = CXMAP_ANSWER_CHOICE;
  a.question = {nullptr, 0};
  EXPECT_FALSE(CopyRecordFromPlugin(r, &out).ok());
  r.answer_count = 1u << 30;  // a corrupt count is refused, not allocated
  EXPECT_NE(CopyRecordFromPlugin(r, &out).message().find("at most"), std::string::npos);
  r.answer_count = 1;
  r.answers = nullptr;  // a count without answers
  EXPECT_FALSE(CopyRecordFromPlugin(r, &out).ok());
  r.answer_count = 0;
  r.speaker_role = 42;
  EXPECT_NE(CopyRecordFromPlugin(r, &out).message().find("speaker role"), std::string::npos);
}

TEST(WidenAbiStruct, ZeroesFieldsTheSenderDidNotHave) {
  cxmap_record small{};
  small.struct_size = offsetof(cxmap_record, record_number);  // pretend record_number is newer
  small.line = 7;
  cxmap_record wide;
  ASSERT_TRUE(WidenAbiStruct(small, 8, &wide));
  EXPECT_EQ(wide.line, 7u);
  EXPECT_EQ(wide.record_number, 0u);
}

TEST(SafeExcerpt, CutsOnCharacterBoundariesAndRepairs) {
  std::string zh = "门店服务很好";  // 3 bytes per character
  EXPECT_EQ(SafeExcerpt(zh, 7), "门店");
  EXPECT_EQ(SafeExcerpt("a\xFF" "b", 10), "a\xEF\xBF\xBD" "b");
}

// What split() gave comes back from a shared store to another process and
// is summed for progress: tokens must be printable, pieces at most those
// asked for, and their sizes within the file.
TEST(CheckPieces, RefusesTokensCountsAndSizesTheFileCannotHave) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("cxmap-pieces-" + std::to_string(::getpid()))).string();
  { std::ofstream(path) << std::string(100, 'x'); }
  EXPECT_TRUE(CheckPieces("p", path, {{"a", 60}, {"b", 40}}, 2).ok());
  EXPECT_TRUE(CheckPieces("p", path, {}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{"a", 60}, {"b", 41}}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{"a", UINT64_MAX}}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{"a", 1}, {"b", 1}, {"c", 1}}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{"", 1}}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{"a\x1b[31m", 1}}, 2).ok());
  EXPECT_FALSE(CheckPieces("p", path, {{std::string(CXMAP_PIECE_TOKEN_CAPACITY + 1, 'a'), 1}}, 2).ok());
  Status gone = CheckPieces("p", path + ".missing", {{"a", 1}}, 2);
  EXPECT_FALSE(gone.ok());
  EXPECT_NE(gone.message().find("p: split()"), std::string::npos) << gone.message();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cxmap::core

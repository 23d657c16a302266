// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/record_convert.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#include "column_roles.h"

#include <gtest/gtest.h>

#include "unicode_text.h"

namespace cxmap::csv {
namespace {

Role First(std::string_view header) {
  auto roles = SuggestRoles(header);
  return roles.empty() ? Role::kAttribute : roles.front();
}

TEST(ColumnRoles, FoldsHeaders) {
  EXPECT_EQ(FoldHeader("  Nhận Xét (Q5) "), "nhan xet q5");
  EXPECT_EQ(FoldHeader("Đánh_giá"), "danh gia");
  EXPECT_EQ(FoldHeader("ความคิดเห็น"), "ความคิดเห็น");
  EXPECT_EQ(FoldHeader("Response-ID"), "response id");
}

TEST(ColumnRoles, FindsRolesInFourLanguages) {
  EXPECT_EQ(First("Comment"), Role::kText);
  EXPECT_EQ(First("Nhận xét"), Role::kText);
  EXPECT_EQ(First("nhan xet"), Role::kText);  // Vietnamese typed without diacritics
  EXPECT_EQ(First("Góp ý"), Role::kText);
  EXPECT_EQ(First("ความคิดเห็น"), Role::kText);
  EXPECT_EQ(First("评论"), Role::kText);
  EXPECT_EQ(First("評論"), Role::kText);
  EXPECT_EQ(First("Response ID"), Role::kId);
  EXPECT_EQ(First("Mã"), Role::kId);
  EXPECT_EQ(First("Ngày"), Role::kTime);
  EXPECT_EQ(First("วันที่"), Role::kTime);
  EXPECT_EQ(First("日期"), Role::kTime);
  EXPECT_EQ(First("NPS"), Role::kNps);
  EXPECT_EQ(First("CSAT"), Role::kCsat);
  EXPECT_EQ(First("CES"), Role::kCes);
  EXPECT_EQ(First("Rating"), Role::kRating);
  EXPECT_EQ(First("Kênh"), Role::kChannel);
  EXPECT_EQ(First("ช่องทาง"), Role::kChannel);
  EXPECT_EQ(First("渠道"), Role::kChannel);
  EXPECT_EQ(First("Ngôn ngữ"), Role::kLanguage);
  EXPECT_EQ(First("Phân khúc"), Role::kSegment);
  EXPECT_EQ(First("กลุ่ม"), Role::kSegment);
  EXPECT_EQ(First("客群"), Role::kSegment);
  EXPECT_EQ(First("Email"), Role::kRespondent);
  EXPECT_EQ(First("Quarter"), Role::kAttribute);
}

TEST(ColumnRoles, TheHeadWordWins) {
  EXPECT_EQ(First("Comment date"), Role::kTime);
  EXPECT_EQ(First("Customer comment"), Role::kText);
  EXPECT_EQ(First("Ngày góp ý"), Role::kTime);
  EXPECT_EQ(First("Kênh phản hồi"), Role::kChannel);
  EXPECT_EQ(First("评论时间"), Role::kTime);
  EXPECT_EQ(First("Services used"), Role::kAttribute);  // "ces" only as a word
}

TEST(ColumnRoles, ScoreRoleNeedsNumbersInTheSample) {
  std::vector<std::string> headers = {"id", "What would you recommend we change?"};
  std::vector<std::vector<std::string>> rows = {{"1", "faster delivery"}, {"2", "cheaper"}};
  auto roles = AssignRoles(headers, rows, {});
  ASSERT_TRUE(roles.ok()) << roles.status().ToString();
  EXPECT_EQ(roles->roles[1], Role::kText);  // "recommend" suggested NPS, the values said no
  rows = {{"1", "9"}, {"2", "10"}};
  EXPECT_FALSE(AssignRoles(headers, rows, {}).ok());  // now NPS, and no text column left
}

TEST(ColumnRoles, OptionsOverrideByNameOrNumber) {
  std::vector<std::string> headers = {"ref", "q5", "comment", "score"};
  cxmap_kv kv[] = {{{"text_columns", 12}, {"q5, 3", 5}}, {{"id_column", 9}, {"Ref", 3}},
                   {{"nps_column", 10}, {"4", 1}}};
  auto roles = AssignRoles(headers, {}, OptionValues(kv, 3));
  ASSERT_TRUE(roles.ok()) << roles.status().ToString();
  EXPECT_EQ(roles->roles, (std::vector<Role>{Role::kId, Role::kText, Role::kText, Role::kNps}));
  cxmap_kv missing[] = {{{"time_column", 11}, {"when", 4}}};
  auto bad = AssignRoles(headers, {}, OptionValues(missing, 1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("no column 'when'"), std::string::npos);
}

TEST(ColumnRoles, NoTextColumnIsNotSupported) {
  auto r = AssignRoles({"a", "b"}, {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotSupported);
}

}  // namespace
}  // namespace cxmap::csv

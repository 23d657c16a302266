// SPDX-License-Identifier: Apache-2.0
#include "header_map.h"

#include <gtest/gtest.h>

#include "stakeholder_source.h"

namespace cxmap::stakeholders {
namespace {

std::vector<std::string> Split(std::string_view s, char d) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == d) {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

void ExpectFullHeader(std::string_view line, char delimiter) {
  HeaderMap m = MapHeader(Split(line, delimiter));
  EXPECT_EQ(m.recognised, 6u) << line;
  for (size_t c = 0; c < kColumnCount; ++c) {
    ASSERT_TRUE(m.index[c].has_value()) << line << ": " << ColumnName(Column(c));
    EXPECT_EQ(*m.index[c], c) << line;
  }
  EXPECT_TRUE(m.IsStakeholderList());
}

TEST(HeaderMap, RecognisesTheHeaderInEveryLanguage) {
  ExpectFullHeader("Name,Department,Role,Support,Influence,Notes", ',');
  ExpectFullHeader("Họ tên,Phòng ban,Vai trò,Mức ủng hộ,Mức ảnh hưởng,Ghi chú", ',');
  ExpectFullHeader("Ho ten,Phong ban,Vai tro,Muc ung ho,Muc anh huong,Ghi chu", ',');
  ExpectFullHeader("HỌ VÀ TÊN,BỘ PHẬN,CHỨC VỤ,MỨC ĐỘ ỦNG HỘ,TẦM ẢNH HƯỞNG,NHẬN XÉT", ',');
  ExpectFullHeader("ชื่อ,แผนก,บทบาท,การสนับสนุน,อิทธิพล,หมายเหตุ", ',');
  ExpectFullHeader("ชื่อ-นามสกุล,ฝ่าย,ตำแหน่ง,ระดับการสนับสนุน,ระดับอิทธิพล,ความคิดเห็น", ',');
  ExpectFullHeader("姓名,部门,角色,支持度,影响力,备注", ',');
  ExpectFullHeader("姓名,部門,角色,支持度,影響力,備註", ',');
  ExpectFullHeader("姓名,部門,職位,支持程度,影響程度,意見", ',');
}

TEST(HeaderMap, ToleratesScaleNotesCaseAndSeparators) {
  EXPECT_EQ(RecogniseHeader("Support (1-5)"), Column::kSupport);
  EXPECT_EQ(RecogniseHeader("  INFLUENCE [1–5] "), Column::kInfluence);
  EXPECT_EQ(RecogniseHeader("support_score"), Column::kSupport);
  EXPECT_EQ(RecogniseHeader("Mức ủng hộ (1-5)"), Column::kSupport);
  EXPECT_EQ(RecogniseHeader("Support 1-5"), Column::kSupport);
  EXPECT_EQ(RecogniseHeader("影响力（1-5）"), Column::kInfluence);  // full-width brackets
  EXPECT_EQ(RecogniseHeader("Job-Title:"), Column::kRole);
  EXPECT_EQ(FoldHeader("Đơn vị"), "don vi");
  EXPECT_EQ(FoldHeader("Mức ảnh hưởng"), "muc anh huong");
}

TEST(HeaderMap, SurveyQuestionsAreNotScoreColumns) {
  EXPECT_FALSE(RecogniseHeader("How would you rate our support?").has_value());
  EXPECT_FALSE(RecogniseHeader("Customer support satisfaction").has_value());
  EXPECT_FALSE(RecogniseHeader("NPS").has_value());
  EXPECT_FALSE(RecogniseHeader("").has_value());
  HeaderMap survey = MapHeader({"Respondent ID", "Name", "Rating", "Comment"});
  EXPECT_FALSE(survey.IsStakeholderList());
  EXPECT_EQ(survey.Missing(), "support or influence");
}

TEST(HeaderMap, FirstCellNamingAColumnWinsAndDuplicatesAreListed) {
  HeaderMap m = MapHeader({"Name", "Tên", "Support", "Influence"});
  EXPECT_EQ(m.at(Column::kName), 0u);
  ASSERT_EQ(m.duplicates.size(), 1u);
  EXPECT_EQ(m.duplicates[0], "Tên");
}

TEST(Sniff, ConfidencePerLanguageAndZeroOnSurveys) {
  const char* lists[] = {
      "Name,Department,Role,Support,Influence,Notes\nA,B,C,4,4,x\n",
      "\xEF\xBB\xBFHọ tên,Phòng ban,Vai trò,Mức ủng hộ,Mức ảnh hưởng,Ghi chú\r\nA,B,C,4,4,x\r\n",
      "ชื่อ\tแผนก\tบทบาท\tการสนับสนุน\tอิทธิพล\tหมายเหตุ\nA\tB\tC\t4\t4\tx\n",
      "姓名;部门;角色;支持度;影响力;备注\n",
      "姓名|部門|角色|支持度|影響力|備註\n",
  };
  for (const char* head : lists) {
    SniffResult r = StakeholderSource::Sniff("list.csv", head);
    EXPECT_DOUBLE_EQ(r.confidence, 0.98) << head << " " << r.reason;
    EXPECT_EQ(r.format, "stakeholders");
  }
  EXPECT_DOUBLE_EQ(StakeholderSource::Sniff("x.csv", "name,role,support\n").confidence, 0.97);
  const char* surveys[] = {
      "Respondent ID,Name,NPS,Comment\n1,An,9,good\n",
      "id,date,rating,review\n1,2024-01-01,5,ok\n",
      "name,support\nA,4\n",  // a score but neither department nor role
      "Name,Department,Role,Notes\nA,B,C,x\n",
      "{\"name\": \"x\", \"support\": 4}\n",
      "",
      std::string_view("\0\0\0\0", 4).data(),
  };
  for (const char* head : surveys) {
    EXPECT_EQ(StakeholderSource::Sniff("s.csv", head).confidence, 0) << head;
  }
}

TEST(Sniff, ReadsAUtf16LeHeader) {
  std::u16string header = u"Name\tDepartment\tRole\tSupport\tInfluence\tNotes\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : header) bytes += static_cast<char>(c & 0xFF), bytes += static_cast<char>(c >> 8);
  SniffResult r = StakeholderSource::Sniff("list.txt", bytes);
  EXPECT_DOUBLE_EQ(r.confidence, 0.98) << r.reason;
  EXPECT_NE(r.reason.find("UTF-16LE"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::stakeholders

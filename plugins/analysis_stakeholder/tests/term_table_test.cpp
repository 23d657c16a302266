// SPDX-License-Identifier: Apache-2.0
#include "term_table.h"

#include <gtest/gtest.h>

#include "stakeholder_identity.h"

namespace cxmap::stakeholder {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

TEST(TermTable, LongestTermWinsOnWordBoundaries) {
  auto t = TermTable::Parse(
      "# comment\ndirector\t4.5\tdirector\nmanaging director\t5\texecutive\n"
      "giám đốc\t4.5\nphó giám đốc\t4\nit\tit\n总监\t4.5\n\n",
      "roles.tsv", Lower);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->size(), 6u);
  EXPECT_EQ(t->FindLongest("managing director, apac")->value, "5");
  EXPECT_EQ(t->FindLongest("art director")->value, "4.5");
  EXPECT_EQ(t->FindLongest("phó giám đốc kinh doanh")->value, "4");
  EXPECT_EQ(t->FindLongest("物流总监")->value, "4.5");  // no word boundary in Chinese
  EXPECT_EQ(t->FindLongest("security"), nullptr);      // "it" only as a word
  EXPECT_EQ(t->FindLongest("it support")->value, "it");
  EXPECT_EQ(t->FindLongest("directors"), nullptr);  // a Latin term ends on a boundary
}

TEST(TermTable, ErrorsNameFileAndLine) {
  auto bad = TermTable::Parse("ok\t1\nno value here\n", "x.tsv", Lower);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "x.tsv:2: expected term<TAB>value");
  auto empty = TermTable::Parse("\t3\n", "y.tsv", Lower);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("y.tsv:1:"), std::string::npos);
}

TEST(ScoreCell, AcceptsOnlyNumbersInOneToFive) {
  EXPECT_EQ(ParseScoreCell("4"), 4.0);
  EXPECT_EQ(ParseScoreCell("4,5"), 4.5);
  EXPECT_EQ(ParseScoreCell(" 3.49 "), 3.49);
  EXPECT_EQ(ParseScoreCell("5/5"), 5.0);
  for (const char* s : {"", "0", "5.01", "high", "nan", "4 5", "-3"}) {
    EXPECT_FALSE(ParseScoreCell(s).has_value()) << s;
  }
  std::string why;
  EXPECT_FALSE(ExplicitScore("support", std::string("cao"), &why).has_value());
  EXPECT_EQ(why, "support 'cao' is not a number in 1–5");
}

}  // namespace
}  // namespace cxmap::stakeholder

// SPDX-License-Identifier: Apache-2.0
// Cutting quotes by grapheme cluster: never between a base and its marks,
// never inside a UTF-8 sequence, in every script the report shows.
#include "core/text/grapheme.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

TEST(Grapheme, KeepsMarksWithTheirBase) {
  // Vietnamese with combining marks (NFD): "Việt" is four clusters.
  const std::string viet = "Vie\u0323\u0302t Nam";
  EXPECT_EQ(GraphemePrefix(viet, 8), viet);
  EXPECT_EQ(GraphemePrefix(viet, 7), "Vie\u0323\u0302t Na");
  EXPECT_EQ(GraphemePrefix(viet, 3), "Vie\u0323\u0302");
  // Thai: น้ำ (water) with SARA AM is one cluster; decomposed SARA AM
  // (NIKHAHIT + SARA AA) leaves the AA as a cluster of its own.
  EXPECT_EQ(GraphemePrefix("น้ำดีมาก", 1), "น้ำ");
  EXPECT_EQ(GraphemePrefix("น\u0e49\u0e4d\u0e32ดี", 1), "น\u0e49\u0e4d");
  EXPECT_EQ(GraphemePrefix("ที่นี่", 2), "ที่นี่");
  // An emoji family (ZWJ sequence) and a flag are one cluster each.
  EXPECT_EQ(GraphemePrefix("👨‍👩‍👧🇻🇳x", 2), "👨‍👩‍👧🇻🇳");
}

TEST(Grapheme, SaysWhetherItCut) {
  bool cut = true;
  EXPECT_EQ(GraphemePrefix("客服很好", 2, &cut), "客服");
  EXPECT_TRUE(cut);
  EXPECT_EQ(GraphemePrefix("客服很好", 4, &cut), "客服很好");
  EXPECT_FALSE(cut);
  EXPECT_EQ(GraphemePrefix("", 3, &cut), "");
  EXPECT_FALSE(cut);
  EXPECT_EQ(GraphemePrefix("abc", 0, &cut), "");
  EXPECT_TRUE(cut);
}

TEST(Grapheme, IllFormedInputIsCutOnCodePoints) {
  const std::string bad = std::string("ab\xE0\xB8", 4) + "ค";  // a truncated Thai letter inside
  std::string p = GraphemePrefix(bad, 2);
  EXPECT_EQ(p, "ab");
  std::string all = GraphemePrefix(bad, 10);
  EXPECT_EQ(all, bad);
}

TEST(DisplayWidth, CountsColumnsByClusterInEveryScript) {
  EXPECT_EQ(DisplayWidth("delivery"), 8u);
  EXPECT_EQ(DisplayWidth("快递太慢"), 8u);            // Han: wide
  EXPECT_EQ(DisplayWidth("門市"), 4u);                // Traditional too
  EXPECT_EQ(DisplayWidth("ที่นี่"), 2u);               // two clusters, marks ride along
  EXPECT_EQ(DisplayWidth("Vie\u0302\u0323t"), 4u);  // decomposed Vietnamese: ệ is one
  EXPECT_EQ(DisplayWidth("giao hàng"), 9u);
  EXPECT_EQ(DisplayWidth("👍"), 2u);
  EXPECT_EQ(DisplayWidth("\u2764\uFE0F"), 2u);       // ❤️ as a picture
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4u);                // full-width forms
  EXPECT_EQ(DisplayWidth("a\tb"), 2u);               // a control takes no column
}

TEST(DisplayWidth, FitColumnsCutsAndPadsToTheWidth) {
  EXPECT_EQ(FitColumns("abc", 5), "abc  ");
  EXPECT_EQ(FitColumns("delivery", 5), "deli…");
  EXPECT_EQ(FitColumns("快递太慢了", 5), "快递…");
  EXPECT_EQ(FitColumns("快递太慢了", 6), "快递… ");  // a wide letter does not fit in one column
  EXPECT_EQ(FitColumns("ที่นี่ดีมาก", 4), "ที่นี่ดี…");
  for (const char* s : {"Trần Văn B", "ฝ่ายบริการลูกค้า", "客服部總監", "ok", "📦 giao hàng chậm"}) {
    for (size_t w : {1u, 3u, 8u, 20u}) EXPECT_EQ(DisplayWidth(FitColumns(s, w)), w) << s << " " << w;
  }
  EXPECT_EQ(FitColumns("abc", 0), "");
}

}  // namespace
}  // namespace cxmap::core


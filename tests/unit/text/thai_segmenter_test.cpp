// SPDX-License-Identifier: Apache-2.0
// ThaiSegmenter: maximal matching over libthai's dictionary, the cluster
// rules that keep marks with their consonant, and domain words.
#include "core/text/thai_segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cxmap::core {
namespace {

// The words of `thai` joined with '|'.
std::string Split(ThaiSegmenter& seg, const std::string& thai) {
  std::vector<size_t> breaks;
  seg.Segment(thai, &breaks);
  std::string out;
  size_t begin = 0;
  for (size_t end : breaks) {
    if (!out.empty()) out += '|';
    out += thai.substr(begin, end - begin);
    begin = end;
  }
  return out;
}

bool HaveDictionary() {
  ThaiSegmenter seg;
  return Split(seg, "ส่งของช้ามาก") != "ส่งของช้ามาก";
}

TEST(ThaiSegmenter, SplitsDictionaryWords) {
  if (!HaveDictionary()) GTEST_SKIP() << "libthai's dictionary (libthai-data) not installed";
  ThaiSegmenter seg;
  EXPECT_EQ(Split(seg, "ส่งของช้ามาก"), "ส่ง|ของ|ช้า|มาก");
  EXPECT_EQ(Split(seg, "พนักงานบริการดีมาก"), "พนักงาน|บริการ|ดี|มาก");
  EXPECT_EQ(Split(seg, "ไม่ดีเลยผิดหวังมาก"), "ไม่|ดี|เลย|ผิดหวัง|มาก");
}

TEST(ThaiSegmenter, RepeatMarkStaysWithItsWord) {
  if (!HaveDictionary()) GTEST_SKIP() << "libthai's dictionary (libthai-data) not installed";
  ThaiSegmenter seg;
  EXPECT_EQ(Split(seg, "ดีจริงๆ"), "ดี|จริงๆ");
  EXPECT_EQ(Split(seg, "สุดๆเลย"), "สุดๆ|เลย");
}

TEST(ThaiSegmenter, UnknownWordDoesNotSwallowTheRest) {
  if (!HaveDictionary()) GTEST_SKIP() << "libthai's dictionary (libthai-data) not installed";
  ThaiSegmenter seg;
  // ช้อป is not in libthai's dictionary; เลย and ที่ are.
  EXPECT_EQ(Split(seg, "ช้อปเลยที่"), "ช้อป|เลย|ที่");
}

TEST(ThaiSegmenter, NoWordStartsAtAMarkOrAfterALeadingVowel) {
  ThaiSegmenter seg;
  // Whatever the dictionary, every piece starts with a character that can
  // begin a cluster and none ends in a leading vowel.
  for (std::string text : {"ฟังก์ชั่นไอส์แลนด์", "เกิดอะไรขึ้นอ้ะมะกี้", "ๆๆก", "ำ", "เ", "กเ", "ก์"}) {
    std::vector<size_t> breaks;
    seg.Segment(text, &breaks);
    ASSERT_FALSE(breaks.empty()) << text;
    EXPECT_EQ(breaks.back(), text.size());
    for (size_t k = 0; k + 1 < breaks.size(); ++k) {
      std::string next = text.substr(breaks[k], 3), last = text.substr(breaks[k] - 3, 3);
      EXPECT_TRUE(next != "ั" && next != "ิ" && next != "่" && next != "้" && next != "์" && next != "ๆ" &&
                  next != "า" && next != "ำ")
          << text << " breaks before " << next;
      EXPECT_TRUE(last != "เ" && last != "แ" && last != "โ" && last != "ใ" && last != "ไ") << text;
      std::string after = text.substr(breaks[k] + 3, 3);
      EXPECT_NE(after, "์") << text << ": a silenced consonant starts a word";
    }
  }
}

TEST(ThaiSegmenter, EmptyInputAddsNoBreak) {
  ThaiSegmenter seg;
  std::vector<size_t> breaks;
  seg.Segment("", &breaks);
  EXPECT_TRUE(breaks.empty());
}

TEST(ThaiSegmenter, LongRunIsLinear) {
  ThaiSegmenter seg;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "ดีมาก";
  std::vector<size_t> breaks;
  seg.Segment(text, &breaks);
  EXPECT_EQ(breaks.back(), text.size());
}

TEST(ThaiSegmenter, DomainWordsJoinNewSegmenters) {
  if (!HaveDictionary()) GTEST_SKIP() << "libthai's dictionary (libthai-data) not installed";
  ThaiSegmenter before;
  std::string text = "ชอบกะเพราไก่ไข่ดาวมาก";
  std::string old_split = Split(before, text);
  ASSERT_NE(old_split.find("กะเพรา|ไก่"), std::string::npos) << old_split;
  ASSERT_TRUE(ThaiSegmenter::AddDomainWords({"กะเพราไก่ไข่ดาว", "abcกขค"}).ok());
  ThaiSegmenter after;
  EXPECT_EQ(Split(after, text), "ชอบ|กะเพราไก่ไข่ดาว|มาก");
  EXPECT_EQ(Split(before, text), old_split);  // existing segmenters keep their dictionary
}

}  // namespace
}  // namespace cxmap::core

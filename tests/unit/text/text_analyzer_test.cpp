// SPDX-License-Identifier: Apache-2.0
#include "core/text/text_analyzer.h"

#include <gtest/gtest.h>

#include "core/text/fold.h"
#include "core/text/matching_form.h"

namespace cxmap::core {
namespace {

std::vector<std::string> Keys(const TextAnalysis& a) {
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(a.key(t));
  return out;
}

std::string Fold(std::string_view s) {
  MatchingForm form;
  form.Build(s);
  return Folder::Get().Fold(form.text());
}

TEST(MatchingForm, RecomposesThaiSaraAm) {
  EXPECT_EQ(Fold("ทํา"), Fold("ทำ"));
  EXPECT_EQ(Fold("ทํา"), "ทำ");
  EXPECT_EQ(Fold("นํ้า"), "น้ำ");  // across a tone mark
}

TEST(MatchingForm, FullWidthCaseAndElongation) {
  EXPECT_EQ(Fold("ＡＰＰ　１００！"), "app 100!");
  EXPECT_EQ(Fold("sooooo goood"), "soo good");
  EXPECT_EQ(Fold("มากกกกก"), "มาก");
  EXPECT_EQ(Fold("quáaaa"), "qua");
  EXPECT_EQ(Fold("5555 1000"), "5555 1000");  // digits never collapse
  EXPECT_EQ(Fold("lưu"), "luu");              // ưu is a real spelling
}

TEST(MatchingForm, ThaiDoubledConsonantIsKeptLongerRunsCollapse) {
  EXPECT_EQ(Fold("ราคาถูกกว่า"), "ราคาถูกกว่า");  // ถูก|กว่า: two words
  EXPECT_EQ(Fold("ปากกา"), "ปากกา");              // a real spelling
  EXPECT_EQ(Fold("ธรรมดา"), "ธรรมดา");
  EXPECT_EQ(Fold("ช้ามากกกกกกว่าเดิม"), "ช้ามากว่าเดิม");  // elongation, whole run
  EXPECT_EQ(Fold("ดีีีี"), "ดี");                     // repeated vowel
  EXPECT_EQ(Fold("อร่อยยยยย"), "อร่อย");
}

TEST(MatchingForm, TypographicApostropheMatchesAscii) {
  EXPECT_EQ(Fold("won\u2019t"), "won't");
  EXPECT_EQ(Fold("I can\u2019t"), "i can't");
  EXPECT_EQ(Fold("int\u2019l"), "int'l");
}

TEST(MatchingForm, KeepsEmojiSequences) {
  MatchingForm form;
  form.Build("👨‍👩‍👧 ❤️ OK");
  EXPECT_EQ(form.text(), "👨‍👩‍👧 ❤️ ok");
}

TEST(Folder, VietnameseAndTraditional) {
  const Folder& f = Folder::Get();
  EXPECT_EQ(f.Fold("Giao hàng CHẬM, Đơn"), "giao hang cham, don");
  EXPECT_EQ(f.Fold("門市"), "门市");
  EXPECT_EQ(f.Fold("瞭解"), "了解");
  EXPECT_EQ(f.Fold("甚麼"), "甚么");
  EXPECT_EQ(f.Fold("著急"), "着急");
  EXPECT_EQ(f.Fold("入帳"), f.Fold("入账"));
}

TEST(TextAnalyzer, VietnameseCompoundsWithAndWithoutDiacritics) {
  TextAnalyzer an;
  const TextAnalysis& a = an.Analyze("Giao hàng chậm quá");
  EXPECT_EQ(a.language.tag, "vi");
  EXPECT_EQ(Keys(a), (std::vector<std::string>{"giao hang", "cham", "qua"}));
  EXPECT_EQ(a.surface(a.tokens[0]), "Giao hàng");
  EXPECT_EQ(Keys(an.Analyze("giao hang cham qua")), Keys(an.Analyze("Giao hàng chậm quá")));
}

TEST(TextAnalyzer, ThaiWithoutSpaces) {
  TextAnalyzer an;
  const TextAnalysis& a = an.Analyze("ส่งของช้ามากไม่ดีเลย");
  EXPECT_EQ(a.language.tag, "th");
  EXPECT_GE(a.tokens.size(), 4u);
  std::string joined;
  for (const Token& t : a.tokens) joined += std::string(a.surface(t));
  EXPECT_EQ(joined, "ส่งของช้ามากไม่ดีเลย");
}

TEST(TextAnalyzer, ChineseBothScriptsShareKeys) {
  TextAnalyzer an;
  std::vector<std::string> hans = Keys(an.Analyze("门市服务很差"));
  const TextAnalysis& hant = an.Analyze("門市服務很差");
  EXPECT_EQ(hant.language.tag, "zh-Hant");
  EXPECT_EQ(Keys(hant), hans);
  EXPECT_EQ(hant.surface(hant.tokens[0]).substr(0, 3), "門");
}

TEST(TextAnalyzer, EmojiEmoticonsAndLaughterAreTokens) {
  TextAnalyzer an;
  const TextAnalysis& a = an.Analyze("Shop ok :)) 😡😡 haha =)) 👍🏽");
  std::vector<TokenKind> kinds;
  for (const Token& t : a.tokens) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kWord, TokenKind::kEmoticon,
                                           TokenKind::kEmoji, TokenKind::kEmoji, TokenKind::kLaughter,
                                           TokenKind::kEmoticon, TokenKind::kEmoji}));
  EXPECT_EQ(a.key(a.tokens.back()), "👍");  // skin tone folded away for matching
  EXPECT_EQ(a.surface(a.tokens.back()), "👍🏽");
  const TextAnalysis& th = an.Analyze("ตลกมาก 5555");
  EXPECT_EQ(th.tokens.back().kind, TokenKind::kLaughter);
  EXPECT_EQ(an.Analyze("giá 555 nghìn").tokens[1].kind, TokenKind::kNumber);
  EXPECT_EQ(an.Analyze("哈哈哈 太好笑了").tokens[0].kind, TokenKind::kLaughter);
}

TEST(TextAnalyzer, EmojiOnlyAndEmpty) {
  TextAnalyzer an;
  EXPECT_EQ(an.Analyze("👍").tokens.size(), 1u);
  const TextAnalysis& e = an.Analyze("");
  EXPECT_TRUE(e.tokens.empty());
  EXPECT_EQ(e.language.tag, "und");
}

TEST(TextAnalyzer, SentencesAndMixedText) {
  TextAnalyzer an;
  const TextAnalysis& a = an.Analyze("物流太慢了。客服很好！\nThe app is slow, giao hàng chậm");
  ASSERT_EQ(a.sentences.size(), 3u);
  EXPECT_EQ(a.text.substr(a.sentences[1].begin, a.sentences[1].end - a.sentences[1].begin), "客服很好！\n");
  EXPECT_GE(a.language.runs.size(), 2u);
  EXPECT_EQ(a.tokens[a.sentences[2].first_token].sentence, 2u);
}

TEST(TextAnalyzer, OffsetsPointIntoOriginalAfterNormalisation) {
  TextAnalyzer an;
  std::string text = "ＧＯＯＤ sooooo ทํางาน";
  const TextAnalysis& a = an.Analyze(text);
  ASSERT_GE(a.tokens.size(), 3u);
  EXPECT_EQ(a.surface(a.tokens[0]), "ＧＯＯＤ");
  EXPECT_EQ(a.key(a.tokens[0]), "good");
  EXPECT_EQ(a.surface(a.tokens[1]), "sooooo");
  EXPECT_EQ(a.tokens.back().end, text.size());
}

TEST(TextAnalyzer, HundredKilobyteTextIsLinearAndComplete) {
  std::string text;
  while (text.size() < 100 * 1024) text += "Giao hàng chậm quá. 物流太慢了！ ส่งช้ามาก 😡 not good ";
  TextAnalyzer an;
  const TextAnalysis& a = an.Analyze(text);
  EXPECT_GT(a.tokens.size(), 10000u);
  EXPECT_GT(a.sentences.size(), 1000u);
  for (size_t i = 1; i < a.tokens.size(); ++i) ASSERT_LE(a.tokens[i - 1].end, a.tokens[i].begin);
  EXPECT_LE(a.tokens.back().end, text.size());
}

}  // namespace
}  // namespace cxmap::core

namespace cxmap::core {
namespace {

// Regression: Thai digits (U+0E50..U+0E59) are alphanumeric to ICU but not
// Latin; the tokenizer once made no progress on them and read past its
// token vector (bad_alloc on wisesight dev data).
TEST(TextAnalyzer, ThaiAndOtherNonLatinDigitsBecomeTokens) {
  TextAnalyzer an;
  for (std::string_view text : {"๕ ธันวาคม", "รัชกาลที่ ๙ กษัตริย์", "๑๒", "a ๕", "٣ أيام"}) {
    const TextAnalysis& a = an.Analyze(text);
    ASSERT_FALSE(a.tokens.empty()) << text;
    for (const Token& t : a.tokens) EXPECT_LE(t.end, text.size()) << text;
  }
  const TextAnalysis& a = an.Analyze("๕ ธันวาคม");
  EXPECT_EQ(a.tokens[0].begin, 0u);
  EXPECT_EQ(a.tokens[0].end, 3u);  // ๕ is 3 bytes
  EXPECT_EQ(a.tokens[0].kind, TokenKind::kNumber);
}

}  // namespace
}  // namespace cxmap::core

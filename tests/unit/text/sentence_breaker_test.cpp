// SPDX-License-Identifier: Apache-2.0
#include "core/text/sentence_breaker.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <random>

namespace cxmap::core {
namespace {

std::vector<uint32_t> IcuEnds(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(&ut, status);
  std::vector<uint32_t> ends;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) ends.push_back(uint32_t(b));
  utext_close(&ut);
  EXPECT_TRUE(U_SUCCESS(status));
  return ends;
}

std::vector<uint32_t> OurEnds(std::string_view text) {
  std::vector<uint32_t> ends;
  EXPECT_TRUE(SentenceBreaker::Split(text, &ends)) << text;
  return ends;
}

TEST(SentenceBreaker, MatchesIcuOnFeedback) {
  for (std::string_view text :
       {"Giao hàng chậm quá. Nhân viên rất nhiệt tình!", "good but slow... will not order again",
        "Mr. Smith was late. e.g. this one.", "物流太慢了。客服态度很好！", "門市服務很差？ 送貨太慢了",
        "ส่งของช้ามาก ไม่ดีเลย", "Price 1.5 usd. Ok.", "\"Great!\" she said. (Really.) Yes",
        "line one\nline two\r\nline three\u2029end", "what?!? really...  ok", "", ".", "a.b", "U.S.A. is big",
        "hàng ok =)). 很好 👍", "end.\u0301 Next", "\u0301start. Next"}) {
    EXPECT_EQ(OurEnds(text), IcuEnds(text)) << text;
  }
}

// Random strings over characters of every Sentence_Break class, so every
// rule (SB3–SB11, with Extend/Format in between) meets every neighbour.
TEST(SentenceBreaker, MatchesIcuOnRandomStringsOfEveryClass) {
  const char* kChars[] = {
      ".", "\u2024", "\uFF0E",                     // ATerm
      "!", "?", "\u3002", "\uFF01",                // STerm
      "\"", "'", "(", ")", "\u00BB", "\u300D",     // Close
      "\u00AD", "\u200E",                          // Format
      "a", "z", "\u00E9", "\u1EA1",                // Lower
      "A", "Z", "\u00C9",                          // Upper
      "1", "\u0E55",                               // Numeric
      "\u0E01", "\u4E2D", "\u3131",                // OLetter
      "\u2029", "\u0085",                          // Sep
      " ", "\t", "\u3000",                         // Sp
      "\r", "\n",                                  // CR, LF
      "\u0301", "\u0E31", "\uFE0F", "\u200D",      // Extend
      ",", "-", ":", "\u3001",                     // SContinue
      "#", "\U0001F621", "\uFFFD"};                // Other
  std::mt19937 rng(4);
  for (int n = 0; n < 30000; ++n) {
    std::string text;
    for (int len = 1 + int(rng() % 10); len > 0; --len) text += kChars[rng() % std::size(kChars)];
    ASSERT_EQ(OurEnds(text), IcuEnds(text)) << "'" << text << "'";
  }
}

// Longer strings whose rules are applied only from the item before the
// first terminator or separator: Extend/Format and letters just before it
// decide SB5 and SB7.
TEST(SentenceBreaker, MatchesIcuWithRulesFromTheFirstTerminator) {
  const char* kChars[] = {".", "!", "?", "\n", "\r\n", " ", "\u0301", "\u00AD", "\u200D", "A", "a", "1",
                          ")", "\"", "\u0E01", "\u4E2D", "\u3002", ",", "\u2029", "\U0001F621"};
  const char* kRuns[] = {"giao hang cham qua", "The delivery was late", "Mr", "U.S", "abcdefgh", "        ",
                         "NOT WORTH IT", "12345678 "};
  std::mt19937 rng(11);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int len = 1 + int(rng() % 8); len > 0; --len) {
      text += rng() % 2 ? kRuns[rng() % std::size(kRuns)] : kChars[rng() % std::size(kChars)];
    }
    ASSERT_EQ(OurEnds(text), IcuEnds(text)) << "'" << text << "'";
  }
}

TEST(SentenceBreaker, DefersIllFormedUtf8ToIcu) {
  std::vector<uint32_t> ends;
  EXPECT_FALSE(SentenceBreaker::Split("ab\xC0\xAE cd", &ends));   // overlong '.'
  EXPECT_FALSE(SentenceBreaker::Split("ab\xE0\x80\xAE cd", &ends));
  EXPECT_FALSE(SentenceBreaker::Split("\xED\xA0\x80", &ends));     // surrogate
  EXPECT_FALSE(SentenceBreaker::Split("\xF4\x90\x80\x80", &ends)); // past U+10FFFF
  EXPECT_FALSE(SentenceBreaker::Split("abc\xE4\xB8", &ends));      // truncated
  EXPECT_TRUE(ends.empty());
  EXPECT_TRUE(SentenceBreaker::Split("", &ends));
  EXPECT_TRUE(ends.empty());
}

}  // namespace
}  // namespace cxmap::core

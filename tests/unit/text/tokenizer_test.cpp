// SPDX-License-Identifier: Apache-2.0
// The Unicode facts the tokenizer's fast paths rely on, checked against the
// ICU data the build links (a newer ICU that broke one would fail here, not
// silently change tokens).
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include "core/text/emoji.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

TEST(TokenizerFastPaths, NoEmojiAmongCjkIdeographsFromU4000) {
  // EmojiScanner::EmojiAt returns 0 for lead bytes E4..E9 without a lookup.
  for (UChar32 c = 0x4000; c <= 0x9FFF; ++c) {
    ASSERT_FALSE(u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) << std::hex << c;
    std::string s;
    utf8::Append(static_cast<char32_t>(c), &s);
    ASSERT_EQ(EmojiScanner::EmojiAt(s, 0), 0u);
  }
  std::string thumbs = "\xF0\x9F\x91\x8D";  // 👍 is still found
  EXPECT_EQ(EmojiScanner::EmojiAt(thumbs, 0), 4u);
}

TEST(TokenizerFastPaths, ThaiAndHanAreNeverWhiteSpace) {
  for (UChar32 c = 0; c <= 0x3134F; ++c) {
    if (!utf8::IsThai(static_cast<char32_t>(c)) && !utf8::IsHan(static_cast<char32_t>(c))) continue;
    ASSERT_FALSE(u_isUWhiteSpace(c)) << std::hex << c;
  }
}

TEST(TokenizerFastPaths, AsciiWhiteSpaceIsTabToCarriageReturnAndSpace) {
  // Tokenizer's IsSpace answers ASCII without asking ICU.
  for (UChar32 c = 0; c < 0x80; ++c) {
    ASSERT_EQ(bool(u_isUWhiteSpace(c)), c == ' ' || (c >= '\t' && c <= '\r')) << std::hex << c;
  }
}

}  // namespace
}  // namespace cxmap::core

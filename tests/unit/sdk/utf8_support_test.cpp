// SPDX-License-Identifier: Apache-2.0
// The SDK's UTF-8 helpers, which every source and the host share.
#include "cxmap/support/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace cxmap::support {
namespace {

TEST(Utf8Support, ValidTextInEveryLanguage) {
  for (const char* s : {"Giao hàng nhanh", "Giao hang nhanh", "ส่งของช้ามาก", "物流太慢了",
                        "物流太慢了，客服態度很好", "Great 👍", ""}) {
    EXPECT_TRUE(IsValidUtf8(s)) << s;
  }
}

TEST(Utf8Support, IllFormedSequencesAreFoundWhereTheyStart) {
  EXPECT_EQ(FirstInvalidUtf8("ok\xFF"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xC0\xAF"), 0u) << "overlong '/'";
  EXPECT_EQ(FirstInvalidUtf8("a\xED\xA0\x80"), 1u) << "a surrogate";
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u) << "above U+10FFFF";
  EXPECT_EQ(FirstInvalidUtf8("ส่ง\xE0\xB8"), 9u) << "cut off";
  EXPECT_TRUE(IsValidUtf8("ส่ง\xE0\xB8", /*allow_truncated_tail=*/true));
  EXPECT_FALSE(IsValidUtf8("ส่ง\xE0\x41", /*allow_truncated_tail=*/true)) << "not a tail: a bad byte";
}

TEST(Utf8Support, TheEightByteAsciiScanFindsBadBytesAtEveryOffset) {
  for (size_t at = 0; at < 20; ++at) {
    std::string s(20, 'a');
    s[at] = '\xFF';
    EXPECT_EQ(FirstInvalidUtf8(s), at);
    EXPECT_EQ(SafeExcerpt(s, 100).size(), 22u) << "one U+FFFD for the bad byte at " << at;
    s[at] = 'a';
    s.insert(at, "\xC3\xA9");  // é inside an ASCII run is fine
    EXPECT_TRUE(IsValidUtf8(s)) << at;
  }
}

TEST(Utf8Support, TruncateNeverCutsACharacter) {
  EXPECT_EQ(TruncateUtf8("ส่งของ", 4), "ส");  // 3-byte characters
  EXPECT_EQ(TruncateUtf8("Giao hàng", 7), "Giao h");
  EXPECT_EQ(TruncateUtf8("物流", 6), "物流");
}

TEST(Utf8Support, ExcerptsReplaceEachIllFormedSubpartAndStopAtTheLimit) {
  EXPECT_EQ(SafeExcerpt("a\xFF\xFE" "b", 100), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(SafeExcerpt("a\xE0\xB8" "b", 100), "a\xEF\xBF\xBD" "b") << "one U+FFFD per maximal subpart";
  EXPECT_EQ(SafeExcerpt("物流太慢了", 7), "物流");
  EXPECT_EQ(SafeExcerpt("line one\r\nline two", 100, /*newlines_to_spaces=*/true), "line one  line two");
  EXPECT_EQ(SafeExcerpt("line\n", 100), "line\n");
}

}  // namespace
}  // namespace cxmap::support

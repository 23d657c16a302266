// SPDX-License-Identifier: Apache-2.0
// Time parsing, entity extraction, UTF-16 decoding and the JSON parser.
#include <gtest/gtest.h>

#include "json_util.h"
#include "text_decode.h"
#include "text_entities.h"
#include "time_parse.h"

namespace cxmap::social {
namespace {

TEST(TimeParse, ReadsEachPlatformsIsoForm) {
  EXPECT_EQ(ParseIsoTime("2021-05-18T19:24:56.000Z"), 1621365896000);   // X
  EXPECT_EQ(ParseIsoTime("2019-03-06T15:40:37+0000"), 1551886837000);   // Facebook
  EXPECT_EQ(ParseIsoTime("2017-11-15T08:10:34-08:00"), 1510762234000);  // App Store
  EXPECT_EQ(ParseIsoTime("2024-01-15 10:30:00"), 1705314600000);        // no zone = UTC
  EXPECT_EQ(ParseIsoTime("2024-01-15"), 1705276800000);
  EXPECT_EQ(ParseIsoTime("2024-02-11T23:05:12+07"), 1707667512000);
}

TEST(TimeParse, RefusesMalformedTimes) {
  for (const char* bad : {"", "2024-13-01", "2024-02-30T00:00:00Z", "2024-01-01T25:00:00Z",
                          "2024-01-01T10:00:00+2", "yesterday", "2024-01-01T10:00:00.Z",
                          "2024-01-01T10:00:00Zjunk"}) {
    EXPECT_FALSE(ParseIsoTime(bad).has_value()) << bad;
  }
}

TEST(TimeParse, ReadsEpochSecondsAndMillis) {
  EXPECT_EQ(ParseAnyTime("1709290000"), 1709290000000);        // Reddit created_utc
  EXPECT_EQ(ParseAnyTime("1709291234.5"), 1709291234500);
  EXPECT_EQ(ParseAnyTime("1704423845000"), 1704423845000);     // Play's millis column
  EXPECT_FALSE(EpochToMs(-1).has_value());
  EXPECT_FALSE(EpochToMs(1e300).has_value());
  EXPECT_FALSE(ParseAnyTime("12.34.56").has_value());
}

TEST(TextEntities, FindsTagsMentionsAndLinksInEveryScript) {
  TextEntities e = ExtractEntities(
      "Giao hàng nhanh 👍 #giaohàng #ผิดหวัง #好评 ＃全角 @PoliceMutual, u/app_support "
      "https://t.co/YbMgHU5xRX). mail@example.com #1 a#b &#39; #giaohàng");
  EXPECT_EQ(JoinSpaced(e.hashtags), "#giaohàng #ผิดหวัง #好评 #全角");
  EXPECT_EQ(JoinSpaced(e.mentions), "@PoliceMutual u/app_support");
  EXPECT_EQ(JoinSpaced(e.urls), "https://t.co/YbMgHU5xRX");
}

TEST(TextEntities, KeepsThaiMarksInsideATag) {
  // U+0E34 (sara i) and U+0E48 (mai ek) are combining marks, not breaks.
  EXPECT_EQ(JoinSpaced(ExtractEntities("#ขายดีที่สุด!").hashtags), "#ขายดีที่สุด");
}

TEST(TextEntities, NameAfterAtIsNotAHandle) {
  EXPECT_TRUE(ExtractEntities("Cảm ơn chị Lan! @Nguyễn Thị Lan").mentions.empty());
  EXPECT_TRUE(ExtractEntities("bad \xFF bytes #").hashtags.empty());
}

TEST(DecodeExport, DecodesUtf16AndMarksBadUnits) {
  DecodedText le = DecodeExport(std::string("\xFF\xFE" "A\0\x20\x0E" "=\xD8\x00\xDE", 10), true);
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.utf8, "A\xE0\xB8\xA0\xF0\x9F\x98\x80");  // 'A', Thai U+0E20, U+1F600
  DecodedText lone = DecodeExport(std::string("\xFF\xFE" "A\0\x00\xD8" "B\0", 8), true);
  EXPECT_EQ(lone.utf8, "A\xFF" "B");  // an unpaired surrogate becomes an invalid byte
  EXPECT_FALSE(IsValidUtf8(lone.utf8));
  DecodedText odd = DecodeExport(std::string("\xFF\xFE" "A\0B", 5), true);
  EXPECT_EQ(odd.utf8, "A\xFF");
  DecodedText bomless = DecodeExport(std::string("P\0a\0c\0k\0a\0g\0e\0 \0N\0", 18), true);
  EXPECT_EQ(bomless.encoding, "UTF-16LE");
  EXPECT_EQ(bomless.utf8, "Package N");
  EXPECT_EQ(DecodeExport("\xEF\xBB\xBF{}", true).utf8, "{}");
}

TEST(SafeExcerpt, CutsAtCharacterBoundaries) {
  EXPECT_EQ(SafeExcerpt("ก\xFFข", 100), "ก\xEF\xBF\xBDข");
  EXPECT_EQ(SafeExcerpt("กขค", 7), "กข");
}

TEST(ParseJson, ReportsWhereAndWhyItStopped) {
  ParsedJson bad = ParseJson(R"({"data": {"author_id": "1021159080151404544")", 8, false);
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(bad.truncated);
  EXPECT_EQ(bad.error_line, 8u);
  EXPECT_NE(bad.error.find("unexpected end of input"), std::string::npos) << bad.error;
  EXPECT_EQ(bad.error.find("json.exception"), std::string::npos) << bad.error;
  ParsedJson garbage = ParseJson("{\n\"a\": 1,\n\"b\": nope}", 1, false);
  EXPECT_FALSE(garbage.truncated);
  EXPECT_EQ(garbage.error_line, 3u);
}

TEST(ParseJson, TagsObjectsWithTheirLineAndKeepsCompleteOnesAfterAnError) {
  ParsedJson cut = ParseJson("{\"data\": [\n{\"id\": \"1\"},\n{\"id\": \"2\",\n \"text\": \"cut", 1, true);
  ASSERT_FALSE(cut.ok);
  const Json& data = cut.value["data"];
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(LineOf(data[0], 0), 2u);
  EXPECT_TRUE(IsComplete(data[0]));
  EXPECT_FALSE(IsComplete(data[1]));  // never closed: not a post
}

TEST(ParseJson, RefusesHostileNesting) {
  std::string deep(100000, '[');
  ParsedJson p = ParseJson(deep, 1, false);
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.error.find("nested deeper"), std::string::npos) << p.error;
}

TEST(JsonAccess, ReadsPathsAndScalarsSafely) {
  Json j = Json::parse(R"({"review": {"body": "ok", "stars": "4", "n": 3.0, "list": [{"t": "x"}]}})");
  EXPECT_EQ(ScalarText(AtPath(j, "review.body")), "ok");
  EXPECT_EQ(ScalarText(AtPath(j, "review.list.0.t")), "x");
  EXPECT_EQ(ScalarText(AtPath(j, "review.n")), "3");
  EXPECT_EQ(AtPath(j, "review.list.5"), nullptr);
  EXPECT_EQ(AtPath(j, "review.body.deeper"), nullptr);
  EXPECT_EQ(NumberOf(AtPath(j, "review.stars")), 4.0);
  EXPECT_FALSE(NumberOf(AtPath(j, "review.body")).has_value());
}

}  // namespace
}  // namespace cxmap::social

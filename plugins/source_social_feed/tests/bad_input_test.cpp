// SPDX-License-Identifier: Apache-2.0
// Bad inputs a real export has: each is a reject with file, line and
// reason, and every good record around it still lands.
#include <gtest/gtest.h>

#include "import_helper.h"

namespace cxmap::social {
namespace {

using testing::Attr;
using testing::ImportBytes;

std::string Tweet(const std::string& id, const std::string& text) {
  return R"({"data": {"id": ")" + id + R"(", "text": ")" + text +
         R"(", "author_id": "9", "conversation_id": ")" + id + R"("}})";
}

std::string Utf16Le(std::string_view utf8_ascii_or_bmp) {
  // Test inputs here are ASCII plus a few BMP letters; encode via char32.
  std::string out;
  for (size_t i = 0; i < utf8_ascii_or_bmp.size();) {
    auto c = static_cast<unsigned char>(utf8_ascii_or_bmp[i]);
    uint32_t cp = c;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    if (len == 2) cp = (c & 0x1F) << 6 | (utf8_ascii_or_bmp[i + 1] & 0x3F);
    if (len == 3) cp = (c & 0x0F) << 12 | (utf8_ascii_or_bmp[i + 1] & 0x3F) << 6 | (utf8_ascii_or_bmp[i + 2] & 0x3F);
    out.push_back(static_cast<char>(cp & 0xFF));
    out.push_back(static_cast<char>(cp >> 8));
    i += len;
  }
  return out;
}

constexpr std::string_view kPlayHeader =
    "Package Name,App Version Code,App Version Name,Reviewer Language,Device,"
    "Review Submit Date and Time,Review Submit Millis Since Epoch,Review Last Update Date and Time,"
    "Review Last Update Millis Since Epoch,Star Rating,Review Title,Review Text,"
    "Developer Reply Date and Time,Developer Reply Millis Since Epoch,Developer Reply Text,Review Link\n";

std::string PlayRow(const std::string& stars, const std::string& text, const std::string& id) {
  return "com.x,1,1.0,vi,dev,2024-01-05T03:04:05Z,1704423845000,,," + stars + ",," + text +
         ",,,,https://play.google.com/console/x/review-details?reviewId=" + id + "\n";
}

TEST(BadJsonLines, NotJsonLineIsRejectedAndNeighboursLand) {
  auto run = ImportBytes("stream.jsonl", Tweet("1", "first") + "\n" + "this is not json\n" +
                                             Tweet("3", "third") + "\n");
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 2u);
  EXPECT_EQ(run->records()[1].line, 3u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 2u);
  EXPECT_NE(run->rejects()[0].reason.find("not JSON: syntax error"), std::string::npos) << run->rejects()[0].reason;
  EXPECT_NE(run->rejects()[0].file.find("stream.jsonl"), std::string::npos);
  EXPECT_EQ(run->rejects()[0].excerpt, "this is not json");
}

TEST(BadJsonLines, InvalidUtf8IsRejectedWithItsByte) {
  auto run = ImportBytes("bad_utf8.jsonl", Tweet("1", "ok") + "\n" + Tweet("2", "caf\xC3(") + "\n" +
                                               Tweet("3", "ok") + "\n");
  ASSERT_EQ(run->records().size(), 2u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 2u);
  EXPECT_NE(run->rejects()[0].reason.find("invalid UTF-8 at byte"), std::string::npos) << run->rejects()[0].reason;
  EXPECT_NE(run->rejects()[0].excerpt.find("\xEF\xBF\xBD"), std::string::npos);  // excerpt is safe UTF-8
}

TEST(BadJsonLines, TenMegabyteTextLandsWholeOrIsRejectedByTheLimit) {
  std::string big(10 << 20, 'a');
  std::string bytes = Tweet("1", "before") + "\n" + Tweet("2", big) + "\n" + Tweet("3", "after") + "\n";
  auto run = ImportBytes("big.jsonl", bytes);
  ASSERT_EQ(run->records().size(), 3u);
  EXPECT_EQ(run->records()[1].text.size(), big.size());
  auto limited = ImportBytes("big_limited.jsonl", bytes, {{"max_line_bytes", "1048576"}});
  ASSERT_EQ(limited->records().size(), 2u);
  EXPECT_EQ(limited->records()[1].line, 3u);
  ASSERT_EQ(limited->rejects().size(), 1u);
  EXPECT_EQ(limited->rejects()[0].line, 2u);
  EXPECT_NE(limited->rejects()[0].reason.find("longer than max_line_bytes"), std::string::npos);
  EXPECT_LE(limited->rejects()[0].excerpt.size(), 200u);
}

TEST(BadJsonLines, BomAtTheStartIsFineButInTheMiddleIsRejected) {
  auto run = ImportBytes("joined.jsonl", "\xEF\xBB\xBF" + Tweet("1", "a") + "\r\n" + Tweet("2", "b") +
                                             "\r\n\xEF\xBB\xBF" + Tweet("3", "c") + "\r\n\r\n" +
                                             Tweet("5", "e") + "\r\n");
  ASSERT_EQ(run->records().size(), 3u);
  EXPECT_EQ(run->records()[2].line, 5u);  // the blank line 4 is skipped, not counted away
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 3u);
  EXPECT_NE(run->rejects()[0].reason.find("byte order mark"), std::string::npos);
}

TEST(BadJsonLines, StreamErrorObjectIsRejected) {
  auto run = ImportBytes(
      "errors.jsonl",
      Tweet("1", "a") + "\n" +
          R"({"errors": [{"title": "operational-disconnect", "detail": "This stream has been disconnected upstream for operational reasons."}]})" +
          "\n" + Tweet("3", "c") + "\n");
  ASSERT_EQ(run->records().size(), 2u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 2u);
  EXPECT_EQ(run->rejects()[0].reason,
            "X API error: operational-disconnect: This stream has been disconnected upstream for "
            "operational reasons.");
}

TEST(BadJsonLines, TweetWithoutTextIsRejectedOthersInThePageLand) {
  auto run = ImportBytes("page.jsonl",
                         R"({"data": [{"id": "1", "text": "ok", "author_id": "9"}, {"id": "2"}, 5]})" "\n",
                         {{"format", "twitter"}});
  ASSERT_EQ(run->records().size(), 1u);
  ASSERT_EQ(run->rejects().size(), 2u);
  EXPECT_EQ(run->rejects()[0].reason, "tweet 2 has no text");
  EXPECT_EQ(run->rejects()[1].reason, "a tweet in data[] is not an object");
}

TEST(BadDocument, TruncatedPageKeepsItsCompletePosts) {
  std::string page =
      "{\n  \"data\": [\n"
      "    {\"id\": \"1_1\", \"message\": \"Tốt lắm\", \"created_time\": \"2024-03-01T08:15:30+0000\"},\n"
      "    {\"id\": \"1_2\", \"message\": \"แย่มาก\", \"created_time\": \"2024-03-01T08:16:30+0000\"},\n"
      "    {\"id\": \"1_3\", \"message\": \"cut in the mid";
  auto run = ImportBytes("cut_page.json", page);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 2u);
  EXPECT_EQ(run->records()[1].line, 4u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 5u);
  EXPECT_NE(run->rejects()[0].reason.find("truncated JSON document"), std::string::npos) << run->rejects()[0].reason;
  EXPECT_NE(run->rejects()[0].reason.find("the 2 complete posts before it"), std::string::npos);
}

TEST(BadDocument, InvalidUtf8StopsTheDocumentThere) {
  std::string page = "{\n\"data\": [\n{\"id\": \"1_1\", \"message\": \"ok\", \"created_time\": \"2024-03-01T08:15:30+0000\"},\n"
                     "{\"id\": \"1_2\", \"message\": \"bad \xFF\", \"created_time\": \"2024-03-01T08:15:30+0000\"}\n]}\n";
  auto run = ImportBytes("bad_doc.json", page);
  ASSERT_EQ(run->records().size(), 1u);
  ASSERT_GE(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 4u);
  EXPECT_NE(run->rejects()[0].reason.find("invalid UTF-8"), std::string::npos);
}

TEST(BadDocument, ApiErrorDocument) {
  auto run = ImportBytes("fb_error.json",
                         R"({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}})",
                         {{"format", "facebook"}});
  ASSERT_TRUE(run->records().empty());
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].reason, "Facebook Graph error: Invalid OAuth access token. (OAuthException 190)");
}

TEST(BadGooglePlay, RaggedRowsBadStarsAndEncodingAreRejected) {
  std::string csv = std::string(kPlayHeader) + PlayRow("5", "Tốt", "gp:1") +
                    "com.x,1,1.0,vi,dev,only,seven,fields\n" + PlayRow("7", "too many stars", "gp:3") +
                    PlayRow("4", "caf\xC3(", "gp:4") + PlayRow("3", "\"ok, fine\"", "gp:5");
  auto run = ImportBytes("reviews_utf8.csv", csv);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 2u);
  EXPECT_EQ(run->records()[1].text, "ok, fine");
  EXPECT_EQ(run->records()[1].line, 6u);
  ASSERT_EQ(run->rejects().size(), 3u);
  EXPECT_EQ(run->rejects()[0].line, 3u);
  EXPECT_EQ(run->rejects()[0].reason, "row has 8 fields, the header has 16");
  EXPECT_EQ(run->rejects()[1].line, 4u);
  EXPECT_EQ(run->rejects()[1].reason, "Star Rating '7' is not 1-5 stars");
  EXPECT_EQ(run->rejects()[2].line, 5u);
  EXPECT_EQ(run->rejects()[2].reason, "invalid text encoding in column 'Review Text'");
}

// Found by social_feed_fuzz: the reason quoted the header cell raw, so a
// header as badly encoded as the field made the reason invalid UTF-8.
TEST(BadGooglePlay, ABadlyEncodedHeaderCellIsQuotedSafely) {
  std::string header(kPlayHeader);
  header.replace(header.find("Device,"), 7, "Devi\xE2\x80,");
  std::string row =
      "com.x,1,1.0,vi,d\xC3(,2024-01-05T03:04:05Z,1704423845000,,,4,,text,,,,"
      "https://play.google.com/console/x/review-details?reviewId=gp:9\n";
  auto run = ImportBytes("bad_header.csv", header + PlayRow("5", "ok", "gp:1") + row);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 1u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 3u);
  EXPECT_EQ(run->rejects()[0].reason, "invalid text encoding in column 'Devi\xEF\xBF\xBD'");
}

TEST(BadGooglePlay, TwoUtf16ExportsJoinedAndAnUnpairedSurrogate) {
  std::string first = "\xFF\xFE" + Utf16Le(std::string(kPlayHeader) + PlayRow("5", "Tốt", "gp:1"));
  std::string bad_row = Utf16Le("com.x,1,1.0,vi,dev,,,,,2,,bad ");
  bad_row += std::string("\x00\xD8", 2);  // a lead surrogate with no trail
  bad_row += Utf16Le(",,,,\n");
  std::string second = "\xFF\xFE" + Utf16Le(std::string(kPlayHeader) + PlayRow("1", "Tệ", "gp:2"));
  auto run = ImportBytes("joined.csv", first + bad_row + second);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 2u);
  EXPECT_EQ(run->records()[1].external_id, "google_play:gp:2");
  EXPECT_EQ(run->records()[1].line, 5u);
  ASSERT_EQ(run->rejects().size(), 2u);
  EXPECT_EQ(run->rejects()[0].line, 3u);
  EXPECT_NE(run->rejects()[0].reason.find("invalid text encoding"), std::string::npos) << run->rejects()[0].reason;
  EXPECT_EQ(run->rejects()[1].line, 4u);
  EXPECT_NE(run->rejects()[1].reason.find("two exports joined"), std::string::npos) << run->rejects()[1].reason;
}

TEST(BadGooglePlay, UnterminatedQuoteAndForeignCsv) {
  auto run = ImportBytes("open_quote.csv", std::string(kPlayHeader) + PlayRow("5", "ok", "gp:1") +
                                               PlayRow("4", "\"never closed", "gp:2"));
  ASSERT_EQ(run->records().size(), 1u);
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 3u);
  EXPECT_NE(run->rejects()[0].reason.find("never closes"), std::string::npos);
  auto foreign = ImportBytes("survey.csv", "id,comment\n1,hi\n", {{"format", "google_play"}});
  EXPECT_EQ(foreign->open.code(), Code::kNotSupported);
  EXPECT_NE(foreign->open.message().find("Star Rating"), std::string::npos);
}

TEST(GenericJsonl, MapsNestedFieldsAndRejectsBadRatings) {
  std::string lines =
      R"({"uuid": "a1", "ts": 1709290000, "stars": 4, "review": {"body": "Giao nhanh #tot", "lang": "vi"}})" "\n"
      R"({"uuid": "a2", "ts": "2024-03-01T10:00:00Z", "stars": 9, "review": {"body": "x"}})" "\n"
      R"({"uuid": "a3", "review": {}})" "\n"
      R"({"uuid": "a4", "ts": "2024-03-01T10:00:00Z", "stars": null, "review": {"body": "ดีมาก"}})" "\n";
  auto run = ImportBytes("custom.jsonl", lines,
                         {{"format", "jsonl"}, {"fields", "text:review.body,time:ts,id:uuid,rating:stars,language:review.lang"}});
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 2u);
  EXPECT_EQ(run->records()[0].external_id, "jsonl:a1");
  EXPECT_EQ(run->records()[0].rating, 4.0);
  EXPECT_EQ(run->records()[0].language, "vi");
  EXPECT_EQ(run->records()[0].time_unix_ms, 1709290000000);
  EXPECT_EQ(Attr(run->records()[0], "hashtags"), "#tot");
  EXPECT_FALSE(run->records()[1].rating.has_value());  // null is absent, not an error
  ASSERT_EQ(run->rejects().size(), 2u);
  EXPECT_EQ(run->rejects()[0].reason, "rating '9' at 'stars' is not 1-5 stars");
  EXPECT_NE(run->rejects()[1].reason.find("no text at 'review.body'"), std::string::npos);
}

TEST(Options, RefusesBadValues) {
  std::vector<std::string> logs;
  EXPECT_EQ(testing::MakeSource({{"format", "tiktok"}}, &logs).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(testing::MakeSource({{"fields", "body"}}, &logs).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(testing::MakeSource({{"fields", "mood:x"}}, &logs).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(testing::MakeSource({{"max_line_bytes", "10"}}, &logs).status().code(), Code::kInvalidArgument);
}

TEST(Open, RefusesWhatIsNotAFeed) {
  auto csv = ImportBytes("survey.csv", "id,comment\n1,hello\n");
  EXPECT_EQ(csv->open.code(), Code::kNotSupported);
  EXPECT_NE(csv->open.message().find("survey.csv"), std::string::npos);
  EXPECT_EQ(ImportBytes("empty.jsonl", "")->open.code(), Code::kNotSupported);
  auto forced_empty = ImportBytes("empty2.jsonl", "", {{"format", "twitter"}});
  EXPECT_TRUE(forced_empty->open.ok());
  EXPECT_TRUE(forced_empty->records().empty());
  EXPECT_EQ(testing::ImportFile("/nonexistent/x.jsonl")->open.code(), Code::kNotFound);
}

}  // namespace
}  // namespace cxmap::social

// SPDX-License-Identifier: Apache-2.0
// Each platform's fixture: detected format, number of posts, what lands.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "import_helper.h"

namespace cxmap::social {
namespace {

using testing::Attr;
using testing::Detail;
using testing::Fixture;
using testing::ImportFile;
using testing::InspectFile;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

SniffResult SniffFixture(const std::string& path) { return SocialFeedSource::Sniff(path, Slurp(path)); }

TEST(TwitterFixture, StreamWithTruncatedLastLine) {
  std::string path = Fixture("twitter_x/streaming_output_with_error.jsonl");
  EXPECT_EQ(SniffFixture(path).format, "twitter");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 7u);  // every complete line lands
  ASSERT_EQ(run->rejects().size(), 1u);
  EXPECT_EQ(run->rejects()[0].line, 8u);
  EXPECT_EQ(run->rejects()[0].file, path);
  EXPECT_NE(run->rejects()[0].reason.find("truncated last line"), std::string::npos) << run->rejects()[0].reason;
  EXPECT_EQ(run->rejects()[0].excerpt, R"({"data": {"author_id": "1021159080151404544")");

  const Record& quote = run->records()[0];
  EXPECT_EQ(quote.external_id, "twitter:1377650090978992134");
  EXPECT_EQ(quote.channel, Channel::kSocial);
  EXPECT_EQ(quote.sub_channel, "twitter");
  EXPECT_EQ(quote.language, "en");
  EXPECT_EQ(quote.time_unix_ms, 1617292351000);  // 2021-04-01T15:52:31.000Z
  EXPECT_EQ(quote.respondent, "4602771083");
  EXPECT_EQ(Attr(quote, "author_handle"), "@blackheart_265");
  EXPECT_EQ(Attr(quote, "quoted_id"), "1377640162566496258");
  EXPECT_EQ(Attr(quote, "urls"), "https://t.co/YbMgHU5xRX https://t.co/tXgDG9jrKX");
  EXPECT_EQ(quote.line, 1u);

  const Record& reply = run->records()[1];
  EXPECT_EQ(Attr(reply, "parent_id"), "1377266697850257410");
  EXPECT_EQ(Attr(reply, "thread_id"), "1377266697850257410");
  EXPECT_EQ(Attr(reply, "mentions"), "@PoliceMutual");
  EXPECT_EQ(Attr(reply, "author_handle"), "@sheelaghb18");
  EXPECT_EQ(reply.line, 2u);

  const Record& emoji = run->records()[3];
  EXPECT_NE(emoji.text.find("relax😅😘🐶"), std::string::npos) << emoji.text;
  EXPECT_EQ(Attr(emoji, "hashtags"), "#DogsofTwitter #dogs");
  EXPECT_EQ(Attr(emoji, "urls"), "https://t.co/1QpZlXcAkj");
  EXPECT_EQ(Attr(emoji, "parent_id"), "<absent>");
  for (size_t i = 0; i < run->records().size(); ++i) EXPECT_EQ(run->records()[i].record_number, i + 1);
}

TEST(TwitterFixture, SearchPageKeepsTheRetweetAndSkipsIncludedTweets) {
  auto run = ImportFile(Fixture("twitter_x/two_tweets.jsonl"));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->records().size(), 1u);  // includes.tweets is context, not a post
  EXPECT_TRUE(run->rejects().empty());
  const Record& r = run->records()[0];
  EXPECT_EQ(r.external_id, "twitter:1394735776701816833");
  EXPECT_EQ(r.text, "RT @bibaigna96: #POIUYTREWQ");
  EXPECT_EQ(r.language, "");  // "und" is not a language
  EXPECT_EQ(Attr(r, "platform_lang"), "und");
  EXPECT_EQ(Attr(r, "author_name"), "Veronica Lachi");
  EXPECT_EQ(Attr(r, "retweet_of"), "1391677057810288641");
  EXPECT_EQ(Attr(r, "hashtags"), "#POIUYTREWQ");
  EXPECT_EQ(Attr(r, "retweet_count"), "1");
}

TEST(TwitterFixture, InspectDescribesTheStream) {
  auto in = InspectFile(Fixture("twitter_x/streaming_output_with_error.jsonl"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->format, "twitter");
  EXPECT_EQ(in->unit, "posts");
  EXPECT_EQ(in->responses, 7u);
  EXPECT_EQ(in->records, 7u);
  EXPECT_EQ(in->rejected, 1u);
  EXPECT_EQ(in->encoding, "UTF-8");
  EXPECT_EQ(Detail(*in, "layout"), "JSON Lines");
  EXPECT_EQ(Detail(*in, "replies"), "3");
  EXPECT_EQ(Detail(*in, "threads"), "7");
  ASSERT_FALSE(in->columns.empty());
  EXPECT_EQ(in->columns[1].role, "text");
}

TEST(FacebookFixture, ThePagesOwnRepliesAreTheBrandsVoice) {
  std::string path = Fixture("facebook/comments_page.json");
  // Without options: the page's id starts the comment ids, and the reply
  // is written by the page. With brand_accounts: by name, id or handle,
  // with drop_pii too (the role needs no PII).
  using testing::Options;
  for (const Options& options : {Options{}, Options{{"brand_accounts", " shop support "}},
                          Options{{"brand_accounts", "Shop Support"}, {"drop_pii", "true"}}}) {
    auto run = ImportFile(path, options);
    ASSERT_TRUE(run->open.ok()) << run->open.ToString();
    ASSERT_EQ(run->records().size(), 7u);
    size_t brand = 0;
    for (const Record& r : run->records()) brand += r.speaker_role == SpeakerRole::kBrand ? 1 : 0;
    EXPECT_EQ(brand, 1u);
    EXPECT_EQ(run->records()[1].speaker_role, SpeakerRole::kBrand) << run->records()[1].text;
    EXPECT_EQ(run->records()[0].speaker_role, SpeakerRole::kCustomer);
  }
}

TEST(FacebookFixture, CommentsWithNestedReplies) {
  std::string path = Fixture("facebook/comments_page.json");
  EXPECT_EQ(SniffFixture(path).format, "facebook");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty());
  ASSERT_EQ(run->records().size(), 7u);
  const Record& top = run->records()[0];
  EXPECT_EQ(top.external_id, "facebook:104876543210987_7001122334455667");
  EXPECT_EQ(top.sub_channel, "facebook");
  EXPECT_EQ(top.text, "Giao hàng nhanh, nhân viên nhiệt tình 👍 #giaohangnhanh");
  EXPECT_EQ(top.time_unix_ms, 1709280930000);  // 2024-03-01T08:15:30+0000
  EXPECT_EQ(top.respondent, "6123456789012345");
  EXPECT_EQ(Attr(top, "author_name"), "Nguyễn Thị Lan");
  EXPECT_EQ(Attr(top, "hashtags"), "#giaohangnhanh");
  EXPECT_EQ(Attr(top, "parent_id"), "<absent>");
  EXPECT_EQ(top.line, 3u);  // where its object opens in the pretty-printed page
  const Record& reply = run->records()[1];
  EXPECT_EQ(Attr(reply, "parent_id"), "104876543210987_7001122334455667");
  EXPECT_EQ(Attr(reply, "thread_id"), "104876543210987_7001122334455667");
  EXPECT_EQ(Attr(reply, "mentions"), "<absent>");  // "@Nguyễn" is a name, not a handle
  EXPECT_EQ(reply.line, 16u);
  EXPECT_EQ(Attr(run->records()[2], "hashtags"), "#fail");
  EXPECT_EQ(Attr(run->records()[3], "hashtags"), "#ผิดหวัง");
  EXPECT_EQ(Attr(run->records()[4], "hashtags"), "#好评");
  EXPECT_EQ(Attr(run->records()[4], "urls"), "https://example.com/order/123");
  EXPECT_EQ(run->records()[5].text, "App 常常閃退，請盡快修復 😢");
  auto in = InspectFile(path);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->format, "facebook");
  EXPECT_EQ(Detail(*in, "layout"), "JSON document");
  EXPECT_EQ(Detail(*in, "skipped"), "1");  // the comment without a message
}

TEST(GooglePlayFixture, Utf16ExportWithQuotedTextAndStarOnlyReview) {
  std::string path = Fixture("google_play/reviews_com.example.shop_202401.csv");
  SniffResult sniffed = SniffFixture(path);
  EXPECT_EQ(sniffed.format, "google_play");
  EXPECT_GT(sniffed.confidence, 0.95);  // above any generic CSV reading
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty()) << run->rejects()[0].reason;
  ASSERT_EQ(run->records().size(), 7u);
  const Record& vi = run->records()[0];
  EXPECT_EQ(vi.channel, Channel::kReview);
  EXPECT_EQ(vi.sub_channel, "google_play");
  EXPECT_EQ(vi.external_id, "google_play:gp:AOqpTOH1vi0000000000000000000001");
  EXPECT_EQ(vi.rating, 5.0);
  EXPECT_EQ(vi.language, "vi");
  EXPECT_EQ(vi.time_unix_ms, 1704423845000);
  EXPECT_EQ(Attr(vi, "developer_reply"), "Cảm ơn bạn đã ủng hộ shop!");
  EXPECT_EQ(Attr(vi, "package"), "com.example.shop");
  EXPECT_EQ(Attr(vi, "device"), "a52q");
  EXPECT_EQ(vi.line, 2u);
  EXPECT_EQ(run->records()[1].rating, 1.0);
  EXPECT_EQ(Attr(run->records()[1], "hashtags"), "#ผิดหวัง");
  EXPECT_EQ(run->records()[3].language, "zh-TW");
  const Record& en = run->records()[4];
  EXPECT_EQ(en.text,
            "Works, but checkout fails with \"card declined\",\nthen charges me anyway. @ShopSupport "
            "please check https://example.com/help");
  EXPECT_EQ(Attr(en, "mentions"), "@ShopSupport");
  EXPECT_EQ(en.line, 6u);
  EXPECT_EQ(run->records()[5].line, 8u);  // the quoted line break counts
  const Record& stars_only = run->records()[6];
  EXPECT_EQ(stars_only.text, "");
  EXPECT_EQ(stars_only.rating, 5.0);
  auto in = InspectFile(path);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->format, "google_play");
  EXPECT_EQ(in->unit, "reviews");
  EXPECT_EQ(in->encoding, "UTF-16LE");
  EXPECT_EQ(in->delimiter, ",");
  EXPECT_EQ(in->header_rows, 1u);
  ASSERT_EQ(in->columns.size(), 16u);
  EXPECT_EQ(in->columns[9].name, "Star Rating");
  EXPECT_EQ(in->columns[9].role, "rating");
  EXPECT_EQ(in->columns[11].role, "text");
}

TEST(AppStoreFixture, ConnectApiReviewsWithResponse) {
  std::string path = Fixture("app_store/customer_reviews.json");
  EXPECT_EQ(SniffFixture(path).format, "app_store");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty());
  ASSERT_EQ(run->records().size(), 5u);
  const Record& vi = run->records()[0];
  EXPECT_EQ(vi.external_id, "app_store:00000081-5b3c-4c2a-9e1d-3f6a00000001");
  EXPECT_EQ(vi.channel, Channel::kReview);
  EXPECT_EQ(vi.rating, 5.0);
  EXPECT_EQ(vi.text, "Tuyệt vời\nỨng dụng dễ dùng, đặt vé chỉ mất 1 phút 👍");
  EXPECT_EQ(Attr(vi, "title"), "Tuyệt vời");
  EXPECT_EQ(vi.time_unix_ms, 1707586200000);  // 2024-02-10T09:30:00-08:00
  EXPECT_EQ(Attr(vi, "territory"), "VNM");
  EXPECT_EQ(Attr(vi, "author_name"), "lan.nguyen");
  EXPECT_EQ(Attr(vi, "developer_reply"), "Cảm ơn bạn đã ủng hộ!");
  EXPECT_EQ(Attr(run->records()[1], "hashtags"), "#แอปค้าง");
  EXPECT_EQ(run->records()[1].time_unix_ms, 1707667512000);  // +07:00
  EXPECT_EQ(Attr(run->records()[1], "developer_reply"), "<absent>");
  EXPECT_EQ(Attr(run->records()[4], "mentions"), "@AppHelp");
}

TEST(AppStoreFixture, RssFeedSkipsTheAppEntry) {
  std::string path = Fixture("app_store/rss_customer_reviews.json");
  EXPECT_EQ(SniffFixture(path).format, "app_store");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty());
  ASSERT_EQ(run->records().size(), 3u);
  const Record& en = run->records()[0];
  EXPECT_EQ(en.external_id, "app_store:10987654321");
  EXPECT_EQ(en.rating, 5.0);
  EXPECT_EQ(en.text, "Great app\nFast delivery tracking, love it! 😍 #bestapp");
  EXPECT_EQ(en.time_unix_ms, 1708438542000);  // 2024-02-20T07:15:42-07:00
  EXPECT_EQ(Attr(en, "app_version"), "4.2.0");
  EXPECT_EQ(Attr(en, "author_name"), "happyshopper");
  EXPECT_EQ(run->records()[1].rating, 2.0);
  EXPECT_EQ(run->records()[2].text, "好用\n下单很方便，物流信息也及时。");
  auto in = InspectFile(path);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(Detail(*in, "skipped"), "1");
  EXPECT_EQ(Detail(*in, "layout"), "JSON document");
}

TEST(RedditFixture, ThreadPageWithNestedReplies) {
  std::string path = Fixture("reddit/thread.json");
  EXPECT_EQ(SniffFixture(path).format, "reddit");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty());
  ASSERT_EQ(run->records().size(), 6u);  // post + 4 comments + 1 reply; [deleted] and "more" skipped
  const Record& post = run->records()[0];
  EXPECT_EQ(post.external_id, "reddit:t3_1b2c3d4");
  EXPECT_EQ(post.text,
            "App giao hàng mới: ai dùng thử chưa?\nMình thấy app ok nhưng thanh toán lỗi hoài, "
            "refund chậm quá. Mọi người thì sao?");
  EXPECT_EQ(Attr(post, "thread_id"), "t3_1b2c3d4");
  EXPECT_EQ(post.respondent, "minh_t");
  const Record& top = run->records()[1];
  EXPECT_EQ(top.external_id, "reddit:t1_kx1a2b3");
  EXPECT_EQ(top.time_unix_ms, 1709290000000);
  EXPECT_EQ(Attr(top, "parent_id"), "t3_1b2c3d4");
  EXPECT_EQ(Attr(top, "subreddit"), "VietNam");
  EXPECT_EQ(Attr(top, "score"), "42");
  EXPECT_EQ(Attr(top, "hashtags"), "#giaohang");
  const Record& nested = run->records()[2];
  EXPECT_EQ(nested.text, "客服态度很好，退款很快 #好评");
  EXPECT_EQ(Attr(nested, "parent_id"), "t1_kx1a2b3");
  EXPECT_EQ(Attr(nested, "thread_id"), "t3_1b2c3d4");
  EXPECT_EQ(Attr(run->records()[3], "mentions"), "u/app_support");
  EXPECT_GT(nested.line, top.line);
  auto in = InspectFile(path);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(Detail(*in, "skipped"), "2");
  EXPECT_EQ(Detail(*in, "threads"), "1");
}

TEST(RedditFixture, PushshiftLines) {
  std::string path = Fixture("reddit/comments_pushshift.jsonl");
  EXPECT_EQ(SniffFixture(path).format, "reddit");
  auto run = ImportFile(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->rejects().empty());
  ASSERT_EQ(run->records().size(), 4u);  // the [removed] comment is skipped
  EXPECT_EQ(run->records()[1].time_unix_ms, 1672534800000);  // created_utc as a string
  EXPECT_EQ(Attr(run->records()[1], "parent_id"), "t1_ab12cd3");
  EXPECT_EQ(run->records()[1].line, 2u);
  EXPECT_EQ(run->records()[2].line, 4u);
  const Record& submission = run->records()[3];
  EXPECT_EQ(submission.external_id, "reddit:t3_zz9y8x9");
  EXPECT_EQ(Attr(submission, "thread_id"), "t3_zz9y8x9");
  EXPECT_EQ(Attr(submission, "title"), "Anyone else getting payment errors?");
}

TEST(Options, DropPiiLeavesAuthorsOut) {
  auto run = ImportFile(Fixture("facebook/comments_page.json"), {{"drop_pii", "true"}});
  ASSERT_EQ(run->records().size(), 7u);
  for (const Record& r : run->records()) {
    EXPECT_EQ(r.respondent, "");
    EXPECT_EQ(Attr(r, "author_name"), "<absent>");
  }
}

TEST(Options, SubChannelAndLanguageDefaults) {
  auto run = ImportFile(Fixture("reddit/comments_pushshift.jsonl"),
                        {{"sub_channel", "reddit_vn"}, {"language", "vi"}});
  ASSERT_FALSE(run->records().empty());
  EXPECT_EQ(run->records()[0].sub_channel, "reddit_vn");
  EXPECT_EQ(run->records()[0].language, "vi");
}

}  // namespace
}  // namespace cxmap::social

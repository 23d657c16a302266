// SPDX-License-Identifier: Apache-2.0
#include "review_line.h"

#include <gtest/gtest.h>

namespace cxmap_samples {
namespace {

cxmap::Status Parse(std::string_view line, cxmap::Record& r, ReviewLineOptions o = {}) {
  return ParseReviewLine(line, o, r);
}

TEST(ParseReviewLine, ReadsAVietnameseReview) {
  cxmap::Record r;
  ASSERT_TRUE(Parse(R"({"id":"r-1","date":"2024-05-02","rating":5,"title":"Giao nhanh",)"
                    R"("body":"Giao hàng nhanh, đóng gói cẩn thận","lang":"vi","author":"Minh"})",
                    r)
                  .ok());
  EXPECT_EQ(r.external_id, "r-1");
  EXPECT_EQ(r.text, "Giao hàng nhanh, đóng gói cẩn thận");
  EXPECT_EQ(r.language, "vi");
  EXPECT_EQ(r.rating, 5.0);
  EXPECT_EQ(r.channel, cxmap::Channel::kReview);
  EXPECT_EQ(r.sub_channel, "app_store");
  ASSERT_EQ(r.attributes.size(), 1u);
  EXPECT_EQ(r.attributes[0].second, "Giao nhanh");
  EXPECT_EQ(r.time_unix_ms, 1714608000000);  // 2024-05-02T00:00:00Z
  EXPECT_TRUE(r.respondent.empty()) << "author is kept only with keep_author";
}

TEST(ParseReviewLine, KeepsAuthorWhenAsked) {
  cxmap::Record r;
  ReviewLineOptions o;
  o.keep_author = true;
  ASSERT_TRUE(Parse(R"({"body":"สั่งง่าย จ่ายสะดวก","lang":"th","author":"นุ่น"})", r, o).ok());
  EXPECT_EQ(r.respondent, "นุ่น");
  EXPECT_FALSE(r.rating.has_value()) << "a missing rating is NULL, never 0";
  EXPECT_FALSE(r.time_unix_ms.has_value());
}

TEST(ParseReviewLine, AcceptsRatingAsTextAndNumericId) {
  cxmap::Record r;
  ASSERT_TRUE(Parse(R"({"id":42,"rating":"4","body":"退款很快","lang":"zh_CN"})", r).ok());
  EXPECT_EQ(r.external_id, "42");
  EXPECT_EQ(r.rating, 4.0);
  EXPECT_EQ(r.language, "zh-CN");
}

TEST(ParseReviewLine, UsesTheConfiguredTextField) {
  cxmap::Record r;
  ReviewLineOptions o;
  o.text_field = "content";
  o.sub_channel = "google_play";
  ASSERT_TRUE(Parse(R"({"content":"門市取貨很方便","rating":5})", r, o).ok());
  EXPECT_EQ(r.text, "門市取貨很方便");
  EXPECT_EQ(r.sub_channel, "google_play");
}

TEST(ParseReviewLine, RejectsBrokenJsonWithAReason) {
  cxmap::Record r;
  cxmap::Status s = Parse(R"({"id":"r-9","body":"the hotline less so)", r);
  EXPECT_EQ(s.code(), cxmap::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("not valid JSON"), std::string::npos) << s.message();
}

TEST(ParseReviewLine, RejectsWhatIsNotAReview) {
  cxmap::Record r;
  EXPECT_FALSE(Parse(R"([1,2,3])", r).ok());
  EXPECT_FALSE(Parse(R"({"title":"no body"})", r).ok());
  EXPECT_FALSE(Parse(R"({"body":"   "})", r).ok());
  EXPECT_FALSE(Parse(R"({"body":"ok","rating":6})", r).ok());
  EXPECT_FALSE(Parse(R"({"body":"ok","rating":3.5})", r).ok());
  EXPECT_FALSE(Parse(R"({"body":"ok","rating":"five"})", r).ok());
  EXPECT_FALSE(Parse(R"({"body":"ok","date":"05/02/2024"})", r).ok());
  EXPECT_FALSE(Parse("{\"body\":\"bad \xC3\"}", r).ok()) << "invalid UTF-8";
}

TEST(ParseIsoDate, HandlesOffsetsAndFractions) {
  EXPECT_EQ(ParseIsoDate("1970-01-01"), 0);
  EXPECT_EQ(ParseIsoDate("2024-05-02T09:41:00+07:00"), 1714617660000);
  EXPECT_EQ(ParseIsoDate("2024-05-02T02:41:00Z"), 1714617660000);
  EXPECT_EQ(ParseIsoDate("2024-05-02T02:41:00.250Z"), 1714617660250);
  EXPECT_EQ(ParseIsoDate("2024-05-02T02:41"), 1714617660000);
  EXPECT_FALSE(ParseIsoDate("2024-02-30"));
  EXPECT_FALSE(ParseIsoDate("2024-05-02T25:00"));
  EXPECT_FALSE(ParseIsoDate("2024-05-02 junk"));
  EXPECT_FALSE(ParseIsoDate(""));
}

}  // namespace
}  // namespace cxmap_samples

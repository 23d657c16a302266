// SPDX-License-Identifier: Apache-2.0
#include "feed_format.h"

#include <gtest/gtest.h>

namespace cxmap::social {
namespace {

TEST(SniffFeed, RecognisesEachPlatform) {
  EXPECT_EQ(SniffFeed("a.jsonl", R"({"data": {"id": "1", "text": "hi", "author_id": "2"}})").format, "twitter");
  EXPECT_EQ(SniffFeed("a.json", "{\n \"data\": [\n {\"id\": \"1_2\", \"message\": \"x\", \"created_time\": \"2024-01-01T00:00:00+0000\"}]}").format,
            "facebook");
  EXPECT_EQ(SniffFeed("a.json", R"({"data":[{"type":"customerReviews","id":"1","attributes":{}}]})").format,
            "app_store");
  EXPECT_EQ(SniffFeed("a.json", R"({"feed":{"entry":[{"im:rating":{"label":"5"}}]}})").format, "app_store");
  EXPECT_EQ(SniffFeed("a.json", R"({"kind": "Listing", "data": {"children": []}})").format, "reddit");
  EXPECT_EQ(SniffFeed("a.jsonl", R"({"id":"x","body":"b","subreddit":"s","created_utc":1})").format, "reddit");
  EXPECT_EQ(SniffFeed("a.jsonl", "{\"review\": {\"body\": \"ok\"}}\n{\"review\": {}}\n").format, "jsonl");
  EXPECT_EQ(SniffFeed("a.jsonl", "{\"text\": \"ok\"}\n").confidence, 0.5);
  // A call transcript container is not ours: claimed only as a last resort.
  EXPECT_LT(SniffFeed("a.vcon", "{\n \"vcon\": \"0.0.1\", \"parties\": [], \"dialog\": []}").confidence, 0.1);
  EXPECT_EQ(SniffFeed("a.csv", "Package Name,App Version Code,Star Rating,Review Text\n").format, "google_play");
  EXPECT_EQ(SniffFeed("a.csv", "id,comment\n1,hello\n").confidence, 0);
  EXPECT_EQ(SniffFeed("a.csv", "").confidence, 0);
}

TEST(SniffFeed, ReadsUtf16GooglePlayHeader) {
  std::string le = "\xFF\xFE";
  for (char c : std::string("Package Name,Star Rating,Review Text\r\n")) {
    le.push_back(c);
    le.push_back('\0');
  }
  SniffResult r = SniffFeed("reviews.csv", le);
  EXPECT_EQ(r.format, "google_play");
  EXPECT_NE(r.reason.find("UTF-16LE"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace cxmap::social

// SPDX-License-Identifier: Apache-2.0
// The built-in analysis_sentiment plugin through the real binary, with real
// sentences in every language (issue 4's test list).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {

std::vector<nlohmann::json> Classify(const std::vector<std::string>& texts,
                                     const std::string& options = "") {
  std::string input;
  for (const auto& t : texts) input += t + "\n";
  RunResult r = RunCxmap("-q " + options + " classify --jsonl", input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  EXPECT_EQ(out.size(), texts.size());
  return out;
}

struct Case {
  const char* text;
  const char* language;
  const char* label;
};

TEST(Sentiment, RealSentencesInEveryLanguage) {
  const Case cases[] = {
      {"Giao hàng nhanh, shipper thân thiện", "vi", "positive"},
      {"giao hang cham qua, goi tong dai khong ai nghe", "vi", "negative"},
      {"không tốt", "vi", "negative"},
      {"giá rẻ nhưng giao hàng chậm", "vi", "negative"},
      {"ส่งของช้ามาก ไม่ประทับใจ", "th", "negative"},
      {"ไม่ดี", "th", "negative"},
      {"พนักงานบริการดีมาก ประทับใจ", "th", "positive"},
      {"客服态度很好，发货也快", "zh-Hans", "positive"},
      {"不好", "zh-Hans", "negative"},
      {"門市服務很好 👍", "zh-Hant", "positive"},
      {"not good", "en", "negative"},
      {"The app crashed again and support never called back", "en", "negative"},
      {"Great service, thank you!", "en", "positive"},
  };
  std::vector<std::string> texts;
  for (const auto& c : cases) texts.push_back(c.text);
  auto out = Classify(texts);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto& j = out[i];
    EXPECT_EQ(j["language"], cases[i].language) << cases[i].text;
    EXPECT_EQ(j["sentiment"]["label"], cases[i].label) << cases[i].text << "\n" << j.dump();
    double score = j["sentiment"]["score"].get<double>();
    EXPECT_GE(score, -1.0);
    EXPECT_LE(score, 1.0);
    EXPECT_FALSE(j["sentiment"]["evidence"].empty()) << cases[i].text;
  }
}

// Issue 17: patterns of feedback nobody here wrote, in every language.
TEST(Sentiment, UnseenFeedbackPatterns) {
  const Case cases[] = {
      // อย่า (don't) inside ทุกอย่าง (everything) is no negator.
      {"ทุกอย่างดีมาก พนักงานใจดี", "th", "positive"},
      {"ไม่เลวเลยนะ ดีกว่าที่คิดไว้เยอะ", "th", "positive"},
      // Irony: praise with an upside-down face or an eye roll.
      {"เยี่ยมมากค่ะ รอของสามอาทิตย์ 🙃", "th", "negative"},
      {"Tuyệt vời thật sự, đặt 1 tháng mới giao 🙃", "vi", "negative"},
      {"Oh great, the app is down again on payday 🙄", "en", "negative"},
      // Polite requests and questions are neutral.
      {"Please send me a copy of the invoice, thanks.", "en", "neutral"},
      {"Làm ơn gửi giúp mình hóa đơn đỏ, cảm ơn shop", "vi", "neutral"},
      {"shop con size M mau trang ko a", "vi", "neutral"},
      {"麻烦尽快帮我安排发货，谢谢", "zh-Hans", "neutral"},
      {"I'd like to move my plan to the yearly one", "en", "neutral"},
      // Complaints and praise without an opinion word.
      {"外卖到的时候汤都冷掉了", "zh-Hans", "negative"},
      {"寬頻每天晚上準時掉線", "zh-Hant", "negative"},
      {"師傅開車很穩", "zh-Hant", "positive"},
      {"Been using it for a year and my back has never been better", "en", "positive"},
      // The bundled demo's NPS-10 Thai comment (issue 17).
      {"ส่งของเร็วมาก สั่งเมื่อวานวันนี้ได้แล้ว แพ็คของมาดีไม่บุบเลย", "th", "positive"},
      // A name is no cue; the verb is.
      {"Sue at the front desk was so helpful", "en", "positive"},
      {"I will sue you if my deposit is not returned", "en", "negative"},
  };
  std::vector<std::string> texts;
  for (const auto& c : cases) texts.push_back(c.text);
  auto out = Classify(texts);
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i]["sentiment"]["label"], cases[i].label) << cases[i].text << "\n" << out[i].dump();
  }
}

TEST(Sentiment, EvidenceShowsNegationAndContrast) {
  auto out = Classify({"không tốt", "giá rẻ nhưng giao hàng chậm", "ไม่ดีเลย", "not good at all"});
  auto has = [](const nlohmann::json& ev, const std::string& prefix) {
    for (const auto& e : ev) {
      if (e.get<std::string>().rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(out[0]["sentiment"]["evidence"], "negation:không")) << out[0].dump();
  EXPECT_TRUE(has(out[1]["sentiment"]["evidence"], "contrast:nhưng")) << out[1].dump();
  std::string e1 = out[1]["sentiment"]["evidence"].dump();
  EXPECT_NE(e1.find("after-contrast"), std::string::npos) << e1;
  EXPECT_LT(out[1]["sentiment"]["score"].get<double>(), 0) << "the clause after nhưng dominates";
}

TEST(Sentiment, HashtagsSarcasticThanksAndEmphaticQuestions) {
  auto out = Classify({
      "5 hours on the tarmac #nothappy",
      "@SouthwestAir thanks for losing my luggage",
      "so for an extra bag it cost $75????",
      "phí ship 50k luôn hả??",
      "等了两个小时还没到？？",
      "門市怎麼又沒開？！",
      "Crew was lovely #LifeIsGood",
      "thanks for the quick help!",
  });
  const char* labels[] = {"negative", "negative", "negative", "negative",
                          "negative", "negative", "positive", "positive"};
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i]["sentiment"]["label"], labels[i]) << out[i].dump();
  }
  std::string e0 = out[0]["sentiment"]["evidence"].dump();
  EXPECT_NE(e0.find("negation:not"), std::string::npos) << e0;  // #nothappy read as "not happy"
  EXPECT_NE(e0.find("happy"), std::string::npos) << e0;
  EXPECT_NE(out[2]["sentiment"]["evidence"].dump().find("????"), std::string::npos) << out[2].dump();
}

TEST(Sentiment, SentencesMixedTextEmojiOnlyEmptyAndLongText) {
  std::string long_text;
  size_t reps = 0;
  for (; long_text.size() < 100 * 1024; ++reps) long_text += "Giao hàng chậm. Nhân viên rất tốt. ";
  auto out = Classify({"Đồ ăn ngon. Nhưng giao hàng chậm quá!", "Ship nhanh lắm, very good service",
                       "外卖送得很快, but the food was cold", "😡😡", "", long_text});
  ASSERT_EQ(out[0]["sentiment"]["sentences"].size(), 2u);
  EXPECT_EQ(out[0]["sentiment"]["sentences"][0]["label"], "positive");
  EXPECT_EQ(out[0]["sentiment"]["sentences"][1]["label"], "negative");
  EXPECT_GE(out[1]["languages"].size(), 1u);
  EXPECT_GE(out[2]["languages"].size(), 2u) << out[2]["languages"].dump();  // zh + en runs
  EXPECT_EQ(out[3]["sentiment"]["label"], "negative");
  EXPECT_EQ(out[4]["sentiment"]["label"], "neutral");
  EXPECT_TRUE(out[4]["sentiment"]["evidence"].empty());
  // Analysed up to the default limit of 32 KiB ([limits] analysed_text_bytes):
  // whole sentences before it, one cut short at it.
  const std::string rep = "Giao hàng chậm. Nhân viên rất tốt. ";
  const size_t full = 32 * 1024 / rep.size();
  EXPECT_GE(out[5]["sentiment"]["sentences"].size(), 2 * full);
  EXPECT_LE(out[5]["sentiment"]["sentences"].size(), 2 * full + 2);

  // With the limit raised, 100 KB is analysed whole: nothing lost.
  TempDir dir;
  std::string config =
      dir.Write("c.toml", "[limits]\nanalysed_text_bytes = 200000\nevidence_items = 20000\n");
  auto whole = Classify({long_text}, "--config " + Quote(config));
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0]["sentiment"]["sentences"].size(), 2 * reps);
}

}  // namespace
}  // namespace cxmap::testing

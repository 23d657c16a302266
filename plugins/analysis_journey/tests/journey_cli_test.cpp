// SPDX-License-Identifier: Apache-2.0
// The plugin through the real cxmap binary: the host's text services
// (folding, segmentation, lexicon matching) live in the core, which a
// plugin test cannot link, so these tests run `cxmap classify` / `eval`.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cxmap/testing.h"

namespace {

#ifdef CXMAP_BIN
constexpr const char* kBin = CXMAP_BIN;
constexpr const char* kEvalDir = JOURNEY_EVAL_DIR;
#else
constexpr const char* kBin = "";
constexpr const char* kEvalDir = "";
#endif

/// Runs cxmap with `args`, feeding `input`; returns stdout+stderr and the exit code.
std::string RunCxmap(const std::string& args, const std::string& input, int* exit_code) {
  return cxmap::testing::RunCommandWithInput(std::string(kBin) + " -q --threads 1 " + args + " 2>&1",
                                             input, exit_code);
}

std::vector<nlohmann::ordered_json> Classify(const std::vector<std::string>& texts,
                                     const std::string& options = "") {
  std::string input;
  for (const auto& t : texts) input += t + "\n";
  int code = 0;
  std::string out = RunCxmap(options + " classify --jsonl", input, &code);
  EXPECT_EQ(code, 0) << out;
  std::vector<nlohmann::ordered_json> rows;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (!j.is_discarded()) rows.push_back(j);
  }
  EXPECT_EQ(rows.size(), texts.size()) << out;
  return rows;
}

// The cue layer alone: the tests of the cue rules below hold without the
// shipped touchpoint and stage models, which overrule a few of these
// contested sentences ("my coworker says their delivery is slow"). The
// models are judged on whole held-out sets (README, "Accuracy") and by
// StageModelsReadWhatTheCustomerDoes.
const std::string kCuesOnly =
    "-o analysis_journey.touchpoint_model=false -o analysis_journey.stage_model=false";

class JourneyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kBin).empty() || !std::filesystem::exists(kBin)) {
      GTEST_SKIP() << "needs the cxmap binary (in-tree build); not available here";
    }
  }
};

struct Case {
  const char* text;
  const char* touchpoint;
};

TEST_F(JourneyCli, DefaultCatalogueOnRealSentencesInEveryLanguage) {
  const Case cases[] = {
      {"Giao hàng chậm quá, hẹn 2 ngày mà cả tuần mới tới", "delivery"},
      {"giao hang cham qua, shipper ko goi truoc", "delivery"},         // no diacritics
      {"app bi vang hoai sau khi cap nhat", "mobile_app"},
      {"goi tong dai cho 20 phut khong ai bat may", "customer_support"},
      {"yêu cầu hoàn tiền 1 tháng rồi chưa thấy", "returns_refunds"},
      {"ส่งของช้ามาก รอเป็นอาทิตย์", "delivery"},
      {"แอพเด้งออกตลอดเลย", "mobile_app"},
      {"ราคาแพงเกินไป", "pricing"},
      {"快递太慢了，等了一个星期", "delivery"},
      {"門市服務很好，店裡很乾淨", "store"},                              // Traditional
      {"门市服务很好，店里很干净", "store"},                              // the same, Simplified
      {"會員卡打九折，正", "loyalty"},
      {"客服態度很差，打電話冇人接", "customer_support"},
      {"waited 40 min on hold with customer service", "customer_support"},
      {"payment failed but money was taken from my account", "checkout_payment"},
      {"my sister recommended you guys", "word_of_mouth"},
  };
  std::vector<std::string> texts;
  for (const Case& c : cases) texts.push_back(c.text);
  auto rows = Classify(texts);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& j = rows[i]["journey"];
    EXPECT_EQ(j["touchpoint"], cases[i].touchpoint) << cases[i].text << "\n" << j.dump();
    EXPECT_EQ(j["mapped"], true);
    EXPECT_FALSE(j["touchpoints"].empty());
    EXPECT_EQ(j["touchpoints"][0]["id"], cases[i].touchpoint);
    EXPECT_GT(j["confidence"].get<double>(), 0);
    EXPECT_EQ(j["model"], "cjm6");
  }
  // Folding: the diacritic-free and Traditional spellings found the same cue.
  EXPECT_EQ(rows[1]["journey"]["touchpoints"][0]["evidence"][0], "cue:giao hàng");
  EXPECT_EQ(rows[9]["journey"]["touchpoints"][0]["evidence"],
            rows[10]["journey"]["touchpoints"][0]["evidence"]);
}

TEST_F(JourneyCli, OutputSchemaPerRecordAndSentenceAndUnmappedRecords) {
  auto rows = Classify({"Giao hàng chậm. App thì hay bị văng.", "ok", ""});
  const auto& j = rows[0]["journey"];
  for (const char* key : {"touchpoint", "confidence", "touchpoints", "stage", "owner", "mapped",
                          "model", "evidence", "sentences"}) {
    EXPECT_TRUE(j.contains(key)) << key << " missing in " << j.dump();
  }
  EXPECT_EQ(j["touchpoints"].size(), 2u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j["touchpoints"][0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "confidence", "evidence"}));
  ASSERT_EQ(j["sentences"].size(), 2u);
  EXPECT_EQ(j["sentences"][0]["touchpoint"], "delivery");
  EXPECT_EQ(j["sentences"][0]["owner"], "logistics");
  EXPECT_EQ(j["sentences"][1]["touchpoint"], "mobile_app");
  EXPECT_EQ(j["sentences"][1]["stage"], "use");  // using the app, after the order
  const auto& none = rows[1]["journey"];
  EXPECT_TRUE(none["touchpoint"].is_null()) << none.dump();
  EXPECT_EQ(none["mapped"], false);
  EXPECT_TRUE(none["owner"].is_null());
  EXPECT_TRUE(none["touchpoints"].empty());
  EXPECT_EQ(rows[2]["journey"]["mapped"], false);
}

TEST_F(JourneyCli, StageCuesWinOverTheTouchpointStage) {
  auto rows = Classify({"sẽ giới thiệu cho bạn bè", "đang phân vân giữa 2 mẫu này",
                        "app bị văng hoài", "กำลังจะซื้อ", "下单了但没收到确认",
                        "想買但係擔心保養"}, kCuesOnly);
  EXPECT_EQ(rows[0]["journey"]["stage"], "advocacy");
  EXPECT_EQ(rows[1]["journey"]["stage"], "decision");  // hesitating between two: decision (issue 17)
  EXPECT_EQ(rows[2]["journey"]["stage"], "use");
  EXPECT_EQ(rows[2]["journey"]["evidence"].back(), "stage-cue:văng") << rows[2].dump();
  EXPECT_EQ(rows[3]["journey"]["stage"], "decision");
  EXPECT_EQ(rows[4]["journey"]["stage"], "purchase");
  EXPECT_EQ(rows[5]["journey"]["stage"], "consideration");
}

// Issue 17: the stage is what the customer is doing, read from context
// cues in every language; the touchpoint is only the prior. Purchase =
// choosing, ordering, paying; Use = everything after the order (waiting
// for the parcel, an app crashing after an update); Awareness = first
// noticing, even through a friend's post.
TEST_F(JourneyCli, StageFollowsWhatTheCustomerIsDoing) {
  auto rows = Classify({
      "My parcel still hasn't arrived, I ordered it two weeks ago",
      "Paid by card at checkout, the page froze for a second",
      "Since the last update the app logs me out every day",
      "Đơn đặt từ thứ 2 mà tới giờ vẫn chưa nhận được hàng",
      "Vừa thanh toán xong bằng thẻ",
      "Từ lúc cập nhật app cứ bị văng",
      "Bạn mình share bài nên mình mới biết shop",
      "สั่งไปตั้งแต่อาทิตย์ก่อน ยังไม่ได้รับของเลย",
      "เพิ่งจ่ายเงินผ่านแอปเสร็จ",
      "ตั้งแต่อัปเดตล่าสุด แอปค้างตลอด",
      "下单一周了还没收到货",
      "刚在APP里付款买了两件",
      "更新后APP一直闪退",
      "下單後等了十天還沒出貨",
      "A friend shared your post, first time hearing about you",
  });
  const char* want[] = {"use", "purchase", "use", "use", "purchase", "use", "awareness",
                        "use", "purchase", "use", "use", "purchase", "use", "use", "awareness"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["stage"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["evidence"].dump();
  }
}

// Issue 17, round 2: a text that asks, with no stronger stage cue, is a
// customer asking before buying (`[model] question_stage`); asking where an
// order is stays use. Sentences written for this test.
TEST_F(JourneyCli, QuestionsLeanToConsideration) {
  auto rows = Classify({
      "How long is the warranty on this washing machine?",
      "Is the jacket warm enough for winter?",
      "Máy lọc nước này thay lõi bao lâu một lần",
      "cho minh hoi ao nay co mau xanh khong",
      "หม้อทอดรุ่นนี้รับประกันกี่ปีคะ",
      "这款电饭煲是否有预约功能",
      "這件外套會不會起球？",
      "Where is my order? It was due last Friday",
  });
  const char* want[] = {"consideration", "consideration", "consideration", "consideration",
                        "consideration", "consideration", "consideration", "use"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["stage"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["evidence"].dump();
  }
  // Asking "A or B?" is choosing between the final options (alternative_stage).
  auto alternatives = Classify({"Should I get the 12-month or the 24-month plan?",
                                "Lấy bản 128GB hay 256GB đây?", "รุ่น 128 หรือ 256 ดีคะ",
                                "签一年还是两年？"});
  for (const auto& row : alternatives) {
    EXPECT_EQ(row["journey"]["stage"], "decision") << row["text"] << " " << row["journey"]["evidence"].dump();
  }
  // The same statement without the question has no consideration cue.
  auto plain = Classify({"The jacket is warm enough for winter."});
  EXPECT_NE(plain[0]["journey"]["stage"], "consideration") << plain[0].dump();
}

// Issue 17, round 3: two options named side by side, not asked, are being
// weighed ("stage-choice"): decision. The other senses of the words are not
// a choice: 还是 "still", "hay" "good/often", "or so". Sentences written for
// this test; each choice case fails without the rule (its evidence names it).
TEST_F(JourneyCli, TwoOptionsSideBySideAreADecision) {
  auto rows = Classify({
      "Máy giặt cửa trước hay cửa trên đây, nhà chật mà thích cửa trước",
      "may giat cua truoc hay cua tren day, nha chat",
      "เครื่องซักผ้าฝาหน้าหรือฝาบนดี ห้องแคบ",
      "iPhone还是Pixel，想了一整个礼拜",
      "iPhone還是Pixel，想了一整個禮拜",
      "It's down to the red dress or the blue one for the wedding",
  });
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& row : rows) {
    EXPECT_EQ(row["journey"]["stage"], "decision") << row["text"] << " " << row["journey"]["evidence"].dump();
    EXPECT_NE(row["journey"]["evidence"].dump().find("stage-choice"), std::string::npos) << row["text"];
  }
  auto other = Classify({
      "Máy giặt này giặt rất hay, êm lắm",
      "app hay bi loi khi mo len",
      "修了两次还是不行",
      "修了兩次還是不行",
      "The parcel took a week or so to arrive",
  });
  for (const auto& row : other) {
    EXPECT_EQ(row["journey"]["evidence"].dump().find("stage-choice"), std::string::npos)
        << row["text"] << " " << row["journey"]["evidence"].dump();
  }
}

// Issue 17, round 2: a text about a channel (searching, reviews, social
// media, what friends say) belongs to the channel even when it names what
// the channel said (a price, a delivery, a product): channel cues are
// strong. Sentences written for this test.
TEST_F(JourneyCli, ChannelsOutweighWhatTheyTalkAbout) {
  auto rows = Classify({
      "Searched for a cheap blender and got phone cases",
      "Lọc theo giá không chạy",
      "ตัวกรองราคาใช้ไม่ได้",
      "按价格筛选没用",
      "My coworker says their delivery is slow",
      "同事说他们家配送很慢",
      "A friend told me your prices went up",
      "Đồng nghiệp bảo app này giao chậm",
  }, kCuesOnly);
  const char* want[] = {"search", "search", "search", "search",
                        "word_of_mouth", "word_of_mouth", "word_of_mouth", "word_of_mouth"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["touchpoint"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["touchpoints"].dump();
  }
}

// Issue 17: product defects with no touchpoint word, a shop's social-media
// channel, refusals to take a return, in every language.
TEST_F(JourneyCli, TouchpointsOfUnseenFeedback) {
  auto rows = Classify({"The kettle lid leaks when I pour", "Bình giữ nhiệt bị rò nước",
                        "ขวดน้ำรั่วตั้งแต่วันแรก", "保溫瓶的蓋子會漏水",
                        "kênh tiktok của shop toàn clip nhảm", "粉專一直發業配文",
                        "ร้านไม่รับคืนเพราะแกะกล่องแล้ว", "拆封了就不给退"});
  const char* want[] = {"product", "product", "product", "product",
                        "social_media", "social_media", "returns_refunds", "returns_refunds"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["touchpoint"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["evidence"].dump();
  }
}

// Issue 17, round 4: what the text is about when the touchpoint word is
// not there or another touchpoint's word is louder: filtering or sorting a
// list is search whatever it filters by; a price compared between places
// or given per bowl is pricing; a cousin, roommate or classmate is word of
// mouth; a rating beside the comments, or Google reviews, are reviews; what
// a live stream promised and a brand deleting comments on a platform are
// social media, an ad seen on a platform is advertising; advisors, agents
// and dealers are sales staff; canned replies and busy lines are support;
// swapping a size or returning a faulty item is a return; a stamp card is
// loyalty; a feature or button of the app is the app. Sentences written
// for this test.
TEST_F(JourneyCli, RoundFourTouchpointPatterns) {
  auto rows = Classify({
      "Sort by price low to high puts the expensive ones first",
      "Sắp xếp theo giá mà đồ đắt vẫn nằm trên cùng",
      "เรียงราคาต่ำไปสูงแต่ของแพงขึ้นมาก่อน",
      "按价格排序完全是乱的",
      "Why are the same sneakers cheaper at the outlet than on your site?",
      "ข้าวมันไก่จานละ 90 แรงไปหน่อย",
      "My cousin keeps praising this gym",
      "Bạn cùng phòng khuyên mình đừng mua ở đây",
      "室友說這家手搖很好喝",
      "รูมเมทบอกว่าร้านนี้ของแท้",
      "Rated 4.8 but the comments are all complaints",
      "Google評論很高，去了很失望",
      "ไลฟ์สดบอกว่าแถมของ แต่ไม่ได้แถม",
      "官方微博把差评都删了",
      "Instagram của shop đăng giá khác với web",
      "抖音上一直跳出你們的廣告",
      "The insurance agent never mentioned the fees",
      "保险代理人说的和合同不一样",
      "问了三次都是罐头回复",
      "Gọi tổng đài toàn máy bận",
      "I had to pay to return a faulty kettle",
      "柜台换尺码很方便",
      "集點卡集滿了卻不能換",
      "The new tracking feature in the app is great",
  }, kCuesOnly);
  const char* want[] = {"search", "search", "search", "search",
                        "pricing", "pricing",
                        "word_of_mouth", "word_of_mouth", "word_of_mouth", "word_of_mouth",
                        "reviews", "reviews",
                        "social_media", "social_media", "social_media", "advertising",
                        "sales_staff", "sales_staff", "customer_support", "customer_support",
                        "returns_refunds", "returns_refunds", "loyalty", "mobile_app"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["touchpoint"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["touchpoints"].dump();
  }
}

// Issue 17, round 4, stage from what the customer is doing: buying the
// same thing again, years in a row, or answering someone who asks is
// advocacy; two options left, or an item put in the cart and taken out, is
// decision; an ad or a product seen with "who is that?" is awareness (the
// question does not make it consideration); a coupon used at checkout is
// purchase, not use; an order still being prepared is use. Thai หรือยัง
// ("yet?") asks about one thing and offers no choice. Sentences written
// for this test.
TEST_F(JourneyCli, RoundFourStagePatterns) {
  auto rows = Classify({
      "Bought the same sunscreen again, third bottle this year",
      "Năm thứ 3 liên tiếp đặt tiệc ở nhà hàng này",
      "ซื้อครีมตัวเดิมซ้ำเป็นกระปุกที่สี่",
      "公司年会第三年都订这家酒店",
      "if anyone's looking for a good plumber, DM me",
      "Narrowed it to two gyms, one is cheaper, one is closer",
      "Còn 2 trường mầm non, chưa biết cho bé học chỗ nào",
      "เหลือสองรุ่น ยังตัดสินใจไม่ได้",
      "剩两家装修公司，还在比",
      "Quảng cáo hãng này dạo này phủ sóng khắp nơi, là ai vậy?",
      "最近到处都是这个牌子的广告，谁家啊？",
      "下单的时候用了满减券",
      "Đơn đặt 4 ngày rồi vẫn đang chuẩn bị hàng",
      "ทัวร์นี้รวมค่าอาหารหรือยังคะ",
  }, kCuesOnly);
  const char* want[] = {"advocacy", "advocacy", "advocacy", "advocacy", "advocacy",
                        "decision", "decision", "decision", "decision",
                        "awareness", "awareness", "purchase", "use", "consideration"};
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["stage"], want[i]) << rows[i]["text"] << " " << rows[i]["journey"]["evidence"].dump();
  }
}

TEST_F(JourneyCli, BuiltInModelsAndACustomModelFile) {
  auto five = Classify({"giao hàng chậm"}, "-o analysis_journey.model=5a");
  EXPECT_EQ(five[0]["journey"]["stage"], "adopt");
  EXPECT_EQ(five[0]["journey"]["model"], "5a");
  auto four = Classify({"the app crashes"}, "-o analysis_journey.model=4stage");
  EXPECT_EQ(four[0]["journey"]["stage"], "experience");  // mobile_app's prior: after the order

  std::string path = std::filesystem::temp_directory_path() / ("journey_model_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << "[model]\nid = \"two\"\n[[stage]]\nid = \"before\"\n[[stage]]\nid = \"after\"\n"
                         "cues.vi = [\"sau khi mua\"]\n[touchpoint_stage]\ndelivery = \"before\"\n"
                         "[[touchpoint]]\nid = \"delivery\"\nrules = ['any(\"kiện hàng\") and not any(\"nhanh chóng\")']\n";
  auto custom = Classify({"giao hàng chậm", "sau khi mua thì app lỗi", "kiện hàng tới"},
                         "-o analysis_journey.model_file=" + cxmap::testing::ShellQuote(path));
  EXPECT_EQ(custom[0]["journey"]["stage"], "before");
  EXPECT_EQ(custom[1]["journey"]["stage"], "after");
  EXPECT_EQ(custom[2]["journey"]["touchpoint"], "delivery");
  std::ofstream(path) << "[model]\nid = \"x\"\n[[stage]]\nid = \"a\"\nrules = ['any(\"a\",)']\n";
  int code = 0;
  std::string out = RunCxmap("-o analysis_journey.model_file=" + cxmap::testing::ShellQuote(path) + " classify --jsonl", "x\n", &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find(path + ":5:19: stage 'a'.rules.when: expected a quoted string"), std::string::npos) << out;
  std::filesystem::remove(path);
}

TEST_F(JourneyCli, EvalScoresTouchpointAndStage) {
  int code = 0;
  std::string out = RunCxmap(std::string("eval --json --field touchpoint ") + cxmap::testing::ShellQuote(std::string(kEvalDir) + "/touchpoint_en.dev.tsv"), "", &code);
  ASSERT_EQ(code, 0) << out;
  auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j["overall"]["n"], 96);
  EXPECT_GE(j["overall"]["accuracy"].get<double>(), 0.85);
  out = RunCxmap(std::string("eval --json --field stage ") + cxmap::testing::ShellQuote(std::string(kEvalDir) + "/stage_en.dev.tsv"), "", &code);
  ASSERT_EQ(code, 0) << out;
  j = nlohmann::json::parse(out, nullptr, false);
  EXPECT_EQ(j["overall"]["n"], 54);
}

// Issue 17: the shipped stage models read what the customer does where
// the cues saw only a word ("dùng": use) or only the touchpoint (a link in
// a chat group: social media, so awareness). Re-buying and passing a link
// on are advocacy. Sentences written for this test; each fails with the
// models off (checked below), and the 5a model, whose stages the shipped
// files do not know, is left to its cues.
TEST_F(JourneyCli, StageModelsReadWhatTheCustomerDoes) {
  struct StageCase {
    const char* text;
    const char* stage;
  };
  const std::vector<StageCase> cases = {
      {"mua lần thứ 5 rồi, cả nhà đều dùng", "advocacy"},
      {"mua lan thu 5 roi, ca nha deu dung", "advocacy"},
      {"สั่งซ้ำเป็นรอบที่สามแล้ว ใช้ดีจนต้องซื้อเผื่อแม่", "advocacy"},
      {"ส่งลิงก์ให้เพื่อนในกลุ่มไลน์ไปหมดแล้ว", "advocacy"},
      {"我把链接发到家族群里了，让大家都去买", "advocacy"},
      {"朋友問我哪裡買的，我直接把連結傳給她", "advocacy"},
  };
  std::vector<std::string> texts;
  for (const auto& c : cases) texts.push_back(c.text);
  texts.push_back("Told my whole team to sign up, they all love it now");  // cues and model agree
  auto rows = Classify(texts);
  auto off = Classify(texts, "-o analysis_journey.stage_model=false");
  auto five = Classify(texts, "-o analysis_journey.model=5a");
  ASSERT_EQ(rows.size(), texts.size());
  ASSERT_EQ(off.size(), texts.size());
  ASSERT_EQ(five.size(), texts.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(rows[i]["journey"]["stage"], cases[i].stage) << cases[i].text;
    EXPECT_NE(rows[i]["journey"]["evidence"].dump().find("model:stage(advocacy"), std::string::npos)
        << cases[i].text;
    EXPECT_NE(off[i]["journey"]["stage"], cases[i].stage) << cases[i].text << " (models off)";
  }
  EXPECT_EQ(rows.back()["journey"]["stage"], "advocacy");
  EXPECT_NE(rows.back()["journey"]["evidence"].dump().find("model:stage(advocacy"), std::string::npos);
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(off[i]["journey"]["evidence"].dump().find("model:stage"), std::string::npos) << texts[i];
    EXPECT_EQ(five[i]["journey"]["evidence"].dump().find("model:stage"), std::string::npos) << texts[i];
    EXPECT_EQ(five[i]["journey"]["model"], "5a");
  }
}

}  // namespace

// SPDX-License-Identifier: Apache-2.0
// Issue 17, round 2: the context rules (context_rules.h) on real sentences
// through the real cxmap binary, since the host's text services (folding,
// segmentation, lexicon matching) live in the core. Sentences written for
// this test, in every language; each case names what would make it fail.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cxmap/testing.h"

namespace {

#ifdef CXMAP_BIN
constexpr const char* kBin = CXMAP_BIN;
#else
constexpr const char* kBin = "";
#endif

// The sentiment label of each text (`classify --jsonl`, lexicon and rules
// only, so the Thai model does not hide what the rules do).
std::vector<std::string> Labels(const std::vector<std::string>& texts) {
  std::string input;
  for (const auto& t : texts) input += t + "\n";
  int code = 0;
  std::string out = cxmap::testing::RunCommandWithInput(
      std::string(kBin) +
          " -q --threads 1 -o analysis_sentiment.bundled_models=false classify --jsonl 2>&1",
      input, &code);
  EXPECT_EQ(code, 0) << out;
  std::vector<std::string> labels;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded()) labels.push_back(j["sentiment"]["label"].get<std::string>());
  }
  EXPECT_EQ(labels.size(), texts.size()) << out;
  return labels;
}

struct Case {
  const char* text;
  const char* label;
};

void Expect(const std::vector<Case>& cases) {
  std::vector<std::string> texts;
  for (const Case& c : cases) texts.push_back(c.text);
  auto labels = Labels(texts);
  for (size_t i = 0; i < labels.size() && i < cases.size(); ++i) {
    EXPECT_EQ(labels[i], cases[i].label) << cases[i].text;
  }
}

class ContextRulesCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kBin).empty() || !std::filesystem::exists(kBin)) {
      GTEST_SKIP() << "needs the cxmap binary (in-tree build); not available here";
    }
  }
};

// A waited-for duration is a complaint with no opinion word in it.
TEST_F(ContextRulesCli, WaitingTimesAreComplaints) {
  Expect({
      {"Waited 45 minutes for a table we had booked", "negative"},
      {"It took three weeks for the parcel to show up", "negative"},
      {"Đợi 2 tiếng đồng hồ mới có người ra", "negative"},
      {"dat hang 10 ngay moi nhan duoc", "negative"},
      {"รอตั้งสองชั่วโมงกว่าจะได้กิน", "negative"},
      {"排队排了一个多小时才轮到我", "negative"},
      {"等了四十分鐘外賣才送到", "negative"},
  });
}

// The same durations called short, or something done within them, are
// praise; a duration nobody waited for is neither.
TEST_F(ContextRulesCli, ShortDurationsArePraiseUnwaitedOnesNothing) {
  Expect({
      {"Only waited 5 minutes for the table", "positive"},
      {"Chỉ đợi 5 phút là có món", "positive"},
      {"đổi sim ở quầy 5 phút là xong", "positive"},
      {"รอแค่ห้านาทีก็ได้ของ", "positive"},
      {"只等了五分钟就上菜了", "positive"},
      {"两天就到了", "positive"},
      {"Used it for 3 weeks now", "neutral"},
      {"用了两天就坏了", "negative"},  // 就 after a duration: an early failure
  });
}

// Positive words inside a question are asked about, not praise.
TEST_F(ContextRulesCli, PraiseWordsInQuestionsAreNotPraise) {
  Expect({
      {"Is the food good there?", "neutral"},
      {"Does the premium plan come with a nice case", "neutral"},
      {"Món này có ngon không shop?", "neutral"},
      {"mon nay co ngon khong shop", "neutral"},
      {"อาหารร้านนี้อร่อยไหมคะ", "neutral"},
      {"这家的牛肉面好吃吗", "neutral"},
      {"這款手機好用嗎？", "neutral"},
  });
  // Not in a statement.
  Expect({
      {"The food is good there.", "positive"},
      {"Món này ngon lắm", "positive"},
      {"อาหารร้านนี้อร่อยมาก", "positive"},
      {"这家的牛肉面很好吃", "positive"},
  });
}

// A wish or a suggestion names what did not happen (vi/th/zh; English has
// its own wish rule).
TEST_F(ContextRulesCli, WishesAreNotPraise) {
  Expect({
      {"Mong shop lần sau đóng gói cẩn thận hơn", "negative"},
      {"อยากให้ร้านส่งเร็วกว่านี้", "negative"},
      {"希望下次发货快一点", "negative"},
  });
}

}  // namespace

// Round 3: something stuck is a complaint with no opinion word in it: "still
// not" before what should have happened, or a count of attempts above one.
// Fails without AppendStuckComplaints (these read neutral with the lexicon).
TEST_F(ContextRulesCli, StillNotAndRepeatedAttemptsAreComplaints) {
  Expect({
      {"保险理赔材料交了三遍，每次都说少一份", "negative"},
      {"快递一个星期了还没到", "negative"},
      {"已經第三次打電話了，問題還沒解決", "negative"},
      {"Đơn hàng đặt từ thứ 2 mà vẫn chưa nhận được", "negative"},
      {"don hang dat tu thu 2 ma van chua nhan duoc", "negative"},
      {"Gọi tổng đài 3 lần rồi mà vẫn thế", "negative"},
      {"goi tong dai 3 lan roi", "negative"},
      {"สั่งของไปอาทิตย์นึงแล้วยังไม่ได้รับเลย", "negative"},
      {"third time this month the wifi drops every evening", "negative"},
      {"I've called them 4 times about the same bill", "negative"},
  });
}

// ... but not beside praise, not "never yet disappointed", not a count that
// is asked about.
TEST_F(ContextRulesCli, StillNotAndRepeatsBesidePraiseOrInQuestionsAreNoComplaint) {
  Expect({
      {"Lần thứ 3 quay lại quán, vẫn ngon như lần đầu", "positive"},
      {"lan thu 3 quay lai quan, van ngon nhu lan dau", "positive"},
      {"这是我第三次来了，每次都很满意", "positive"},
      {"這是我第三次來了，每次都很滿意", "positive"},
      {"ยังไม่เคยผิดหวังกับร้านนี้เลย", "positive"},
      {"Cần tiêm mấy lần thì có kháng thể?", "neutral"},
      {"How many times can I change the date?", "neutral"},
  });
}

// Round 3: a text that only asks is neutral, whatever a weak cue or the
// bundled models read into it. With the models off the rule alone decides
// and says so ("rule:asks"), so each case fails without AsksOnly. Questions that complain stay negative;
// Thai counts only questions for information (rhetorical ones abound in
// Thai social posts: th/wisesight).
TEST_F(ContextRulesCli, TextsThatOnlyAskAreNeutral) {
  const std::vector<std::string> asks = {
      "Shop ơi áo này có màu be ko ạ",
      "may lanh nay co kem ong dong ko shop",
      "คอมโบนี้ใช้กับสั่งกลับบ้านได้ไหม",
      "ครีมนี้ผิวแพ้ง่ายใช้ได้ไหมคะ",
      "退货需要自己付运费吗？",
      "退貨需要自己付運費嗎？",
  };
  std::string input;
  for (const auto& t : asks) input += t + "\n";
  for (bool models : {true, false}) {
    int code = 0;
    std::string out = cxmap::testing::RunCommandWithInput(
        std::string(kBin) + " -q --threads 1 classify --jsonl" +
            (models ? "" : " -o analysis_sentiment.bundled_models=false") + " 2>&1",
        input, &code);
    ASSERT_EQ(code, 0) << out;
    std::istringstream lines(out);
    size_t i = 0;
    for (std::string line; std::getline(lines, line); ++i) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << line;
      EXPECT_EQ(j["sentiment"]["label"], "neutral") << asks[i] << (models ? "" : " (lexicon only)");
      if (!models) {
        EXPECT_NE(j["sentiment"]["evidence"].dump().find("rule:asks"), std::string::npos) << asks[i];
      }
    }
    EXPECT_EQ(i, asks.size());
  }
  Expect({
      {"Sao đơn của mình vẫn chưa giao vậy?", "negative"},  // why: a complaint
      {"thôi ko bao giờ quay lại nữa, bye", "negative"},    // ko bao giờ: never
      {"sao van chua giao hang vay shop?", "negative"},
  });
}

// Issue 17, round 4: a pain or a fault that did not happen is praise (the
// bare negator alone used to read these as complaints), and "không khí"
// (air) is a noun, not the negator. Sentences written for this test.
TEST_F(ContextRulesCli, PainsAndFaultsThatDidNotHappenArePraise) {
  Expect({
      {"Nhổ răng khôn mà không đau chút nào", "positive"},
      {"nho rang ko thay dau chut nao", "positive"},
      {"Dùng máy giặt này 5 năm chưa gặp sự cố gì", "positive"},
      {"o khach san 3 dem ko co gi phan nan", "positive"},
      {"Máy lọc không khí chạy êm", "positive"},
      {"打针一点都不痛，护士很专业", "positive"},
      {"這台冰箱用了六年沒出過問題", "positive"},
      {"Gọi mãi shipper không thấy đâu", "negative"},
  });
}

// Issue 17, round 4: a clock time with a late marker after it is the hour
// something finally happened ("12h45 mới tới", "十二点多才看到"): a complaint
// like a waited-for duration; a clock time alone is none. Sentences written
// for this test.
TEST_F(ContextRulesCli, ClockTimesThatCameLateAreComplaints) {
  Expect({
      {"Hẹn sửa máy lúc 8h mà 11h15 mới có người tới", "negative"},
      {"goi mon luc 6h, 7h20 moi len mon", "negative"},
      {"约了十点，十二点多才轮到我", "negative"},  // (十一点 is segmented 十|一点: missed)
      {"Hẹn 10h30 gặp ở quán nhé", "neutral"},
      {"我们十点见", "neutral"},
  });
}

// Issue 17, round 4: everyday Chinese opinion words the lexicon lacked
// (Simplified and Traditional), and 才恢复 / 才入座 end a wait like 才到.
// Sentences written for this test.
TEST_F(ContextRulesCli, EverydayChineseOpinionWords) {
  Expect({
      {"店员很亲切，小朋友玩得很开心", "positive"},
      {"這隻小狗玩偶好可愛", "positive"},
      {"客服把我的名字寄錯了兩次", "negative"},
      {"推銷員講得天花亂墜，買回來根本不是那樣", "negative"},
      {"網路斷了，等了半小時才恢復", "negative"},
      {"订了位还要等一个小时才入座", "negative"},
  });
}

// Issue 17, round 4: typed without diacritics, "kèm" (along with) is not
// "kém" (poor) and "bé" (child) is not "bể" (broken); faults with no opinion
// word (mất tiếng, phồng nắp) are complaints. Sentences written for this test.
TEST_F(ContextRulesCli, VietnameseFoldingCollisionsAndFaults) {
  Expect({
      {"shop tang kem moc khoa xinh xiu", "positive"},
      {"thay day kem cho be rat tan tam", "positive"},
      {"Loa mới mua 1 tuần đã mất tiếng", "negative"},
      {"lon nuoc ngot bi phong nap", "negative"},
  });
}

// Issue 17, rounds 12 and 13: names whose folded form holds a cue are
// blocked (chi nhánh ⊃ nhanh, thủ tục ⊃ tức, môi giới ⊃ giỏi, căn hộ ⊃
// cần), with and without diacritics, but "can ho tro" (cần hỗ trợ, need
// help) keeps its cue; "KH" in capitals (khách hàng, the customer) negates
// nothing. Sentences written for this test; before the blockers each name
// read positive or negative by the cue inside it, the hassle and red-tape
// words were no cues, and "KH hài lòng" read negative.
TEST_F(ContextRulesCli, VietnameseNamesThatHoldAFoldedCueAndTheCustomerKHAreNoOpinion) {
  Expect({
      {"Chi nhánh Quận 5 mở cửa lúc 8h", "neutral"},
      {"chi nhanh quan 5 mo cua luc 8h", "neutral"},
      {"thu tuc mo tai khoan o quay so 3", "neutral"},
      {"moi gioi dan di xem nha", "neutral"},
      {"Môi giới dẫn đi xem nhà", "neutral"},
      {"can ho 2 phong ngu, view song", "neutral"},
      {"can ho tro doi tra gap", "negative"},
      {"Đổi trả lằng nhằng quá", "negative"},
      {"Thủ tục rườm rà quá", "negative"},
      {"thu tuc phuc tap", "negative"},
      {"KH hài lòng với cách xử lý của nhân viên", "positive"},
      {"kh hài lòng lắm", "negative"},
  });
}

// Issue 17, round 4: in Thai too a problem that did not happen is praise
// (ไม่เคยมีปัญหา, ไม่มีอะไรให้ติ, ก็ไม่ได้แย่), and "ครั้งหน้ามาอีก" is coming
// back, not "again". Sentences written for this test.
TEST_F(ContextRulesCli, ThaiProblemsThatDidNotHappenArePraise) {
  Expect({
      {"ใช้ไมโครเวฟเครื่องนี้มาห้าปีไม่เคยมีปัญหา", "positive"},
      {"บริการดีมาก ไม่มีอะไรให้ติเลย", "positive"},
      {"ร้านนี้ครั้งหน้ามาอีกแน่นอน", "positive"},
  });
}

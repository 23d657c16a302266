// SPDX-License-Identifier: Apache-2.0
// The plugin through the real cxmap binary: the host's text services
// (folding, segmentation, lexicon matching with negation) live in the
// core, which a plugin test cannot link, so these tests run `cxmap
// classify` and `cxmap eval`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cxmap/testing.h"

namespace {

#ifdef CXMAP_BIN
constexpr const char* kBin = CXMAP_BIN;
constexpr const char* kEvalDir = EMPATHY_EVAL_DIR;
#else
constexpr const char* kBin = "";
constexpr const char* kEvalDir = "";
#endif

/// Runs cxmap with `args`, feeding `input`; returns stdout+stderr and the exit code.
std::string RunCxmap(const std::string& args, const std::string& input, int* exit_code) {
  return cxmap::testing::RunCommandWithInput(std::string(kBin) + " -q --threads 1 " + args + " 2>&1",
                                             input, exit_code);
}

/// The `empathy_map` object of each text.
// The cue layer alone: the tests of the cue rules hold without the shipped
// quadrant models, which read a few of these sentences otherwise ("快递太慢了"
// as does). The models are judged on whole held-out sets (README) and by
// QuadrantModelsReadGuessesAndBodies.
const std::string kCuesOnly = "-o analysis_empathy_map.quadrant_model=false ";

std::vector<nlohmann::json> Classify(const std::vector<std::string>& texts,
                                     const std::string& options = "") {
  std::string input;
  for (const auto& t : texts) input += t + "\n";
  int code = 0;
  std::string out = RunCxmap(options + "classify --jsonl", input, &code);
  EXPECT_EQ(code, 0) << out;
  std::vector<nlohmann::json> rows;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.contains("empathy_map")) rows.push_back(j["empathy_map"]);
  }
  EXPECT_EQ(rows.size(), texts.size()) << out;
  return rows;
}

class EmpathyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kBin).empty() || !std::filesystem::exists(kBin)) {
      GTEST_SKIP() << "needs the cxmap binary (in-tree build); not available here";
    }
  }
};

struct Case {
  const char* text;
  const char* quadrant;
  const char* emotion = nullptr;  // for feels
};

void Expect(const std::vector<Case>& cases) {
  std::vector<std::string> texts;
  for (const Case& c : cases) texts.push_back(c.text);
  auto rows = Classify(texts, kCuesOnly);
  for (size_t i = 0; i < rows.size() && i < cases.size(); ++i) {
    EXPECT_EQ(rows[i]["quadrant"], cases[i].quadrant) << cases[i].text << "\n" << rows[i].dump();
    if (cases[i].emotion != nullptr) {
      EXPECT_EQ(rows[i]["emotion"], cases[i].emotion) << cases[i].text << "\n" << rows[i].dump();
    }
  }
}

TEST_F(EmpathyCli, VietnameseWithAndWithoutDiacritics) {
  Expect({
      {"Bực mình quá, chờ cả buổi", "feels", "anger"},
      {"buc minh qua, cho ca buoi", "feels", "anger"},
      {"mình thấy giá này hơi cao", "thinks"},
      {"chac la shipper lam mat hang roi", "thinks"},
      {"tôi đã gọi tổng đài 4 lần", "does"},
      {"da huy don, qua ben khac mua", "does"},
      {"giao hàng nhanh, đóng gói kỹ", "says"},
      {"shipper gọi mà không ai nghe", "says"},  // someone else's action
  });
}

TEST_F(EmpathyCli, ThaiChineseEnglishQuadrants) {
  Expect({
      {"โกรธมาก ส่งของผิด", "feels", "anger"},
      {"คิดว่าราคาแพงไป", "thinks"},
      {"โทรไปสามรอบแล้ว", "does"},
      {"ส่งของช้ามาก", "says"},
      {"气死了，又送错了", "feels", "anger"},
      {"我覺得價格太貴", "thinks"},  // Traditional
      {"我已经退货了", "does"},
      {"快递太慢了", "says"},
      {"so frustrated with this courier", "feels", "anger"},
      {"I wonder why my order was cancelled", "thinks"},
      {"called them twice and uninstalled the app", "does"},
      {"the staff said it was out of stock", "says"},
  });
}

// Issue 17: relief, wondering and switching in every language; "ngân hàng"
// (bank, "ngan" without diacritics) is not ngán (fed up).
TEST_F(EmpathyCli, UnseenFeedbackQuadrants) {
  Expect({
      {"Nhẹ cả người khi shop hoàn tiền", "feels", "joy"},
      {"nhan vien ngan hang noi phai mang CMND", "says"},
      {"shop hen thu 2 giao hang", "says"},  // thứ 2 (Monday), not thử (try)
      {"chuyen het tien sang ngan hang khac roi", "does"},
      {"ย้ายค่ายไปเมื่อวาน", "does"},
      {"เอากางเกงไปคืนที่ร้านแล้ว", "does"},
      {"总算收到了，松了一口气", "feels", "joy"},
      {"我在想是不是快遞弄丟了", "thinks"},
      {"直接刪掉APP", "does"},
  });
}

// Issue 17, round 2: guesses, doubts, expectations and realisations are
// thinks in every language, without "I think"; a weekday is not an action
// ("thứ 2" folds to "thu 2", like thử = try). Written for this test.
TEST_F(EmpathyCli, GuessesDoubtsAndExpectationsAreThinks) {
  Expect({
      {"Looks like the courier never even left the depot", "thinks"},
      {"Turns out the discount only applied to one item", "thinks"},
      {"Biết đâu lần sau shop lại giao thiếu", "thinks"},
      {"chang le shop khong kiem tra hang truoc khi gui", "thinks"},
      {"ของน่าจะตกหล่นระหว่างทางมั้ง", "thinks"},
      {"ตอนแรกนึกว่าจะได้ของวันนี้", "thinks"},
      {"八成是仓库发错货了", "thinks"},
      {"想不到這麼快就壞了", "thinks"},
      {"Hẹn thứ 6 giao hàng", "says"},
      {"hen thu 7 lay do", "says"},
  });
}

TEST_F(EmpathyCli, NegatedEmotionsAreFeelsWithTheNegatedReading) {
  Expect({
      {"không vui chút nào", "feels", "sadness"},
      {"ko vui", "feels", "sadness"},
      {"không hài lòng với dịch vụ", "feels", "anger"},
      {"ไม่พอใจบริการเลย", "feels", "anger"},
      {"很不开心", "feels", "sadness"},
      {"不開心", "feels", "sadness"},
      {"not happy with the service", "feels", "sadness"},
      {"I'm not worried about it", "feels", "trust"},
  });
  auto rows = Classify({"không vui chút nào"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["sentences"][0]["item"], "not happy");
  EXPECT_EQ(rows[0]["evidence"][0], "feels:vui(sadness,negated:không)") << rows[0].dump();
}

// Issue 17, round 3: Cantonese guessing, doubting and fearing (唔信, 估,
// 諗, 驚) and Mandarin hedges (搞不好) are thinks / feels, not a statement;
// in Traditional and Simplified script. Sentences written for this test.
TEST_F(EmpathyCli, CantoneseCognitionAndFear) {
  Expect({
      {"我唔信佢哋會準時送到", "thinks"},
      {"我估佢哋根本冇睇過我嘅投訴", "thinks"},
      {"搞不好这家店根本没有现货", "thinks"},
      {"搞不好這家店根本沒有現貨", "thinks"},
      {"好驚份保險賠唔到", "feels", "fear"},
      {"退款终于到了，松一口气", "feels", "joy"},
  });
}

// Issue 17, round 4: a bodily reaction is a feeling (hands shaking with
// anger, a heart that sank, warmed to the heart); removing an app,
// screenshotting, queueing, taking the car in are things done; a request
// written in the order notes is said. Sentences written for this test.
TEST_F(EmpathyCli, BodilyReactionsErrandsAndNotes) {
  Expect({
      {"想起那通电话手都在抖", "feels", "anger"},
      {"店員幫我把傘送回來，暖到心裡", "feels", "joy"},
      {"เห็นบิลแล้วมือสั่น", "feels", "fear"},
      {"Đọc email trả lời mà ấm ức ghê", "feels", "anger"},
      {"我直接把这个App移除了", "does"},
      {"Sáng nay mình ra ngân hàng tất toán sổ", "does"},
      {"เอารถเข้าศูนย์อีกรอบวันนี้", "does"},
      {"下单时在备注写了不要辣", "says"},
  });
}

TEST_F(EmpathyCli, TieBreaks) {
  Expect({
      {"I think I'll cancel", "thinks"},
      {"I called and was furious", "feels", "anger"},
      {"tôi đã gọi 3 lần 😡", "does"},  // an action outranks a lone emoji
      {"giao chậm quá 😡", "feels", "anger"},
      {"please change it to size M", "says"},  // a request, not an action
      {"felt like nobody reads my emails", "thinks"},  // "feel like" is cognition
      {"they cancelled my order", "says"},
  });
}

// Issue 17: the shipped quadrant models read a guess with no marker word
// and a feeling told through the body, which the cues leave as says (each
// flip fails with the models off, checked below); a named emotion and a
// marker the cues found are kept, and the model agrees. Sentences written
// for this test.
TEST_F(EmpathyCli, QuadrantModelsReadGuessesAndBodies) {
  const std::vector<Case> flips = {
      {"bet they will blame the courier again", "thinks"},
      {"ngồi chờ mà tim đập thình thịch", "feels"},
      {"等到半夜一点都没睡着", "feels"},
      {"เห็นบิลแล้วนอนไม่หลับทั้งคืน", "feels"},
      {"搞唔好又係速遞公司嘅問題", "thinks"},
  };
  const std::vector<Case> kept = {
      {"chắc lại do bên vận chuyển làm rớt", "thinks"},
      {"nhin hoa don ma run ca tay", "feels", "fear"},
      {"估计又是假货", "thinks"},
      {"my hands were shaking when I saw the bill", "feels", "fear"},
  };
  std::vector<std::string> texts;
  for (const auto& c : flips) texts.push_back(c.text);
  for (const auto& c : kept) texts.push_back(c.text);
  auto rows = Classify(texts);
  auto off = Classify(texts, kCuesOnly);
  ASSERT_EQ(rows.size(), texts.size());
  ASSERT_EQ(off.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    const Case& c = i < flips.size() ? flips[i] : kept[i - flips.size()];
    EXPECT_EQ(rows[i]["quadrant"], c.quadrant) << c.text << "\n" << rows[i].dump();
    EXPECT_NE(rows[i]["evidence"].dump().find("model:empathy("), std::string::npos) << c.text;
    EXPECT_EQ(off[i]["evidence"].dump().find("model:"), std::string::npos) << c.text;
    if (i < flips.size()) {
      EXPECT_NE(off[i]["quadrant"], c.quadrant) << c.text << " (models off)";
    } else {
      EXPECT_EQ(off[i]["quadrant"], c.quadrant) << c.text << " (models off)";
    }
    if (c.emotion != nullptr) EXPECT_EQ(rows[i]["emotion"], c.emotion) << c.text;
  }
}

TEST_F(EmpathyCli, EmotionCategories) {
  Expect({
      {"vui quá", "feels", "joy"},       {"yên tâm hẳn", "feels", "trust"},
      {"sợ lắm", "feels", "fear"},       {"bất ngờ luôn", "feels", "surprise"},
      {"buồn ghê", "feels", "sadness"},  {"kinh tởm", "feels", "disgust"},
      {"tức quá", "feels", "anger"},     {"hóng quá", "feels", "anticipation"},
      {"😭😭", "feels", "sadness"},      {"担心钱退不回来", "feels", "fear"},
  });
}

TEST_F(EmpathyCli, RecordSchema) {
  auto rows = Classify({"Giao hàng chậm. Bực mình quá! Tôi đã hủy đơn."});
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  EXPECT_EQ(r["quadrant"], "feels") << r.dump();  // one each: the tie goes to feels
  EXPECT_EQ(r["emotion"], "anger");
  EXPECT_EQ(r["quadrants"], nlohmann::json::parse(R"({"says":1,"thinks":0,"feels":1,"does":1})"));
  ASSERT_EQ(r["sentences"].size(), 3u);
  EXPECT_EQ(r["sentences"][0]["quadrant"], "says");
  EXPECT_TRUE(r["sentences"][0]["emotion"].is_null());
  EXPECT_EQ(r["sentences"][0]["item"], "statement");
  EXPECT_EQ(r["sentences"][2]["quadrant"], "does");
  EXPECT_EQ(r["sentences"][2]["item"], "cancel");
  EXPECT_EQ(r["sentences"][2]["evidence"][0], "does:hủy đơn");
}

TEST_F(EmpathyCli, BadInputNeverCrashes) {
  std::vector<std::string> texts = {"", "?!?!", std::string(20000, 'a'), "\xF0\x9F\x98\xA1", "k k k k"};
  int code = 0;
  std::string input;
  for (const auto& t : texts) input += t + "\n";
  std::string out = RunCxmap("classify --jsonl", input, &code);
  EXPECT_NE(code, 3) << out;  // 3 would mean a plugin error
  EXPECT_EQ(out.find("analysis_empathy_map"), std::string::npos) << out;
}

TEST_F(EmpathyCli, BadCueDirIsAClearError) {
  int code = 0;
  std::string out = RunCxmap("-o analysis_empathy_map.cue_dir=/nonexistent classify --jsonl", "x\n", &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_NE(out.find("/nonexistent/cues_vi.tsv: cue file missing"), std::string::npos) << out;
}

TEST_F(EmpathyCli, EvalScoresTheDevSets) {
  for (const char* lang : {"vi", "th", "zh", "en"}) {
    std::string file = std::string(kEvalDir) + "/empathy_" + lang + ".dev.tsv";
    int code = 0;
    std::string out = RunCxmap("eval --json --field empathy " + cxmap::testing::ShellQuote(file), "", &code);
    ASSERT_EQ(code, 0) << out;
    auto j = nlohmann::json::parse(out.substr(out.find('{')), nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << out;
    EXPECT_EQ(j["overall"]["n"], 92) << lang;
    EXPECT_GE(j["overall"]["accuracy"].get<double>(), 0.75) << lang << "\n" << out.substr(0, 2000);
  }
}

}  // namespace

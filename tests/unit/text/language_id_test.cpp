// SPDX-License-Identifier: Apache-2.0
#include "core/text/language_id.h"

#include <gtest/gtest.h>

#include <map>

namespace cxmap::core {
namespace {

struct Case {
  const char* text;
  const char* tag;
};

// Short customer feedback written for this project: 5 languages, no-diacritic
// Vietnamese, 1–3-word texts and mixed texts (label = dominant language).
constexpr Case kCases[] = {
    // vi with diacritics
    {"Giao hàng chậm quá", "vi"}, {"Nhân viên rất nhiệt tình", "vi"},
    {"Sản phẩm không giống mô tả", "vi"}, {"Đóng gói cẩn thận, sẽ ủng hộ tiếp", "vi"},
    {"Shop trả lời tin nhắn chậm", "vi"}, {"Hàng bị móp méo khi nhận", "vi"},
    {"Chất lượng tốt so với giá tiền", "vi"}, {"Tôi rất thất vọng", "vi"},
    {"tệ", "vi"}, {"Tuyệt vời!", "vi"}, {"Rất hài lòng", "vi"},
    // vi without diacritics
    {"giao hang cham qua", "vi"}, {"nhan vien khong nhiet tinh", "vi"},
    {"san pham dung mo ta, dong goi can than", "vi"}, {"hang toi roi nhung bi vo", "vi"},
    {"shop tu van nhiet tinh lam", "vi"}, {"khong hai long", "vi"}, {"chat luong kem", "vi"},
    {"lan sau se mua tiep", "vi"}, {"ko tot", "vi"}, {"giao nhanh", "vi"},
    // th
    {"ส่งของช้ามาก", "th"}, {"พนักงานบริการดีมาก", "th"}, {"สินค้าไม่ตรงปก", "th"},
    {"ไม่ดีเลย ผิดหวังมาก", "th"}, {"แพ็คของดี ส่งไว", "th"}, {"ดีมาก", "th"}, {"แย่", "th"},
    {"555", "und"}, {"ราคาถูกแต่คุณภาพไม่ดี", "th"}, {"คอลเซ็นเตอร์ไม่รับสาย", "th"},
    // zh-Hans
    {"物流太慢了", "zh-Hans"}, {"客服态度很好", "zh-Hans"}, {"质量不错，价格实惠", "zh-Hans"},
    {"门店服务员很热情", "zh-Hans"}, {"外卖送到的时候已经凉了", "zh-Hans"}, {"差评", "zh-Hans"},
    {"很好", "zh-Hans"}, {"发货太慢", "zh-Hans"}, {"退款一直没到账", "zh-Hans"},
    // zh-Hant
    {"門市服務很差", "zh-Hant"}, {"客服回覆很快", "zh-Hant"}, {"質量很好，價格也便宜", "zh-Hant"},
    {"送貨太慢了", "zh-Hant"}, {"出貨慢", "zh-Hant"}, {"體驗不好", "zh-Hant"},
    {"這家店的態度讓人失望", "zh-Hant"}, {"退款還沒入帳", "zh-Hant"}, {"應用程式一直閃退", "zh-Hant"},
    // en
    {"The delivery was late", "en"}, {"Staff were very friendly", "en"},
    {"Terrible customer service", "en"}, {"Great product, fast shipping", "en"},
    {"The app keeps crashing after the update", "en"}, {"good", "en"}, {"ok shop", "en"},
    {"Refund please", "en"}, {"not worth the money", "en"}, {"Love it!", "en"},
    // mixed
    {"Good product but ส่งช้ามาก", "th"}, {"物流太慢了，very bad", "zh-Hans"},
    {"shop giao hàng nhanh, good", "vi"}, {"The staff at Hà Nội store were rude, không chuyên nghiệp", "vi"},
    {"App bị lỗi hoài, very annoying", "vi"}, {"質量很好 👍", "zh-Hant"},
    {"L'Oréal Paris ค่ะ", "th"}, {"iPhone ดีมาก", "th"}, {"Samsung Galaxy 客服很差", "zh-Hans"},
    {"Shopee giao hang cham", "vi"}, {"Crème brûlée was great", "en"},
    {"sản phẩm ok 👍", "vi"}, {"客服 nice", "zh-Hans"}, {"giao hang cham 😡", "vi"},
    // other / nothing to go on
    {"", "und"}, {"👍👍", "und"}, {"12345", "und"}, {"Отличный сервис", "und"},
    {"配達が遅いです", "und"}, {"배송이 느려요", "und"},
};

TEST(DetectLanguage, ShortFeedbackTable) {
  std::map<std::string, std::pair<int, int>> per_tag;  // correct, total
  int correct = 0;
  for (const Case& c : kCases) {
    LanguageResult r = DetectLanguage(c.text);
    bool ok = r.tag == c.tag;
    correct += ok;
    per_tag[c.tag].first += ok;
    per_tag[c.tag].second += 1;
    if (!ok) std::printf("  miss: %s -> %s (want %s)\n", c.text, r.tag.c_str(), c.tag);
  }
  int total = static_cast<int>(std::size(kCases));
  for (const auto& [tag, counts] : per_tag) {
    std::printf("  %-8s %d/%d\n", tag.c_str(), counts.first, counts.second);
  }
  std::printf("  language-ID accuracy: %d/%d\n", correct, total);
  EXPECT_GE(total, 60);
  // Measured: 72/74 on the first run (before any tuning on this table),
  // 73/74 after weighting Thai code points 0.35 (a Thai word is ~3 of them).
  // The known miss: 客服回覆很快 has no Traditional-only character (覆 is in
  // both scripts), so it reads as zh-Hans. Five cases added with the
  // half weight of unknown Latin words (brand names in a Thai or Chinese
  // sentence, "L'Oréal Paris ค่ะ" read as vi before): 78/79.
  EXPECT_GE(correct, 78);
}

// Issue 17, round 2: Vietnamese typed without marks whose words are mostly
// outside the word lists still reads vi, because each word can be one
// Vietnamese syllable ("doi", "tuan", "xuong", "nghieng"); English texts
// whose unknown words cannot ("thing", "stuff", "night") stay en. Written
// for this test.
TEST(DetectLanguage, VietnameseWithoutMarksBeyondTheWordLists) {
  const Case cases[] = {
      {"doi 3 tuan moi toi noi", "vi"},
      {"nuoc mam thom, chai dong kin", "vi"},
      {"ve xe bi huy phut chot", "vi"},
      {"phong tam am uot, rem cua rach", "vi"},
      {"tiem nay nuong thit ngot nuoc", "vi"},
      {"xin hoa don do giup em", "vi"},
      {"Mong bao ngay ship", "vi"},
      {"Placed the order last night and paid by bank transfer", "en"},
      {"The blender has been leaking since the second week", "en"},
      {"Got my stuff, nothing broken", "en"},
      {"Ship it by Monday please", "en"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DetectLanguage(c.text).tag, c.tag) << c.text;
  }
}

TEST(DetectLanguage, SplitsScriptRunsOfMixedText) {
  std::string text = "Good product but ส่งช้ามาก";
  LanguageResult r = DetectLanguage(text);
  ASSERT_EQ(r.runs.size(), 2u);
  EXPECT_EQ(r.runs[0].tag, "en");
  EXPECT_EQ(r.runs[1].tag, "th");
  EXPECT_EQ(text.substr(r.runs[1].begin, r.runs[1].end - r.runs[1].begin), "ส่งช้ามาก");
  EXPECT_EQ(r.runs[1].end, text.size());
}

TEST(DetectLanguage, EmptyTextIsUndWithoutRuns) {
  LanguageResult r = DetectLanguage("");
  EXPECT_EQ(r.tag, "und");
  EXPECT_TRUE(r.runs.empty());
}

}  // namespace
}  // namespace cxmap::core

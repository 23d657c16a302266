// SPDX-License-Identifier: Apache-2.0
#include "pii_scanner.h"

#include <gtest/gtest.h>

#include <string>

namespace cxmap_samples {
namespace {

std::vector<PiiMatch> Scan(std::string_view text, std::string_view lang = {}) {
  ScanOptions o;
  o.language_hint = lang;
  return ScanPii(text, o);
}

TEST(ScanPii, FindsAVietnameseMobileTypedWithoutDiacritics) {
  std::string_view text = "shipper goi nham so, so cua em la 0912 345 678 nhe";
  auto m = Scan(text, "vi");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, PiiKind::kPhone);
  EXPECT_EQ(m[0].region, "vn");
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "0912 345 678");
  EXPECT_EQ(m[0].masked, "09** *** *78");
}

TEST(ScanPii, FindsPlus84AndKeepsOnlyTheCountryCode) {
  auto m = Scan("Liên hệ lại giúp mình qua số +84 903 123 456, cảm ơn shop!");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].region, "vn");
  EXPECT_EQ(m[0].masked, "+84 *** *** *56");
}

TEST(ScanPii, FindsAThaiNumberGluedToThaiText) {
  auto m = Scan("ฝากเบอร์ไว้081-234-5678ก็ไม่มีใครโทรกลับ", "th");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].region, "th");
  EXPECT_EQ(m[0].masked, "08*-***-**78");
  auto intl = Scan("โทร +66 81 234 5678 ได้ตลอด");
  ASSERT_EQ(intl.size(), 1u);
  EXPECT_EQ(intl[0].region, "th");
}

TEST(ScanPii, AmbiguousLocalMobileWithoutHintSaysSo) {
  auto m = Scan("call me at 0912 345 678");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].region, "vn|th");
}

TEST(ScanPii, FindsChineseMobilesWithAndWithoutPlus86) {
  auto m = Scan("快递员打错了电话，我的手机是13812345678，麻烦备注。另一个：+86 139 1234 5678");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].region, "cn");
  EXPECT_EQ(m[0].masked, "13*******78");
  EXPECT_EQ(m[1].region, "cn");
  EXPECT_EQ(m[1].masked, "+86 *** **** **78");
}

TEST(ScanPii, FindsEmailsAndMasksThem) {
  std::string_view text = "請寄發票到 chen.mei-ling@example.com.tw。謝謝";
  auto m = Scan(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, PiiKind::kEmail);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "chen.mei-ling@example.com.tw");
  EXPECT_EQ(m[0].masked, "c***@e***.tw");
  EXPECT_TRUE(Scan("rate us @shop or user@localhost").empty());
}

TEST(ScanPii, FindsCardsOnlyWhenLuhnPasses) {
  auto m = Scan("I paid with 4111 1111 1111 1111 and was charged twice");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, PiiKind::kCard);
  EXPECT_EQ(m[0].masked, "**** **** **** 1111");
  EXPECT_TRUE(Scan("tracking SPXVN 4111 1111 1111 1112 still pending").empty());
  ScanOptions no_cards;
  no_cards.cards = false;
  EXPECT_TRUE(ScanPii("4111-1111-1111-1111", no_cards).empty());
}

TEST(ScanPii, IgnoresOrderCodesPricesAndDates) {
  EXPECT_TRUE(Scan("Đơn DH0912345678 giao ngày 2024-05-12, tổng 1.250.000đ").empty());
  EXPECT_TRUE(Scan("退款 ¥2,399 已到账，订单号 20240512").empty());
  EXPECT_TRUE(Scan("รอ 3 วัน ได้ของ 2 ชิ้น").empty());
}

TEST(ScanPii, KeepsThePhoneWhenANumberFollows) {
  auto m = Scan("goi 0912 345 678 2 lan khong ai nghe", "vi");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].masked, "09** *** *78");
}

TEST(MaskText, ReplacesEveryFindingAndNothingElse) {
  std::string_view text = "Email a.nguyen@gmail.com hoặc gọi 0987654321.";
  auto m = Scan(text, "vi");
  ASSERT_EQ(m.size(), 2u);
  std::string masked = MaskText(text, m);
  EXPECT_EQ(masked, "Email a***@g***.com hoặc gọi 09******21.");
  EXPECT_EQ(masked.find("nguyen"), std::string::npos);
}

TEST(LuhnValid, KnownNumbers) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("79927398713"));
  EXPECT_FALSE(LuhnValid("79927398710"));
  EXPECT_FALSE(LuhnValid(""));
}

}  // namespace
}  // namespace cxmap_samples

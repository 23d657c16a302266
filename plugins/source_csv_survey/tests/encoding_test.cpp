// SPDX-License-Identifier: Apache-2.0
#include "encoding.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "unicode_text.h"

namespace cxmap::csv {
namespace {

const std::string kVi = "Giao hàng chậm quá, nhân viên không nhiệt tình. Được cái giá rẻ.";
const std::string kTh = "ส่งของช้ามาก พนักงานไม่ค่อยสุภาพ แต่ราคาถูกดี";
const std::string kZhHans = "发货太慢了，客服态度不好，但是价格便宜。";
const std::string kZhHant = "發貨太慢了，客服態度不好，但是價格便宜。";

/// Vietnamese as windows-1258 stores it: letters with circumflex, breve or
/// horn precomposed, the five tone marks as separate combining characters.
std::string ToWindows1258Form(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString d = nfd->normalize(icu::UnicodeString::fromUTF8(utf8), err);
  icu::UnicodeString base, tones, out;
  auto flush = [&] {
    out += nfc->normalize(base, err);
    out += tones;
    base.remove();
    tones.remove();
  };
  for (int32_t i = 0; i < d.length(); ++i) {
    char16_t c = d.charAt(i);
    bool tone = c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
    bool mark = c >= 0x300 && c <= 0x36F;
    if (!mark) flush();
    (tone ? tones : base).append(c);
  }
  flush();
  std::string result;
  out.toUTF8String(result);
  return result;
}

/// `utf8` converted to `encoding` with ICU (the way the tests write files).
std::string Encode(const std::string& text, const char* encoding) {
  std::string utf8 = std::string(encoding) == "windows-1258" ? ToWindows1258Form(text) : text;
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << encoding << ": " << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  EXPECT_EQ(out.find('\x1A'), std::string::npos) << encoding << " could not encode " << text;
  return out;
}

std::string Csv(const std::string& comment) {
  return "id,comment,nps\n1,\"" + comment + "\",9\n2," + comment + ",7\n3,\"" + comment + " " +
         comment + "\",10\n";
}

std::string DecodeAll(std::string_view bytes, const EncodingGuess& g) {
  auto d = Utf8Decoder::Create(g.name);
  EXPECT_TRUE(d.ok());
  std::string out;
  // Feed in odd-sized pieces so characters are cut between calls.
  std::string_view rest = bytes.substr(g.bom_length);
  while (!rest.empty()) {
    size_t n = std::min<size_t>(rest.size(), 5);
    out += std::string((*d)->Decode(rest.substr(0, n), n == rest.size()).value());
    rest.remove_prefix(n);
  }
  std::string nfc;
  EXPECT_TRUE(CleanText(out, &nfc).ok());
  return nfc;
}

struct Case {
  const std::string* text;
  const char* encoding;  // for ICU
  const char* expected;  // what detection must say
  std::string bom;
};

TEST(Encoding, DetectsAndRoundTripsEveryLegacyAndUnicodeEncoding) {
  const Case cases[] = {
      {&kVi, "UTF-8", "UTF-8", ""},           {&kTh, "UTF-8", "UTF-8", "\xEF\xBB\xBF"},
      {&kZhHans, "UTF-16LE", "UTF-16LE", "\xFF\xFE"}, {&kZhHant, "UTF-16BE", "UTF-16BE", "\xFE\xFF"},
      {&kVi, "UTF-16LE", "UTF-16LE", ""},     {&kVi, "windows-1258", "windows-1258", ""},
      {&kTh, "TIS-620", "windows-874", ""},   {&kTh, "windows-874", "windows-874", ""},
      {&kZhHans, "GB18030", "GB18030", ""},   {&kZhHans, "GBK", "GB18030", ""},
      {&kZhHant, "Big5", "Big5", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.encoding) + " of " + c.text->substr(0, 12));
    std::string bytes = c.bom + Encode(Csv(*c.text), c.encoding);
    EncodingGuess g = DetectEncoding(bytes, true);
    EXPECT_EQ(g.name, c.expected) << g.reason;
    EXPECT_EQ(g.bom_length, c.bom.size());
    EXPECT_EQ(DecodeAll(bytes, g), Csv(*c.text));
  }
}

TEST(Encoding, Windows1258OutputIsComposedAfterCleanText) {
  // ICU's windows-1258 decoder leaves tone marks combining (NFD).
  std::string bytes = Encode("chậm", "windows-1258");
  auto d = Utf8Decoder::Create("windows-1258");
  std::string raw((*d)->Decode(bytes, true).value());
  EXPECT_NE(raw, "chậm");
  std::string nfc;
  ASSERT_TRUE(CleanText(raw, &nfc).ok());
  EXPECT_EQ(nfc, "chậm");
}

TEST(Encoding, AsciiIsUtf8AndUnknownNameIsInvalidArgument) {
  EXPECT_EQ(DetectEncoding("a,b\n1,2\n", true).name, "UTF-8");
  auto bad = ValidateEncodingName("klingon-8");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(Utf8Decoder::Create("klingon-8").ok());
}

TEST(Encoding, Utf8ValidationIsStrict) {
  EXPECT_TRUE(IsValidUtf8("ascii ✓ 中文", false));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF", false));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", false));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8", false));          // cut
  EXPECT_TRUE(IsValidUtf8("ok \xE4\xB8", true));         // cut at a sample's end
}

TEST(Encoding, CleanTextRepairsIllFormedUtf8) {
  std::string out;
  ASSERT_TRUE(CleanText("bad \xFF byte", &out).ok());
  EXPECT_EQ(out, "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace cxmap::csv

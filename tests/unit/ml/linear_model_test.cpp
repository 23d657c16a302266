// SPDX-License-Identifier: Apache-2.0
// The linear model format (sdk/include/cxmap/linear_model.h, written by
// core/ml/linear_model_writer): terms, tf-idf features, parsing of
// damaged files, and the byte-exact round trip.
#include "cxmap/linear_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/ml/linear_model_writer.h"
#include "core/ml/tokenizer.h"
#include "core/util/files.h"

namespace cxmap::core::ml {
namespace {

std::vector<std::string> Terms(std::string_view tokens, uint32_t max_ngram) {
  std::vector<std::string> out;
  ForEachLinearTerm(tokens, max_ngram, 0, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

bool Has(const std::vector<std::string>& terms, const std::string& t) {
  return std::find(terms.begin(), terms.end(), t) != terms.end();
}

// A small model by hand: labels neg/pos, terms sorted.
LinearModelData SmallData() {
  LinearModelData d;
  d.labels = {"negative", "positive"};
  d.terms = {"bad", "good", "not", "not good", "service"};
  d.idf = {1.5f, 1.5f, 1.2f, 2.0f, 1.0f};
  d.bias = {-0.1f, -0.2f};
  d.ratio = {1.f, 0.5f, 1.f, 2.f, 1.f, /*pos*/ 0.5f, 1.f, 1.f, 0.5f, 1.f};
  d.weight = {2.f, -1.f, 0.5f, 2.f, 0.f, /*pos*/ -2.f, 2.f, -0.5f, -2.f, 0.f};
  return d;
}

TEST(LinearModelTerms, UnigramsAndNeighbouringPairs) {
  EXPECT_EQ(Terms("a b  c", 2), (std::vector<std::string>{"a", "b", "a b", "c", "b c"}));
  EXPECT_EQ(Terms(" a b ", 1), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(Terms("", 2).empty());
}

TEST(LinearModelTerms, RealSentencesInFourLanguages) {
  // Thai without spaces is segmented into words; pairs span word borders.
  auto th = Terms(DefaultTokenize("อาหารอร่อยมาก"), 2);
  EXPECT_TRUE(Has(th, "อาหาร")) << DefaultTokenize("อาหารอร่อยมาก");
  EXPECT_TRUE(Has(th, "อาหาร อร่อย")) << DefaultTokenize("อาหารอร่อยมาก");
  // Vietnamese: folded syllables first, then (diacritics typed) as written.
  auto vi = Terms(DefaultTokenize("giao hàng chậm quá"), 2);
  EXPECT_TRUE(Has(vi, "cham qua"));
  EXPECT_TRUE(Has(vi, "chậm quá"));
  // Chinese: jieba words, Traditional folded to Simplified.
  auto zh = Terms(DefaultTokenize("客服態度很好"), 2);
  EXPECT_TRUE(Has(zh, "客服"));
  EXPECT_TRUE(Has(zh, "态度"));
  auto en = Terms(DefaultTokenize("The delivery was NOT good :("), 2);
  EXPECT_TRUE(Has(en, "not good"));
  EXPECT_TRUE(Has(en, ":("));
}

TEST(LinearModelTerms, CharacterNgramsByCodePointStartWithASpace) {
  std::vector<std::string> out;
  ForEachLinearTerm("ok", 2, kLinearCharNgrams, [&](std::string_view t) { out.emplace_back(t); });
  // "<ok>": 3-grams "<ok", "ok>", the 4-gram "<ok>", no 5-gram.
  EXPECT_EQ(out, (std::vector<std::string>{"ok", " <ok", " ok>", " <ok>"}));
  out.clear();
  // Multi-byte letters are whole code points, never split bytes.
  ForEachLinearTerm("chậm", 1, kLinearCharNgrams, [&](std::string_view t) { out.emplace_back(t); });
  EXPECT_TRUE(Has(out, " ậm>"));
  EXPECT_TRUE(Has(out, " <chậm"));  // 5 code points; "<chậm>" (6) is too long
  EXPECT_FALSE(Has(out, " <chậm>"));
  out.clear();
  ForEachLinearTerm("ดีมาก 好", 2, kLinearCharNgrams, [&](std::string_view t) { out.emplace_back(t); });
  EXPECT_TRUE(Has(out, " <ดี"));
  EXPECT_TRUE(Has(out, " <好>"));
  EXPECT_TRUE(Has(out, "ดีมาก 好"));
  for (const std::string& t : out) EXPECT_EQ(IsLinearCharTerm(t), t[0] == ' ') << t;
}

TEST(LinearModelFeatures, CharacterAndWordPartsAreNormalisedApart) {
  LinearModelData d = SmallData();
  // Character terms sort first (they start with a space).
  d.terms = {" <go", " goo", "bad", "good", "not", "not good", "service"};
  d.idf = {1.f, 1.f, 1.5f, 1.5f, 1.2f, 2.0f, 1.0f};
  d.flags = kLinearSublinearTf | kLinearCharNgrams;
  d.ratio.assign(14, 1.f);
  d.weight.assign(14, 0.f);
  auto m = LinearModel::FromData(std::move(d), "chars");
  ASSERT_TRUE(m.ok()) << m.status().message();
  auto row = m->Features("good service");
  ASSERT_EQ(row.size(), 4u);  // " <go", " goo", good, service
  double chars = 0, words = 0;
  for (auto f : row) (f.index < 2 ? chars : words) += f.value * f.value;
  EXPECT_NEAR(chars, 1.0, 1e-6);
  EXPECT_NEAR(words, 1.0, 1e-6);
}

TEST(LinearModelFeatures, SublinearTfIdfIsUnitLength) {
  auto m = LinearModel::FromData(SmallData(), "small");
  ASSERT_TRUE(m.ok()) << m.status().message();
  size_t known = 0;
  auto row = m->Features("not good not good service unknown");
  ASSERT_EQ(row.size(), 4u);  // good, not, "not good", service; "unknown" is not a term
  double norm = 0;
  for (auto f : row) norm += f.value * f.value;
  EXPECT_NEAR(norm, 1.0, 1e-6);
  // Sorted by term: good, not, "not good", service. "good" twice:
  // (1 + ln 2) * 1.5; "service" once: 1 * 1.0.
  EXPECT_NEAR(row[0].value / row[3].value, (1 + std::log(2.0)) * 1.5, 1e-5);
  auto p = m->Probabilities("not good", &known);
  EXPECT_EQ(known, 3u);
  EXPECT_NEAR(p[0] + p[1], 1.0, 1e-12);
  EXPECT_GT(p[0], p[1]) << "\"not good\" weighs negative";
  EXPECT_GT(m->Probabilities("good service")[1], 0.5);
  m->Probabilities("zzz", &known);
  EXPECT_EQ(known, 0u);
}

TEST(LinearModelFormat, RoundTripIsByteIdentical) {
  std::string bytes = SerializeLinearModel(SmallData());
  ASSERT_TRUE(bytes.starts_with("CXLINMOD"));
  auto d = ParseLinearModel(bytes, "mem");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->terms, SmallData().terms);
  EXPECT_EQ(d->weight, SmallData().weight);
  EXPECT_EQ(SerializeLinearModel(*d), bytes);

  auto path = std::filesystem::path(testing::TempDir()) / ("lin_" + std::to_string(getpid()) + ".bin");
  ASSERT_TRUE(WriteFileAtomically(path.string(), bytes).ok());
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
  auto loaded = LinearModel::Load(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(SerializeLinearModel(loaded->data()), bytes);
  std::filesystem::remove(path);
}

TEST(LinearModelFormat, EveryTruncationIsANamedCorruption) {
  std::string bytes = SerializeLinearModel(SmallData());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto d = ParseLinearModel(std::string_view(bytes).substr(0, n), "cut.bin");
    ASSERT_FALSE(d.ok()) << "prefix of " << n << " bytes parsed";
    EXPECT_EQ(d.status().code(), Code::kCorruption) << n;
    EXPECT_NE(d.status().message().find("cut.bin"), std::string::npos) << d.status().message();
  }
  auto longer = ParseLinearModel(bytes + "x", "long.bin");
  ASSERT_FALSE(longer.ok());
  EXPECT_NE(longer.status().message().find("are left"), std::string::npos) << longer.status().message();
}

// Overwrites the u32 at `offset` (little-endian).
std::string WithU32(std::string bytes, size_t offset, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return bytes;
}

std::string Why(const std::string& bytes) {
  auto d = ParseLinearModel(bytes, "bad.bin");
  return d.ok() ? "parsed" : d.status().ToString();
}

TEST(LinearModelFormat, DamagedFieldsAreNamed) {
  const std::string good = SerializeLinearModel(SmallData());
  std::string magic = good;
  magic[0] = 'X';
  EXPECT_NE(Why(magic).find("no CXLINMOD magic"), std::string::npos);
  auto v2 = ParseLinearModel(WithU32(good, 8, 2), "v2.bin");
  EXPECT_EQ(v2.status().code(), Code::kNotSupported);
  EXPECT_NE(v2.status().message().find("version 2"), std::string::npos);
  EXPECT_NE(Why(WithU32(good, 12, 3)).find("max n-gram"), std::string::npos);
  EXPECT_NE(Why(WithU32(good, 16, 64)).find("unknown flags"), std::string::npos);
  EXPECT_NE(Why(WithU32(good, 20, 0xFFFFFFFF)).find("label count"), std::string::npos);
  EXPECT_NE(Why(WithU32(good, 20, 1)).find("fewer than two labels"), std::string::npos);
  // The first label's length runs past the end.
  EXPECT_NE(Why(WithU32(good, 24, 1u << 30)).find("runs past the end"), std::string::npos);
  // "bad" -> "zad": the terms are no longer ascending.
  std::string order = good;
  order.replace(order.find("bad"), 3, "zad");
  EXPECT_NE(Why(order).find("ascending"), std::string::npos);
  // The last weight becomes NaN.
  std::string nan = good;
  uint32_t bits = 0x7FC00000;
  std::memcpy(&nan[nan.size() - 4], &bits, 4);
  EXPECT_NE(Why(nan).find("weight is not a finite number"), std::string::npos) << Why(nan);
  EXPECT_NE(Why(nan).find("at byte " + std::to_string(nan.size() - 4)), std::string::npos) << Why(nan);
}

TEST(LinearModelFormat, LoadNamesAMissingFile) {
  auto m = LinearModel::Load("/nonexistent/model.bin");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Code::kNotFound);
  EXPECT_NE(m.status().message().find("/nonexistent/model.bin"), std::string::npos);
}

TEST(LinearModelFormat, InconsistentDataIsRefused) {
  LinearModelData d = SmallData();
  d.weight.pop_back();
  EXPECT_EQ(LinearModel::FromData(d, "x").status().code(), Code::kCorruption);
}

}  // namespace
}  // namespace cxmap::core::ml

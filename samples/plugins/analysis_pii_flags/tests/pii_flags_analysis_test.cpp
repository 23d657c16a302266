// SPDX-License-Identifier: Apache-2.0
#include "pii_flags_analysis.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cxmap_samples {
namespace {

struct Emitted {
  int64_t integer = 0;
  std::string text;
  std::vector<std::string> evidence;
};
using Results = std::map<std::pair<uint32_t, std::string>, Emitted>;

const Emitted& At(const Results& r, uint32_t record, const std::string& field) {
  static const Emitted kMissing{-1, "<missing>", {}};
  auto it = r.find({record, field});
  return it == r.end() ? kMissing : it->second;
}

bool Has(const Results& r, uint32_t record, const std::string& field) {
  return r.count({record, field}) > 0;
}

int32_t Collect(void* ctx, const cxmap_result* r) {
  Emitted e{r->integer_value, std::string(cxmap::FromC(r->text_value)), {}};
  for (size_t i = 0; i < r->evidence_count; ++i) e.evidence.emplace_back(cxmap::FromC(r->evidence[i]));
  (*static_cast<Results*>(ctx))[{r->record_index, std::string(cxmap::FromC(r->field))}] = e;
  return CXMAP_OK;
}

Results AnalyzeTexts(const std::vector<std::pair<std::string, std::string>>& texts,
            cxmap::OptionValues options = {}) {
  std::vector<cxmap_record> records;
  for (const auto& [lang, text] : texts) {
    cxmap_record r{};
    r.struct_size = sizeof(r);
    r.language = cxmap::ToC(lang);
    r.text = cxmap::ToC(text);
    records.push_back(r);
  }
  Results results;
  cxmap_result_sink raw{sizeof(cxmap_result_sink), &results, &Collect};
  cxmap::ResultWriter writer(&raw);
  auto analysis = PiiFlagsAnalysis::Create(cxmap::Host(nullptr), options);
  EXPECT_TRUE(analysis.ok());
  EXPECT_TRUE(analysis.value()->Analyze(cxmap::RecordBatch(records.data(), records.size()), writer).ok());
  return results;
}

TEST(PiiFlagsAnalysis, FlagsPersonalDataInEveryLanguage) {
  Results r = AnalyzeTexts({{"vi", "giao hang cham qua, goi 0912 345 678 ko ai nghe"},
                   {"th", "ส่งเร็ว แพ็คดี ประทับใจ"},
                   {"zh-Hans", "发票请发到 li.wei@example.cn，电话 13812345678"},
                   {"en", "Great app, no complaints"}});
  EXPECT_EQ(At(r, 0, "has_pii").integer, 1);
  EXPECT_EQ(At(r, 0, "pii_kinds").text, R"(["phone"])");
  ASSERT_EQ(At(r, 0, "has_pii").evidence.size(), 1u);
  EXPECT_EQ(At(r, 0, "has_pii").evidence[0], "phone(vn):09** *** *78");
  EXPECT_EQ(At(r, 0, "masked_text").text, "giao hang cham qua, goi 09** *** *78 ko ai nghe");

  EXPECT_EQ(At(r, 1, "has_pii").integer, 0);
  EXPECT_EQ(At(r, 1, "pii_kinds").text, "[]");
  EXPECT_FALSE(Has(r, 1, "masked_text")) << "no masked_text without findings";

  EXPECT_EQ(At(r, 2, "pii_kinds").text, R"(["email","phone"])");
  EXPECT_EQ(At(r, 2, "pii_count").integer, 2);
  EXPECT_EQ(At(r, 3, "has_pii").integer, 0);
}

TEST(PiiFlagsAnalysis, EvidenceNeverHoldsTheRawValue) {
  Results r = AnalyzeTexts({{"en", "card 4111 1111 1111 1111, mail john.smith@example.org"}});
  for (const std::string& e : At(r, 0, "has_pii").evidence) {
    EXPECT_EQ(e.find("4111 1111 1111 1111"), std::string::npos) << e;
    EXPECT_EQ(e.find("john.smith"), std::string::npos) << e;
  }
  EXPECT_EQ(At(r, 0, "masked_text").text, "card **** **** **** 1111, mail j***@e***.org");
}

TEST(PiiFlagsAnalysis, OptionsTurnChecksOff) {
  cxmap_kv kv[] = {{cxmap::ToC("check_cards"), cxmap::ToC("false")},
                   {cxmap::ToC("emit_masked_text"), cxmap::ToC("false")}};
  Results r = AnalyzeTexts({{"en", "4111 1111 1111 1111"}}, cxmap::OptionValues(kv, 2));
  EXPECT_EQ(At(r, 0, "has_pii").integer, 0);
  Results p = AnalyzeTexts({{"th", "โทร 02-123-4567"}}, cxmap::OptionValues(kv, 2));
  EXPECT_EQ(At(p, 0, "has_pii").integer, 1);
  EXPECT_FALSE(Has(p, 0, "masked_text"));
}

}  // namespace
}  // namespace cxmap_samples

// SPDX-License-Identifier: Apache-2.0
#include "core/report/result_json.h"

#include <gtest/gtest.h>

#include "cxmap/analysis_plugin.h"

namespace cxmap::core {
namespace {

ResultRow Row(std::string field, int32_t sentence, Value v, std::vector<std::string> ev,
              std::string sentence_text = "") {
  ResultRow r;
  r.field = std::move(field);
  r.sentence = sentence;
  r.sentence_text = std::move(sentence_text);
  r.type = v.type;
  r.integer = v.integer;
  r.real = v.real;
  r.text = v.text;
  r.evidence = std::move(ev);
  return r;
}

TEST(PluginKey, StripsKindPrefix) {
  EXPECT_EQ(PluginKey("analysis_sentiment"), "sentiment");
  EXPECT_EQ(PluginKey("source_csv_survey"), "csv_survey");
  EXPECT_EQ(PluginKey("custom"), "custom");
}

TEST(ComposePluginResult, RecordAndSentenceLevels) {
  std::vector<ResultRow> rows = {
      Row("label", -1, Value::String("negative"), {"cue:chậm", "negation:không"}),
      Row("score", -1, Value::Real(-0.5), {"cue:chậm"}),
      Row("label", 1, Value::String("negative"), {"cue:chậm"}, "Giao hàng chậm."),
      Row("label", 0, Value::String("neutral"), {}, "Tôi đặt hôm qua."),
      Row("flags", -1, Value::Json(R"(["a",1])"), {}),
  };
  std::vector<const ResultRow*> ptrs;
  for (const auto& r : rows) ptrs.push_back(&r);
  nlohmann::ordered_json j = ComposePluginResult(ptrs);
  EXPECT_EQ(j["label"], "negative");
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), -0.5);
  EXPECT_EQ(j["evidence"], nlohmann::ordered_json({"cue:chậm", "negation:không"}));  // union, no repeats
  EXPECT_EQ(j["flags"], nlohmann::ordered_json::parse(R"(["a",1])"));
  ASSERT_EQ(j["sentences"].size(), 2u);
  EXPECT_EQ(j["sentences"][0]["text"], "Tôi đặt hôm qua.");  // ordered by sentence index
  EXPECT_EQ(j["sentences"][1]["label"], "negative");
  EXPECT_EQ(j["sentences"][1]["evidence"], nlohmann::ordered_json({"cue:chậm"}));
}

TEST(ComposePluginResult, NoSentencesKeyWhenNoneEmitted) {
  ResultRow r = Row("n", -1, Value::Integer(3), {});
  nlohmann::ordered_json j = ComposePluginResult({&r});
  EXPECT_EQ(j["n"], 3);
  EXPECT_FALSE(j.contains("sentences"));
  EXPECT_TRUE(j["evidence"].empty());
}

TEST(DumpJson, ReplacesInvalidUtf8InsteadOfThrowing) {
  nlohmann::ordered_json j = std::string("ok \xff\xfe end");
  EXPECT_NO_THROW({
    std::string s = DumpJson(j);
    EXPECT_NE(s.find("ok"), std::string::npos);
  });
}

}  // namespace
}  // namespace cxmap::core

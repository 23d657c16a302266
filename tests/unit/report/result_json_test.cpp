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
  nlohmann::ordered_json j = ComposePluginResult(ptrs, "Tôi đặt hôm qua. Giao hàng chậm.");
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
  nlohmann::ordered_json j = ComposePluginResult({&r}, "");
  EXPECT_EQ(j["n"], 3);
  EXPECT_FALSE(j.contains("sentences"));
  EXPECT_TRUE(j["evidence"].empty());
  EXPECT_TRUE(j["spans"].is_array() && j["spans"].empty());
}

TEST(ComposePluginResult, SpansQuoteTheRecordTextOnceEach) {
  const std::string text = "Tôi đặt hôm qua. Giao hàng chậm, rất chậm.";
  const std::string slow = "chậm", very = "rất";  // 6 and 5 bytes
  const size_t first = text.find(slow), second = text.rfind(slow), n = slow.size();
  ResultRow label = Row("label", -1, Value::String("negative"), {"intensifier:rất", "cue:chậm"});
  label.spans = {{text.find(very), text.find(very) + very.size(), 0}, {first, first + n, 1}, {second, second + n, 1}};
  ResultRow sentence = Row("label", 1, Value::String("negative"), {"cue:chậm"}, "Giao hàng chậm, rất chậm.");
  sentence.spans = {{first, first + n, 0}, {first, first + n, 0}};  // repeated: shown once
  ResultRow broken = Row("other", -1, Value::Null(), {"cue:x"});
  broken.spans = {{0, text.size() + 1, 0}, {0, 3, 7}};  // out of the text, past the evidence
  nlohmann::ordered_json j = ComposePluginResult({&label, &sentence, &broken}, text);
  ASSERT_EQ(j["spans"].size(), 3u);
  EXPECT_EQ(j["spans"][0]["text"], "rất");
  EXPECT_EQ(j["spans"][1]["begin"], first);
  EXPECT_EQ(j["spans"][1]["end"], first + n);
  EXPECT_EQ(j["spans"][1]["text"], "chậm");
  EXPECT_EQ(j["spans"][1]["evidence"], "cue:chậm");
  EXPECT_EQ(j["spans"][2]["begin"], second);
  ASSERT_EQ(j["sentences"][0]["spans"].size(), 1u);
  EXPECT_EQ(j["sentences"][0]["spans"][0]["text"], "chậm");
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

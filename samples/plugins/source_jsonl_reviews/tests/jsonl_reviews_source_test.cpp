// SPDX-License-Identifier: Apache-2.0
#include "jsonl_reviews_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cxmap_samples {
namespace {

// A host-side sink that copies what the source emits, as the real host does.
struct Collected {
  std::vector<std::string> texts;
  std::vector<uint64_t> lines;
  std::vector<std::string> reject_reasons;
  std::vector<uint64_t> reject_lines;
  std::vector<std::string> reject_excerpts;
};

int32_t EmitInto(void* ctx, const cxmap_record* r) {
  auto* c = static_cast<Collected*>(ctx);
  c->texts.emplace_back(cxmap::FromC(r->text));
  c->lines.push_back(r->line);
  return CXMAP_OK;
}

void RejectInto(void* ctx, const cxmap_reject* r) {
  auto* c = static_cast<Collected*>(ctx);
  c->reject_reasons.emplace_back(cxmap::FromC(r->reason));
  c->reject_lines.push_back(r->line);
  c->reject_excerpts.emplace_back(cxmap::FromC(r->excerpt));
}

Collected ReadAll(const std::string& path, size_t batch_hint = 2) {
  Collected c;
  cxmap_record_sink raw{sizeof(cxmap_record_sink), &c, batch_hint, &EmitInto, &RejectInto, nullptr};
  auto source = JsonlReviewsSource::Create(cxmap::Host(nullptr), cxmap::OptionValues());
  EXPECT_TRUE(source.ok());
  EXPECT_TRUE(source.value()->Open(path).ok());
  cxmap::RecordSink sink(&raw);
  bool at_end = false;
  for (int guard = 0; !at_end && guard < 1000; ++guard) {
    EXPECT_TRUE(source.value()->NextBatch(sink, at_end).ok());
  }
  return c;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(JsonlReviewsSource, ReadsTheExampleAndRejectsItsBrokenLine) {
  Collected c = ReadAll(std::string(PLUGIN_SOURCE_DIR) + "/example.jsonl");
  EXPECT_EQ(c.texts.size(), 11u);
  ASSERT_EQ(c.reject_lines.size(), 1u);
  EXPECT_EQ(c.reject_lines[0], 10u);
  EXPECT_NE(c.reject_reasons[0].find("not valid JSON"), std::string::npos);
  EXPECT_EQ(c.reject_excerpts[0].substr(0, 15), R"({"id":"r-1010",)");
  EXPECT_EQ(c.lines.back(), 12u);
}

TEST(JsonlReviewsSource, SkipsBlankLinesAndHandlesBomAndCrlf) {
  std::string path = WriteTemp("cxmap_jsonl_crlf.jsonl",
                               "\xEF\xBB\xBF{\"body\":\"Shipper thân thiện\"}\r\n\r\n"
                               "{\"body\":\"ส่งไวมาก\"}\r\n");
  Collected c = ReadAll(path);
  ASSERT_EQ(c.texts.size(), 2u);
  EXPECT_EQ(c.texts[0], "Shipper thân thiện");
  EXPECT_EQ(c.lines[1], 3u);
  EXPECT_TRUE(c.reject_lines.empty());
  std::filesystem::remove(path);
}

TEST(JsonlReviewsSource, OpenReportsAMissingFile) {
  auto source = JsonlReviewsSource::Create(cxmap::Host(nullptr), cxmap::OptionValues());
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(source.value()->Open("/nonexistent/reviews.jsonl").code(), cxmap::Code::kNotFound);
}

TEST(JsonlReviewsSource, CreateRejectsBadOptions) {
  cxmap_kv kv{cxmap::ToC("max_line_bytes"), cxmap::ToC("0")};
  EXPECT_FALSE(JsonlReviewsSource::Create(cxmap::Host(nullptr), cxmap::OptionValues(&kv, 1)).ok());
}

TEST(JsonlReviewsSource, SniffsReviewJsonl) {
  auto yes = JsonlReviewsSource::Sniff("a.jsonl", "{\"rating\":5,\"body\":\"好\"}\n{\"bo");
  EXPECT_GT(yes.confidence, 0.9);
  EXPECT_NE(yes.reason.find("review"), std::string::npos);
  auto csv = JsonlReviewsSource::Sniff("a.csv", "id,date,comment\n1,2024-05-01,giao hang cham\n");
  EXPECT_EQ(csv.confidence, 0);
  auto other = JsonlReviewsSource::Sniff("a.json", "{\"user\":1}\n");
  EXPECT_LT(other.confidence, 0.5);
}

}  // namespace
}  // namespace cxmap_samples

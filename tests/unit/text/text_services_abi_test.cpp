// SPDX-License-Identifier: Apache-2.0
// The text services as a plugin sees them: through the cxmap_host that
// HostContext lends, and the SDK's C++ wrapper.
#include <gtest/gtest.h>

#include <atomic>

#include "core/plugin_host/host_context.h"
#include "cxmap/host.h"

namespace cxmap::core {
namespace {

TEST(TextServicesAbi, PluginUsesTextServicesThroughTheHost) {
  PluginInfo info;
  info.name = "analysis_test";
  std::atomic<bool> cancelled{false};
  HostContext ctx(info, &cancelled, nullptr);
  Host host(ctx.c());
  auto text = host.text();
  ASSERT_TRUE(text.has_value());

  auto ws = text->NewWorkspace();
  ASSERT_TRUE(ws.ok());
  auto lex = text->ParseLexicon("giao hàng\t0\tcue\nchậm\t-2\tcue\nkhông\t\tnegator\ntốt\t2\tcue\n"
                                "nhưng\t\tcontrast\n门市\t1\tcue\n😡\t-3\tcue\n",
                                "inline.tsv");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();

  std::string feedback = "Giao hang khong tot nhung cham 😡";
  auto a = ws->Analyze(feedback);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->language, "vi");
  ASSERT_GE(a->tokens.size(), 5u);
  EXPECT_EQ(FromC(a->tokens[0].key), "giao hang");
  EXPECT_EQ(a->tokens.back().kind, CXMAP_TOKEN_EMOJI);

  auto matches = ws->Match(*lex);
  ASSERT_TRUE(matches.ok());
  std::vector<std::string> evidence;
  for (const cxmap_lexicon_match& m : *matches) {
    evidence.push_back(std::string(FromC(m.term)) + "(" + std::to_string(int(m.final_weight * 100)) + ")");
  }
  EXPECT_EQ(evidence, (std::vector<std::string>{"giao hàng(0)", "không(100)", "tốt(-75)",
                                                "nhưng(100)", "chậm(-300)", "😡(-450)"}));
  EXPECT_TRUE((*matches)[2].flags & CXMAP_MATCH_NEGATED);
  EXPECT_EQ(feedback.substr((*matches)[2].begin, (*matches)[2].end - (*matches)[2].begin), "tot");

  ASSERT_TRUE(ws->Analyze("門市").ok());
  EXPECT_EQ(ws->Match(*lex)->size(), 1u);
  EXPECT_EQ(*ws->Fold("ＧＩＡＯ Hàng 門市"), "giao hang 门市");
}

TEST(TextServicesAbi, ErrorsComeBackAsStatus) {
  PluginInfo info;
  HostContext ctx(info, nullptr, nullptr);
  auto text = Host(ctx.c()).text();
  ASSERT_TRUE(text.has_value());
  auto bad = text->ParseLexicon("good\tx\tcue\n", "bad.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("bad.tsv:1"), std::string::npos);
  EXPECT_EQ(text->LoadLexicon("/nonexistent.tsv").status().code(), Code::kNotFound);
  EXPECT_FALSE(text->AddWords("xx", "word").ok());
}

TEST(TextServicesAbi, OlderHostHasNoTextServices) {
  cxmap_host old{};
  old.struct_size = offsetof(cxmap_host, text);  // a 1.0 host before the field
  EXPECT_FALSE(Host(&old).text().has_value());
}

}  // namespace
}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
// The plugin loader and instances, on real modules built for these tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.h"
#include "core/plugin_host/analysis_instance.h"
#include "core/plugin_host/plugin_registry.h"
#include "core/plugin_host/source_instance.h"

namespace cxmap::core {
namespace {
namespace fs = std::filesystem;
using cxmap::testing::TempDir;

fs::path Case(const std::string& name) { return fs::path(TEST_PLUGINS_DIR) / name; }

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

bool ModuleMapped(const std::string& file_name) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find(file_name) != std::string::npos) return true;
  }
  return false;
}

Batch TextBatch(std::initializer_list<std::string> texts) {
  Batch b;
  int n = 0;
  for (const auto& t : texts) {
    FeedbackRecord r;
    r.id = "t:" + std::to_string(n++);
    r.rec.text = t;
    b.records.push_back(std::move(r));
  }
  return b;
}

TEST(PluginRegistry, ListsEveryPluginOfAModuleFromItsSymbols) {
  auto symbols = ListPluginSymbols(Case("good") / "test_echo.so");
  ASSERT_TRUE(symbols.ok()) << symbols.status().ToString();
  EXPECT_EQ(symbols->size(), 2u);
  PluginRegistry reg;
  reg.ScanDirectory(Case("good"), true);
  EXPECT_TRUE(reg.problems().empty()) << Joined(reg.problems());
  ASSERT_NE(reg.Find("analysis_test_echo"), nullptr);
  ASSERT_NE(reg.Find("source_test_lines"), nullptr);
  EXPECT_EQ(reg.Find("analysis_test_echo")->version(), "1.0.0");
  EXPECT_EQ(reg.OfKind(CXMAP_KIND_SOURCE).size(), 1u);
}

TEST(PluginRegistry, RefusesNewerAbiMajorWithoutLoadingTheModule) {
  PluginRegistry reg;
  reg.ScanDirectory(Case("abi2"), true);
  ASSERT_EQ(reg.problems().size(), 1u);
  const std::string& p = reg.problems()[0];
  EXPECT_NE(p.find("analysis_test_future"), std::string::npos) << p;
  EXPECT_NE(p.find("ABI 2"), std::string::npos) << p;
  EXPECT_NE(p.find("ABI 1"), std::string::npos) << p;
  EXPECT_TRUE(reg.plugins().empty());
  EXPECT_FALSE(ModuleMapped("test_raw_abi2.so")) << "no code of a refused module may be loaded";
}

TEST(PluginRegistry, RefusesDescriptorWhoseMajorContradictsItsSymbol) {
  PluginRegistry reg;
  reg.ScanDirectory(Case("bad_major"), true);
  ASSERT_EQ(reg.problems().size(), 1u);
  EXPECT_NE(reg.problems()[0].find("declares plugin ABI 2.0"), std::string::npos)
      << reg.problems()[0];
  EXPECT_TRUE(reg.plugins().empty());
}

TEST(PluginRegistry, RefusesTwoPluginsWithOneName) {
  PluginRegistry reg;
  reg.ScanDirectory(Case("good"), true);
  reg.ScanDirectory(Case("dup"), true);
  ASSERT_EQ(reg.problems().size(), 1u);
  EXPECT_NE(reg.problems()[0].find("two plugins are named analysis_test_echo"), std::string::npos);
  EXPECT_NE(reg.problems()[0].find("test_duplicate.so"), std::string::npos);
}

TEST(PluginRegistry, RefusesWorldAndGroupWritableFoldersAndFiles) {
  for (auto mode : {fs::perms::others_write, fs::perms::group_write}) {
    TempDir dir;
    fs::copy_file(Case("good") / "test_echo.so", dir.path() / "test_echo.so");
    fs::permissions(dir.path(), mode, fs::perm_options::add);
    PluginRegistry reg;
    reg.ScanDirectory(dir.path(), true);
    ASSERT_EQ(reg.problems().size(), 1u);
    EXPECT_NE(reg.problems()[0].find("-writable"), std::string::npos) << reg.problems()[0];
    EXPECT_TRUE(reg.plugins().empty());
  }
  TempDir dir;  // folder fine, module file world-writable
  fs::copy_file(Case("good") / "test_echo.so", dir.path() / "test_echo.so");
  fs::permissions(dir.path() / "test_echo.so", fs::perms::others_write, fs::perm_options::add);
  PluginRegistry reg;
  reg.ScanDirectory(dir.path(), true);
  ASSERT_EQ(reg.problems().size(), 1u);
  EXPECT_NE(reg.problems()[0].find("file"), std::string::npos);
}

TEST(PluginRegistry, MissingExplicitFolderIsAProblem) {
  PluginRegistry reg;
  reg.ScanDirectory("/nonexistent/cxmap/plugins", true);
  reg.ScanDirectory("/nonexistent/cxmap/other", false);
  EXPECT_EQ(reg.problems().size(), 1u);
}

class Instances : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* c : {"good", "throws", "throw", "undeclared"}) reg_.ScanDirectory(Case(c), true);
    ASSERT_TRUE(reg_.problems().empty()) << Joined(reg_.problems());
  }
  Result<std::unique_ptr<AnalysisInstance>> Make(const char* name, OptionMap o = {}) {
    return AnalysisInstance::Create(*reg_.Find(name), o, &cancel_);
  }
  PluginRegistry reg_;
  std::atomic<bool> cancel_{false};
};

TEST_F(Instances, UnknownOptionIsRejectedWithTheValidOnes) {
  auto inst = Make("analysis_test_echo", {{"min_lenght", "3"}});
  ASSERT_FALSE(inst.ok());
  EXPECT_EQ(inst.status().code(), Code::kInvalidArgument);
  EXPECT_NE(inst.status().message().find("valid options: min_length"), std::string::npos)
      << inst.status().message();
  auto typed = Make("analysis_test_echo", {{"min_length", "three"}});
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.status().message().find("expects integer"), std::string::npos);
  auto refused = Make("analysis_test_echo", {{"min_length", "-1"}});  // plugin's own validation
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("analysis_test_echo"), std::string::npos);
}

TEST_F(Instances, ResultsCarryTypesEvidenceAndSentences) {
  auto inst = Make("analysis_test_echo", {{"min_length", "10"}});
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  Batch b = TextBatch({"Giao hàng chậm. Nhân viên tốt", "短"});
  ASSERT_TRUE((*inst)->Analyze(b).ok());
  int sentences = 0;
  for (const auto& r : b.results) {
    EXPECT_EQ(r.plugin, "analysis_test_echo");
    if (r.sentence >= 0) ++sentences;
    if (r.record_index == 0 && r.field == "length" && r.sentence < 0) {
      EXPECT_EQ(r.integer, static_cast<int64_t>(b.records[0].rec.text.size()));
      EXPECT_EQ(r.evidence, std::vector<std::string>{"rule:bytes"});
    }
    if (r.record_index == 1 && r.field == "long") {
      EXPECT_EQ(r.integer, 0);
    }
  }
  EXPECT_EQ(sentences, 3);  // two in the first text, one in the second
}

TEST_F(Instances, ThrowingPluginBecomesAnErrorNamingItAndStaysUsable) {
  auto inst = Make("analysis_test_throws");
  ASSERT_TRUE(inst.ok());
  Batch bad = TextBatch({"fine", "boom goes the parser"});
  Status s = (*inst)->Analyze(bad);
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_NE(s.message().find("analysis_test_throws"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("kaboom"), std::string::npos) << s.message();
  EXPECT_TRUE(bad.results.empty()) << "a failed call keeps none of its results";
  Batch failing = TextBatch({"please fail"});
  Status f = (*inst)->Analyze(failing);
  EXPECT_EQ(f.code(), Code::kCorruption);
  Batch good = TextBatch({"fine again"});
  EXPECT_TRUE((*inst)->Analyze(good).ok());
  EXPECT_EQ(good.results.size(), 1u);
}

TEST_F(Instances, ExceptionEscapingTheCAbiIsCaughtByTheHost) {
  auto inst = Make("analysis_test_raw_throw");
  ASSERT_TRUE(inst.ok());
  Batch b = TextBatch({"anything"});
  Status s = (*inst)->Analyze(b);
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_NE(s.message().find("analysis_test_raw_throw"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("escaped through the C ABI"), std::string::npos) << s.message();
}

TEST_F(Instances, EvidenceSpansArePlacedInTheRecordText) {
  auto inst = Make("analysis_test_echo");
  ASSERT_TRUE(inst.ok());
  Batch b = TextBatch({"Giao hàng chậm. Rất chậm"});
  ASSERT_TRUE((*inst)->Analyze(b).ok());
  const ResultRow& length = b.results[0];
  ASSERT_EQ(length.field, "length");
  ASSERT_EQ(length.spans.size(), 1u);
  EXPECT_EQ(length.spans[0], (ResultSpan{0, 4, 0}));  // "Giao"
  for (const char* text : {"span-past the end", "span-cut in \xC3\xA9 two", "span-evidence 1 of 1"}) {
    Batch bad = TextBatch({"fine", text});
    Status s = (*inst)->Analyze(bad);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << text;
    EXPECT_NE(s.message().find("field length: span"), std::string::npos) << s.message();
    EXPECT_TRUE(bad.results.empty()) << "a refused result fails the call: " << text;
  }
}

TEST_F(Instances, UndeclaredFieldIsRefused) {
  auto inst = Make("analysis_test_undeclared");
  ASSERT_TRUE(inst.ok());
  Batch b = TextBatch({"x"});
  Status s = (*inst)->Analyze(b);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("undeclared field 'nope'"), std::string::npos) << s.message();
}

TEST_F(Instances, SourceReportsRejectsAndGoesOn) {
  TempDir dir;
  std::ofstream(dir / "in.lines") << "first\nBAD second\nthird\n";
  auto src = SourceInstance::Create(*reg_.Find("source_test_lines"), {}, &cancel_);
  ASSERT_TRUE(src.ok());
  ASSERT_TRUE((*src)->Open(dir / "in.lines").ok());
  Batch b;
  bool end = false;
  while (!end) ASSERT_TRUE((*src)->Next(100, b, &end).ok());
  ASSERT_EQ(b.records.size(), 2u);
  EXPECT_EQ(b.records[1].rec.text, "third");
  EXPECT_EQ(b.records[1].rec.line, 3u);
  EXPECT_EQ(b.records[0].id.rfind("source_test_lines:h:", 0), 0u);  // content hash id
  ASSERT_EQ(b.rejects.size(), 1u);
  EXPECT_EQ(b.rejects[0].line, 2u);
  EXPECT_EQ(b.rejects[0].reason, "line starts with BAD");
}

TEST_F(Instances, SniffPicksTheSourceThatRecognisesTheFile) {
  auto c = SniffAll(reg_, "x.lines", "hello\n");
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].plugin, "source_test_lines");
  EXPECT_GT(c[0].confidence, 0.5);
  EXPECT_EQ(SniffAll(reg_, "x.csv", "a,b\n")[0].confidence, 0.0);
}

}  // namespace
}  // namespace cxmap::core

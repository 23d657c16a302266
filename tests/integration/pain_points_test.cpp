// SPDX-License-Identifier: Apache-2.0
// Issue 17's "done when" for pain points, checked end to end: on the
// bundled samples (and on ../shared/data/en/twitter_us_airline when
// CXMAP_SHARED_DIR points at it) no pain point is an @handle, a URL, a stop
// word or a bare cue word of its own touchpoint, and a touchpoint without
// negative texts lists none.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli_runner.h"
#include "core/journey/keyphrases.h"
#include "core/text/text_analyzer.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

// The folded phrase keys of every cue of every touchpoint in the default
// catalogue, by touchpoint id: the same folding the themes get.
std::map<std::string, std::set<std::string>> CueKeys() {
  std::ifstream in(std::string(PROJECT_DIR) + "/plugins/analysis_journey/data/touchpoints.toml");
  std::map<std::string, std::set<std::string>> out;
  core::PhraseExtractor extractor;
  const std::regex id_line(R"(^id\s*=\s*"([^"]+)\")");
  const std::regex cue_start(R"(^(strong_|weak_)?cues\.[a-z]+\s*=\s*\[)");
  const std::regex quoted(R"re("([^"]*)")re");
  std::string line, id;
  bool in_cues = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, id_line)) id = m[1];
    if (std::regex_search(line, cue_start)) in_cues = true;
    if (!in_cues) continue;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), quoted);
         it != std::sregex_iterator(); ++it) {
      const std::string cue = (*it)[1];
      // The whole cue's key is the longest phrase the extractor returns.
      std::string whole;
      for (const auto& [key, surface] : extractor.Extract(cue)) {
        if (key.size() > whole.size()) whole = key;
      }
      if (!whole.empty()) out[id].insert(whole);
    }
    if (line.find(']') != std::string::npos) in_cues = false;
  }
  return out;
}

// The failures of one journey map, one line each ("" when it passes).
std::string Check(const nlohmann::json& map) {
  static const auto cues = CueKeys();
  static const std::regex link(R"((https?://|www\.|\.com\b|@\w))", std::regex::icase);
  core::PhraseExtractor extractor;
  core::TextAnalyzer analyzer;
  std::ostringstream bad;
  for (const auto& t : map["touchpoints"]) {
    const std::string id = t["id"];
    const double negative = t["sentiment"]["negative"].get<double>();
    if (negative == 0 && !t["pain_points"].empty())
      bad << id << ": pain points without negative texts\n";
    for (const auto& p : t["pain_points"]) {
      const std::string theme = p["theme"];
      if (std::regex_search(theme, link)) bad << id << ": handle or link '" << theme << "'\n";
      const auto& keys = extractor.Extract(theme);
      if (keys.empty()) {
        bad << id << ": '" << theme << "' has no theme word\n";
        continue;
      }
      std::string whole;
      for (const auto& [key, surface] : keys) {
        if (key.size() > whole.size()) whole = key;
      }
      // First and last word as the segmenter cuts them ("cửa hàng" is one
      // word: its "cua" is not the stop word "của").
      const core::TextAnalysis& a = analyzer.Analyze(theme);
      std::string first, last;
      for (const core::Token& tok : a.tokens) {
        if (tok.kind != core::TokenKind::kWord) continue;
        if (first.empty()) first = a.key(tok);
        last = a.key(tok);
      }
      if (core::IsStopWord(whole) || core::IsStopWord(first) || core::IsStopWord(last)) {
        bad << id << ": stop word in '" << theme << "'\n";
      }
      auto own = cues.find(id);
      if (own != cues.end() && own->second.count(whole) != 0) {
        bad << id << ": bare cue word '" << theme << "'\n";
      }
    }
  }
  return bad.str();
}

nlohmann::json RunAndMap(const TempDir& dir, const std::string& inputs) {
  const std::string db = dir / "p.db";
  RunResult r = RunCxmap("-q --db " + Quote(db) + " run " + inputs);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = RunCxmap("-q --db " + Quote(db) + " journey --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(PainPoints, CatalogueCuesAreRead) {
  const auto cues = CueKeys();
  ASSERT_TRUE(cues.count("delivery"));
  EXPECT_TRUE(cues.at("delivery").count("delivery")) << "the checker must know the cue words";
}

TEST(PainPoints, TheCheckerCatchesEachKindOfBadLabel) {
  // The checker itself can fail: a map with every kind of bad label.
  auto map = nlohmann::json::parse(R"({"touchpoints": [
    {"id": "delivery", "sentiment": {"negative": 0.5}, "pain_points": [
      {"theme": "@united"}, {"theme": "http://t.co/x"}, {"theme": "the"}, {"theme": "delivery"},
      {"theme": "giao hang cham"}]},
    {"id": "loyalty", "sentiment": {"negative": 0.0}, "pain_points": [{"theme": "points expired"}]}]})");
  const std::string bad = Check(map);
  EXPECT_NE(bad.find("'@united'"), std::string::npos) << bad;
  EXPECT_NE(bad.find("'http://t.co/x'"), std::string::npos) << bad;
  EXPECT_NE(bad.find("'the'"), std::string::npos) << bad;
  EXPECT_NE(bad.find("bare cue word 'delivery'"), std::string::npos) << bad;
  EXPECT_EQ(bad.find("giao hang cham"), std::string::npos) << bad;
  EXPECT_NE(bad.find("loyalty: pain points without negative texts"), std::string::npos) << bad;
}

TEST(PainPoints, BundledSamplesHaveReadableLabels) {
  TempDir dir;
  std::string inputs;
  for (const auto& e : fs::directory_iterator(SAMPLES_DIR)) {
    if (e.path().extension() == ".csv") inputs += Quote(e.path().string()) + " ";
  }
  auto map = RunAndMap(dir, inputs);
  ASSERT_FALSE(map.is_discarded());
  size_t themes = 0;
  for (const auto& t : map["touchpoints"]) themes += t["pain_points"].size();
  EXPECT_GT(themes, 10u) << "the demo has complaints at many touchpoints";
  EXPECT_EQ(Check(map), "");
}

TEST(PainPoints, AirlineTweetsHaveReadableLabels) {
  const char* shared = std::getenv("CXMAP_SHARED_DIR");
  const fs::path data = fs::path(shared ? shared : "") / "data/en/twitter_us_airline/test.tsv";
  if (!shared || !fs::exists(data))
    GTEST_SKIP() << "CXMAP_SHARED_DIR with data/en/twitter_us_airline";
  TempDir dir;
  std::string tsv = "label\tcomment\n" + ReadFile(data.string());
  auto map = RunAndMap(dir, Quote(dir.Write("air.tsv", tsv)));
  ASSERT_FALSE(map.is_discarded());
  EXPECT_EQ(Check(map), "");
}

}  // namespace
}  // namespace cxmap::testing

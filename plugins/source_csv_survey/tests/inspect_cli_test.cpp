// SPDX-License-Identifier: Apache-2.0
// `cxmap inspect --json` on one fixture per platform, through the real
// binary and plugin loader: the JSON contract of docs/cli.md.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "survey_run.h"

namespace cxmap::csv {
namespace {

#ifdef CXMAP_BIN
constexpr const char* kBin = CXMAP_BIN;
#else
constexpr const char* kBin = "";
#endif

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

nlohmann::json Inspect(const std::string& path, const std::string& extra = "") {
  std::string cmd = Quote(kBin) + " -q inspect --json " + extra + " " + Quote(path) + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = p ? ::pclose(p) : -1;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd << "\n" << out;
  auto j = nlohmann::json::parse(out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << out;
  return j;
}

class InspectCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kBin).empty() || !std::filesystem::exists(kBin)) {
      GTEST_SKIP() << "needs the cxmap binary (in-tree build); not available here";
    }
  }
};

struct Case {
  const char* dir;
  const char* file;
  const char* format;
  uint64_t responses, records;
  uint32_t header_rows;
  const char* text_column;
};

TEST_F(InspectCli, EveryPlatformFixture) {
  const Case cases[] = {
      {"qualtrics", "built_qualtrics_utf16.tsv", "qualtrics", 6, 6, 3, "Q3"},
      {"qualtrics", "qualtRics_sample_legacy.csv", "qualtrics", 1, 1, 2, "Q2"},
      {"surveymonkey", "built_surveymonkey_expanded.xlsx", "surveymonkey", 6, 7, 2, "Q3"},
      {"google_forms", "built_google_forms.csv", "google_forms", 8, 6, 1, "What should we improve?"},
      {"limesurvey", "built_limesurvey_codes.csv", "limesurvey", 5, 5, 1, "improve"},
      {"typeform", "built_typeform.csv", "typeform", 6, 5, 1, "What could we do better?"},
      {"microsoft_forms", "built_microsoft_forms.xlsx", "microsoft_forms", 7, 6, 1,
       "What did you like or dislike about the visit?"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    nlohmann::json j = Inspect(testing::Fixture(c.dir, c.file));
    if (j.is_discarded()) continue;
    EXPECT_EQ(j["source"], "source_csv_survey");
    EXPECT_EQ(j["format"], c.format);
    EXPECT_GE(j["confidence"].get<double>(), 0.9);
    EXPECT_EQ(j["responses"], c.responses);
    EXPECT_EQ(j["records"], c.records);
    EXPECT_EQ(j["rejected"], 0);
    EXPECT_EQ(j["header_rows"], c.header_rows);
    bool found = false;
    for (const auto& col : j["columns"]) found |= col["name"] == c.text_column && col["role"] == "text";
    EXPECT_TRUE(found) << j["columns"].dump();
  }
}

TEST_F(InspectCli, FormatFlagForcesAProfile) {
  nlohmann::json j = Inspect(testing::Fixture("typeform", "built_typeform.csv"), "--format generic_csv");
  EXPECT_EQ(j["format"], "generic_csv");
}

}  // namespace
}  // namespace cxmap::csv

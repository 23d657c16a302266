// SPDX-License-Identifier: Apache-2.0
#include "core/app/app_context.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <unistd.h>

#include <fstream>

namespace cxmap::core {
namespace {

std::string WriteConfig(const std::string& body) {
  // Per test and process: ctest runs the tests of this file in parallel.
  std::string path = ::testing::TempDir() + "cxmap_config_test_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                     std::to_string(::getpid()) + ".toml";
  std::ofstream(path) << body;
  return path;
}

TEST(AppContext, ConfigValuesKeepTheirTypeAsText) {
  GlobalOptions g;
  g.config = WriteConfig(
      "db = \"from-config.db\"\nthreads = 3\n[plugins.source_csv_survey]\n"
      "delimiter = \";\"\nmax_record_bytes = 3\nhas_header = true\n");
  AppContext app(g);
  ASSERT_TRUE(app.Init().ok());
  const OptionMap& o = app.plugin_options().at("source_csv_survey");
  EXPECT_EQ(o.at("delimiter"), ";");
  EXPECT_EQ(o.at("max_record_bytes"), "3");  // not "true": numbers stay numbers
  EXPECT_EQ(o.at("has_header"), "true");
  EXPECT_EQ(app.options().db, "from-config.db");
  EXPECT_EQ(app.threads(), 3u);
}

TEST(AppContext, CommandLineWinsOverTheConfigFile) {
  GlobalOptions g;
  g.config = WriteConfig("db = \"from-config.db\"\n");
  g.db = "cxmap.db";
  g.plugin_options = {"source_csv_survey.delimiter=|"};
  AppContext app(g);
  ASSERT_TRUE(app.Init().ok());
  EXPECT_EQ(app.options().db, "cxmap.db");
  EXPECT_EQ(app.plugin_options().at("source_csv_survey").at("delimiter"), "|");
}

TEST(AppContext, BadConfigAndOptionsAreUsageErrorsWithLocation) {
  GlobalOptions g;
  g.config = WriteConfig("db = \n");
  Status s = AppContext(g).Init();
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find(":1:"), std::string::npos) << s.message();
  GlobalOptions o;
  o.plugin_options = {"no-dot-here"};
  EXPECT_EQ(AppContext(o).Init().code(), Code::kInvalidArgument);
  GlobalOptions unknown;
  unknown.plugin_options = {"analysis_nonexistent.key=1"};
  EXPECT_NE(AppContext(unknown).Init().message().find("unknown plugin"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core

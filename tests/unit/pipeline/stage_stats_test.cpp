// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/stage_stats.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace cxmap::core {
namespace {

using std::chrono::milliseconds;

TEST(StageStats, SumsCallsPerStageInFirstSeenOrderAcrossThreads) {
  StageStats stats;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        stats.Add("analysis_sentiment", milliseconds(1));
        stats.Add("write results", milliseconds(2));
      }
    });
  }
  for (auto& w : workers) w.join();
  stats.Add("commit", milliseconds(5));
  auto rows = stats.Rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].stage, "analysis_sentiment");
  EXPECT_EQ(rows[0].calls, 400u);
  EXPECT_EQ(rows[0].spent, milliseconds(400));
  EXPECT_EQ(rows[1].spent, milliseconds(800));
  EXPECT_EQ(rows[2].stage, "commit");
  const std::string table = stats.Format(milliseconds(1000));
  EXPECT_NE(table.find("write results"), std::string::npos) << table;
  EXPECT_NE(table.find("80.0%"), std::string::npos) << table;  // 0.8 s of a 1 s wall
  EXPECT_NE(table.find("wall"), std::string::npos) << table;
}

TEST(StageTimer, TimesItsScopeAndCostsNothingWithoutStats) {
  StageStats stats;
  {
    StageTimer timer(&stats, "read (source plugin)");
    std::this_thread::sleep_for(milliseconds(20));
  }
  { StageTimer off(nullptr, "never"); }
  auto rows = stats.Rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_GE(rows[0].spent, milliseconds(20));
  EXPECT_EQ(rows[0].calls, 1u);
}

}  // namespace
}  // namespace cxmap::core

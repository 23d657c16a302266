// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/stage_stats.h"

#include <fmt/format.h>

namespace cxmap::core {

void StageStats::Add(std::string_view stage, std::chrono::nanoseconds spent) {
  std::lock_guard<std::mutex> lock(mu_);
  for (Row& r : rows_) {
    if (r.stage == stage) {
      r.spent += spent;
      ++r.calls;
      return;
    }
  }
  rows_.push_back({std::string(stage), spent, 1});
}

std::vector<StageStats::Row> StageStats::Rows() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rows_;
}

std::string StageStats::Format(std::chrono::nanoseconds wall) const {
  auto seconds = [](std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); };
  std::string out = fmt::format("{:<34} {:>9} {:>9} {:>8}\n", "stage", "seconds", "% wall", "calls");
  for (const Row& r : Rows()) {
    out += fmt::format("{:<34} {:>9.3f} {:>8.1f}% {:>8}\n", r.stage, seconds(r.spent),
                       wall.count() > 0 ? 100.0 * seconds(r.spent) / seconds(wall) : 0.0, r.calls);
  }
  out += fmt::format("{:<34} {:>9.3f}\n", "wall", seconds(wall));
  return out;
}

}  // namespace cxmap::core

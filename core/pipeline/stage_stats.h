// SPDX-License-Identifier: Apache-2.0
// Where a job's time goes, stage by stage (`--stats`): reading the input,
// detecting languages, each analysis plugin, writing units and results,
// committing, compacting. Each stage sums the thread time of its calls
// (steady clock around each call), so stages on several workers can add up
// to more than the wall time.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap::core {

class StageStats {
 public:
  struct Row {
    std::string stage;
    std::chrono::nanoseconds spent{0};
    uint64_t calls = 0;
  };
  /// Adds one call of `spent` to `stage`. Thread-safe.
  void Add(std::string_view stage, std::chrono::nanoseconds spent);
  /// The stages in the order they were first seen.
  std::vector<Row> Rows() const;
  /// A table of the stages, their seconds and share of `wall`, and the wall time.
  std::string Format(std::chrono::nanoseconds wall) const;

 private:
  mutable std::mutex mu_;
  std::vector<Row> rows_;  // a handful: a linear search is the fastest lookup
};

/// Times the scope it lives in into `stats` under `stage`; does nothing
/// when `stats` is null (the default: no `--stats`, no clock reads).
class StageTimer {
 public:
  StageTimer(StageStats* stats, std::string_view stage)
      : stats_(stats), stage_(stage),
        start_(stats ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point()) {}
  ~StageTimer() {
    if (stats_ != nullptr) stats_->Add(stage_, std::chrono::steady_clock::now() - start_);
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  StageStats* stats_;
  std::string_view stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace cxmap::core

// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cxmap::core {

/// A one-line progress bar on stderr, redrawn at most 10 times a second.
/// Silent unless enabled and stderr is a terminal. Used by one thread.
class ProgressMeter {
 public:
  ProgressMeter(std::string label, bool enabled);
  ~ProgressMeter();
  void Update(uint64_t records, uint64_t bytes_done, uint64_t bytes_total);
  /// Clears the line (call before printing a summary).
  void Finish();

 private:
  std::string label_;
  bool active_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace cxmap::core

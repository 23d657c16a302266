// SPDX-License-Identifier: Apache-2.0
// Progress for commands whose work has no natural count (building the
// journey map, the key drivers, the report): one line on stderr naming the
// current phase and the time spent, redrawn by a background thread. Drawn
// only on a terminal, only once the command has run for a second, and
// cleared when done; piped or with --quiet it prints nothing.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace cxmap::core {

class PhaseMeter {
 public:
  /// `command` prefixes the line ("report: key drivers… 3 s").
  PhaseMeter(std::string command, bool enabled);
  ~PhaseMeter();
  PhaseMeter(const PhaseMeter&) = delete;
  PhaseMeter& operator=(const PhaseMeter&) = delete;

  /// What the command does now; shown from the next redraw.
  void Phase(std::string what);
  /// Adds a count to the phase ("… 12,000 rows").
  void Count(uint64_t n, const char* unit);

 private:
  void Run();

  std::string command_;
  bool active_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::string phase_;
  uint64_t count_ = 0;
  const char* unit_ = nullptr;
  bool stop_ = false, drawn_ = false;
  std::thread thread_;
};

}  // namespace cxmap::core

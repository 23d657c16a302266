// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/progress_meter.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace cxmap::core {

ProgressMeter::ProgressMeter(std::string label, bool enabled)
    : label_(std::move(label)),
      active_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressMeter::~ProgressMeter() { Finish(); }

void ProgressMeter::Update(uint64_t records, uint64_t done, uint64_t total) {
  if (!active_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? records / secs : 0;
  std::string bar;
  if (total > 0) {
    int filled = static_cast<int>(30.0 * done / total);
    bar = fmt::format("[{:=<{}}{: <{}}] {:3}% ", "", filled, "", 30 - filled, 100 * done / total);
  }
  std::string line = fmt::format("\r{} {}{} records, {:.0f} records/s", label_, bar, records, rate);
  std::fputs(line.c_str(), stderr);
  drawn_ = true;
}

void ProgressMeter::Finish() {
  if (active_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

}  // namespace cxmap::core

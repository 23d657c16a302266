// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/phase_meter.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace cxmap::core {

namespace {
constexpr auto kQuietFor = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(250);
}  // namespace

PhaseMeter::PhaseMeter(std::string command, bool enabled)
    : command_(std::move(command)),
      active_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {
  if (active_) thread_ = std::thread([this] { Run(); });
}

PhaseMeter::~PhaseMeter() {
  if (!active_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void PhaseMeter::Phase(std::string what) {
  std::lock_guard<std::mutex> lock(mu_);
  phase_ = std::move(what);
  count_ = 0;
  unit_ = nullptr;
}

void PhaseMeter::Count(uint64_t n, const char* unit) {
  std::lock_guard<std::mutex> lock(mu_);
  count_ = n;
  unit_ = unit;
}

void PhaseMeter::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  if (wake_.wait_for(lock, kQuietFor, [this] { return stop_; })) return;
  while (!stop_) {
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string line = fmt::format("\r\033[K{}: {}…", command_, phase_);
    if (unit_ != nullptr) line += fmt::format(" {} {}", count_, unit_);
    line += fmt::format(" {:.0f} s", secs);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
    wake_.wait_for(lock, kRedraw, [this] { return stop_; });
  }
}

}  // namespace cxmap::core

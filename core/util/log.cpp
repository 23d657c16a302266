// SPDX-License-Identifier: Apache-2.0
#include "core/util/log.h"

#include "core/util/terminal_text.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace cxmap::core {
namespace {
std::atomic<int> g_threshold{static_cast<int>(Severity::kInfo)};
std::atomic<unsigned long> g_warnings{0};
std::mutex g_mutex;
std::atomic<LogCapture> g_capture{nullptr};

const char* Name(Severity s) {
  switch (s) {
    case Severity::kDebug: return "debug";
    case Severity::kInfo: return "info";
    case Severity::kWarn: return "warning";
    case Severity::kError: return "error";
  }
  return "?";
}
}  // namespace

void Log(Severity severity, std::string_view tag, std::string_view message) {
  if (severity >= Severity::kWarn) ++g_warnings;
  if (static_cast<int>(severity) < g_threshold.load(std::memory_order_relaxed)) return;
  if (LogCapture capture = g_capture.load()) {
    capture(severity, tag, message);
    return;
  }
  std::string line = "cxmap: ";
  // Messages carry file names, excerpts and plugins' own words: none of
  // them may move the cursor or start a line of its own.
  if (!tag.empty()) line.append("[").append(TerminalSafe(tag)).append("] ");
  line.append(Name(severity)).append(": ").append(TerminalSafeMessage(message)).append("\n");
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void SetLogThreshold(Severity threshold) { g_threshold = static_cast<int>(threshold); }
void SetLogCapture(LogCapture capture) { g_capture = capture; }
Severity LogThreshold() { return static_cast<Severity>(g_threshold.load()); }

unsigned long WarningCount() { return g_warnings.load(); }

}  // namespace cxmap::core

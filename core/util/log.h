// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace cxmap::core {

enum class Severity { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

/// Writes "cxmap: [tag] level: message" to stderr when `severity` is at or
/// above the threshold. Thread-safe: lines from different threads never mix.
void Log(Severity severity, std::string_view tag, std::string_view message);

/// Sets the lowest severity printed (default kInfo; --quiet sets kWarn).
void SetLogThreshold(Severity threshold);
Severity LogThreshold();

/// Where lines at or above the threshold go instead of stderr; nullptr
/// (the default) is stderr. The plugin host's source child sends them to
/// cxmap with its answers (plugin_host/wire_source.h). Set before threads
/// start; `capture` must be thread-safe.
using LogCapture = void (*)(Severity severity, std::string_view tag, std::string_view message);
void SetLogCapture(LogCapture capture);

/// Lines logged at kWarn or above since start (for summaries and tests).
unsigned long WarningCount();

}  // namespace cxmap::core

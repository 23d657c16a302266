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

/// Lines logged at kWarn or above since start (for summaries and tests).
unsigned long WarningCount();

}  // namespace cxmap::core

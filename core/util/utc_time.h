// SPDX-License-Identifier: Apache-2.0
// Times as cxmap writes them for people and files: UTC, ISO 8601.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace cxmap::core {

/// Unix milliseconds as "2026-03-05T12:00:00Z"; `format` (strftime) for
/// other layouts.
inline std::string FormatUtc(int64_t ms, const char* format = "%Y-%m-%dT%H:%M:%SZ") {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

/// Now, as FormatUtc formats it.
inline std::string UtcNow(const char* format = "%Y-%m-%dT%H:%M:%SZ") {
  return FormatUtc(static_cast<int64_t>(std::time(nullptr)) * 1000, format);
}

}  // namespace cxmap::core

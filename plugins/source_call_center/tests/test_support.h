// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the plugin's tests: fixtures, temp files; the record
// sink is the SDK's (cxmap/testing.h).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "call_model.h"
#include "cxmap/abi_source.h"
#include "cxmap/record.h"
#include "cxmap/strings.h"
#include "cxmap/testing.h"

namespace cxmap::callcenter::testing {

/// The fastest of three runs of `run`, in seconds: the linear-time tests
/// compare an input with one 8 times larger, and the best of three keeps a
/// busy machine's pauses out of the ratio.
template <class Run>
double BestOfThreeSeconds(Run&& run) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

/// tests/data/fixtures/call_center/<name> of the repository.
inline std::string Fixture(std::string_view name) {
  return std::string(PLUGIN_SOURCE_DIR) + "/../../tests/data/fixtures/call_center/" + std::string(name);
}

/// ../shared/data/fixtures/call_center/<name>, or "" when not present.
inline std::string SharedFixture(std::string_view name) {
  const char* shared = std::getenv("CXMAP_SHARED_DIR");
  if (shared == nullptr || *shared == '\0') return {};
  std::string path = std::string(shared) + "/data/fixtures/call_center/" + std::string(name);
  return std::filesystem::exists(path) ? path : std::string();
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A file under the test temp dir holding `bytes`.
inline std::string WriteTemp(std::string_view name, std::string_view bytes) {
  auto dir = std::filesystem::temp_directory_path() / ("cxmap_cc_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / std::string(name);
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

/// Value of attribute `key`, or "<absent>".
inline std::string Attr(const std::vector<std::pair<std::string, std::string>>& attrs,
                        std::string_view key) {
  const std::string* v = FindAttribute(attrs, key);
  return v == nullptr ? "<absent>" : *v;
}

/// The SDK's collecting sink (copies every record and reject).
using FakeSink = cxmap::testing::RecordCollector;
using cxmap::testing::Rejected;

}  // namespace cxmap::callcenter::testing

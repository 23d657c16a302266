// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the plugin's tests: a fake record sink and temp files.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/abi_source.h"
#include "cxmap/record.h"
#include "cxmap/strings.h"
#include "cxmap/testing.h"

namespace cxmap::csv::testing {

// The fake sink and Attr() are the SDK's, shared with vendors' tests.
using FakeSink = cxmap::testing::RecordCollector;
using cxmap::testing::Attr;
using cxmap::testing::Rejected;

/// Moves the records without text (responses whose respondent wrote
/// nothing) out of `sink.records` into `*textless`, so tests written about
/// text units keep reading `sink.records` as the units.
inline void SplitTextless(FakeSink& sink, std::vector<Record>* textless) {
  std::vector<Record> units;
  for (Record& r : sink.records) (r.text.empty() ? *textless : units).push_back(std::move(r));
  sink.records = std::move(units);
}

/// A file under the test temp dir holding `bytes`; removed by the OS/CI.
inline std::string WriteTemp(std::string_view name, std::string_view bytes) {
  auto dir = std::filesystem::temp_directory_path() / ("cxmap_csv_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / std::string(name);
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

}  // namespace cxmap::csv::testing

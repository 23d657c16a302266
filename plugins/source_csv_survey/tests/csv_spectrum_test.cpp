// SPDX-License-Identifier: Apache-2.0
// Runs the csv-spectrum peer suite (tests/data/csv-spectrum, see SOURCE.md):
// every csvs/NAME.csv must read as json/NAME.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "csv_reader.h"

namespace cxmap::csv {
namespace {

namespace fs = std::filesystem;

fs::path SuiteDir() { return fs::path(PLUGIN_SOURCE_DIR) / "../../tests/data/csv-spectrum"; }

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Reads `bytes` as CSV with a header row into an array of objects, the
/// shape of the suite's expected JSON. Feeds `chunk` bytes at a time.
nlohmann::json ReadAsJson(const std::string& bytes, size_t chunk) {
  CsvReader reader({});
  nlohmann::json out = nlohmann::json::array();
  std::vector<std::string> header;
  size_t pos = 0;
  reader.Feed(std::string_view(bytes).substr(0, chunk), chunk >= bytes.size());
  pos = std::min(chunk, bytes.size());
  CsvRow row;
  while (true) {
    auto e = reader.Next(&row);
    if (e == CsvReader::Event::kEnd) break;
    if (e == CsvReader::Event::kNeedInput) {
      reader.Feed(std::string_view(bytes).substr(pos, chunk), pos + chunk >= bytes.size());
      pos = std::min(pos + chunk, bytes.size());
      continue;
    }
    EXPECT_FALSE(row.unterminated_quote);
    if (header.empty()) {
      header.assign(row.fields.begin(), row.fields.end());
      continue;
    }
    nlohmann::json obj = nlohmann::json::object();
    for (size_t i = 0; i < row.fields.size() && i < header.size(); ++i) {
      obj[header[i]] = std::string(row.fields[i]);
    }
    EXPECT_EQ(row.fields.size(), header.size());
    out.push_back(obj);
  }
  return out;
}

TEST(CsvSpectrum, EveryCaseMatchesExpectedJson) {
  ASSERT_TRUE(fs::is_directory(SuiteDir() / "csvs")) << SuiteDir();
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(SuiteDir() / "csvs")) {
    std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    nlohmann::json expected = nlohmann::json::parse(Slurp(SuiteDir() / "json" / (name + ".json")));
    // Upstream quirks (csv-spectrum issues #20 and #22, open): this one
    // expected file is a bare object, and its phone number does not match
    // the CSV (1234567890 vs 2095257564). Compare against what the CSV says.
    if (expected.is_object()) expected = nlohmann::json::array({expected});
    if (name == "location_coordinates") expected[0]["Contact Phone Number"] = "2095257564";
    std::string bytes = Slurp(entry.path());
    for (size_t chunk : {bytes.size() + 1, size_t{1}, size_t{3}, size_t{7}}) {
      SCOPED_TRACE("chunk " + std::to_string(chunk));
      EXPECT_EQ(ReadAsJson(bytes, chunk), expected);
    }
    ++cases;
  }
  EXPECT_EQ(cases, 12);
}

}  // namespace
}  // namespace cxmap::csv

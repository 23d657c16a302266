// SPDX-License-Identifier: Apache-2.0
// Reads a whole file through CsvSurveySource, for the profile and bad-input
// tests; and where the fixtures are.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csv_survey_source.h"
#include "test_support.h"

namespace cxmap::csv::testing {

struct SurveyRun {
  Status open;  ///< Create() or Open() status
  FakeSink sink{1000};         ///< the text units (records with text)
  std::vector<Record> textless;  ///< responses without text (SplitTextless)
  std::vector<std::string> logs;
  std::optional<Inspection> inspection;
  std::string Logs() const {
    std::string all;
    for (const auto& l : logs) all += l + "\n";
    return all;
  }
};

inline void CollectRunLog(void* ctx, int32_t, cxmap_str message) {
  static_cast<std::vector<std::string>*>(ctx)->emplace_back(FromC(message));
}

/// Opens `path` with `options` and reads it to the end (or Inspect()s it).
inline std::unique_ptr<SurveyRun> ReadSurvey(const std::string& path,
                                             std::vector<std::pair<std::string, std::string>> options = {},
                                             bool inspect = false) {
  auto run = std::make_unique<SurveyRun>();
  static thread_local cxmap_host host;
  host = {sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, &run->logs, &CollectRunLog, nullptr, nullptr};
  std::vector<cxmap_kv> kv;
  for (const auto& [k, v] : options) kv.push_back({ToC(k), ToC(v)});
  auto source = CsvSurveySource::Create(Host(&host), OptionValues(kv.data(), kv.size()));
  if (!source.ok()) {
    run->open = source.status();
    return run;
  }
  if (inspect) {
    auto in = (*source)->Inspect(path);
    run->open = in.status();
    if (in.ok()) run->inspection = std::move(*in);
    return run;
  }
  run->open = (*source)->Open(path);
  if (!run->open.ok()) return run;
  RecordSink sink(run->sink.raw());
  for (bool at_end = false; !at_end;) {
    Status s = (*source)->NextBatch(sink, at_end);
    if (!s.ok()) {
      run->open = s;
      break;
    }
  }
  SplitTextless(run->sink, &run->textless);
  return run;
}

/// A fixture committed to the repository: tests/data/fixtures/<dir>/<name>.
inline std::string Fixture(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(PLUGIN_SOURCE_DIR) / ".." / ".." / "tests" / "data" / "fixtures" / dir /
          name).lexically_normal().string();
}

/// A file of the plugin's own test data: tests/data/<name>.
inline std::string TestData(const std::string& name) {
  return (std::filesystem::path(PLUGIN_SOURCE_DIR) / "tests" / "data" / name).string();
}

/// A fixture from ../shared (large or restricted licence); empty when absent.
inline std::string SharedFixture(const std::string& dir, const std::string& name) {
  const char* shared = std::getenv("CXMAP_SHARED_DIR");
  if (shared == nullptr || *shared == '\0') return "";
  auto p = std::filesystem::path(shared) / "data" / "fixtures" / dir / name;
  return std::filesystem::exists(p) ? p.string() : "";
}

/// The records answering question `column`.
inline std::vector<const Record*> Answers(const SurveyRun& run, const std::string& column) {
  std::vector<const Record*> out;
  for (const Record& r : run.sink.records) {
    if (Attr(r, "question") == column) out.push_back(&r);
  }
  return out;
}

/// The inspection's column named `name`, or nullptr.
inline const InspectColumn* Column(const Inspection& in, const std::string& name) {
  for (const auto& c : in.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

/// Value of detail `key`, or "<absent>".
inline std::string Detail(const Inspection& in, const std::string& key) {
  for (const auto& [k, v] : in.details) {
    if (k == key) return v;
  }
  return "<absent>";
}

}  // namespace cxmap::csv::testing

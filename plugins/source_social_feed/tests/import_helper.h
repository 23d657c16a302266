// SPDX-License-Identifier: Apache-2.0
// Runs the source over a file the way the host does, collecting everything.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cxmap/plugin.h"
#include "social_feed_source.h"
#include "test_support.h"

namespace cxmap::social::testing {

using Options = std::vector<std::pair<std::string, std::string>>;

/// Fixtures shipped in the repository (tests/data/fixtures/<platform>/).
inline std::string Fixture(std::string_view relative) {
  return std::string(PLUGIN_SOURCE_DIR) + "/../../tests/data/fixtures/" + std::string(relative);
}

struct Run {
  explicit Run(size_t batch) : sink(batch) {}
  Status open;
  FakeSink sink;
  std::vector<std::string> logs;
  const std::vector<Record>& records() const { return sink.records; }
  const std::vector<Rejected>& rejects() const { return sink.rejects; }
};

inline void CollectLog(void* ctx, int32_t, cxmap_str message) {
  static_cast<std::vector<std::string>*>(ctx)->emplace_back(FromC(message));
}

inline Result<std::unique_ptr<SocialFeedSource>> MakeSource(const Options& options,
                                                            std::vector<std::string>* logs) {
  static thread_local cxmap_host host;
  host = {sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, logs, &CollectLog, nullptr, nullptr};
  std::vector<cxmap_kv> kv;
  for (const auto& [k, v] : options) kv.push_back({ToC(k), ToC(v)});
  return SocialFeedSource::Create(Host(&host), OptionValues(kv.data(), kv.size()));
}

/// Opens `path` with `options` and reads to the end in batches of `batch`.
inline std::unique_ptr<Run> ImportFile(const std::string& path, const Options& options = {},
                                       size_t batch = 3) {
  auto run = std::make_unique<Run>(batch);
  auto source = MakeSource(options, &run->logs);
  if (!source.ok()) {
    run->open = source.status();
    return run;
  }
  run->open = (*source)->Open(path);
  if (!run->open.ok()) return run;
  RecordSink sink(run->sink.raw());
  for (bool at_end = false; !at_end;) {
    Status s = (*source)->NextBatch(sink, at_end);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) break;
  }
  return run;
}

/// The same for `bytes` written to a temp file called `name`.
inline std::unique_ptr<Run> ImportBytes(std::string_view name, std::string_view bytes,
                                        const Options& options = {}) {
  return ImportFile(WriteTemp(name, bytes), options);
}

/// Inspection of `path` by a fresh instance.
inline Result<Inspection> InspectFile(const std::string& path, const Options& options = {}) {
  std::vector<std::string> logs;
  auto source = MakeSource(options, &logs);
  if (!source.ok()) return source.status();
  return (*source)->Inspect(path);
}

inline std::string Detail(const Inspection& in, std::string_view key) {
  for (const auto& [k, v] : in.details) {
    if (k == key) return v;
  }
  return "<absent>";
}

}  // namespace cxmap::social::testing

// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the plugin's tests: fixtures, temp files, a record sink.
#pragma once

#include <unistd.h>

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

namespace cxmap::callcenter::testing {

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

struct Rejected {
  std::string file;
  uint64_t line;
  std::string reason;
  std::string excerpt;
};

/// Collects what a source emits through the C sink, copying every record.
class FakeSink {
 public:
  FakeSink() { sink_ = {sizeof(cxmap_record_sink), this, 1000, &Emit, &OnReject, nullptr}; }
  FakeSink(const FakeSink&) = delete;
  FakeSink& operator=(const FakeSink&) = delete;
  const cxmap_record_sink* raw() const { return &sink_; }
  std::vector<Record> records;
  std::vector<Rejected> rejects;

 private:
  static int32_t Emit(void* ctx, const cxmap_record* c) {
    Record r;
    r.external_id = std::string(FromC(c->external_id));
    r.channel = static_cast<Channel>(c->channel);
    r.sub_channel = std::string(FromC(c->sub_channel));
    if (c->score_mask & CXMAP_HAS_TIME) r.time_unix_ms = c->time_unix_ms;
    r.language = std::string(FromC(c->language));
    r.text = std::string(FromC(c->text));
    r.respondent = std::string(FromC(c->respondent));
    if (c->score_mask & CXMAP_SCORE_CSAT) r.csat = c->csat;
    for (size_t i = 0; i < c->attribute_count; ++i) {
      r.attributes.emplace_back(FromC(c->attributes[i].key), FromC(c->attributes[i].value));
    }
    r.file = std::string(FromC(c->file));
    r.line = c->line;
    r.record_number = c->record_number;
    static_cast<FakeSink*>(ctx)->records.push_back(std::move(r));
    return CXMAP_OK;
  }
  static void OnReject(void* ctx, const cxmap_reject* r) {
    static_cast<FakeSink*>(ctx)->rejects.push_back({std::string(FromC(r->file)), r->line,
                                                    std::string(FromC(r->reason)),
                                                    std::string(FromC(r->excerpt))});
  }
  cxmap_record_sink sink_;
};

}  // namespace cxmap::callcenter::testing

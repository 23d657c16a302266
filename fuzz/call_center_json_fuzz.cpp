// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for source_call_center's JSON readers: arbitrary bytes
// through Sniff, ReadContactLens and ReadVcon (one document, arrays, JSON
// Lines), then the record emitter. Besides crashes, sanitizer reports and
// exceptions escaping (none may: a throw would fail the whole import) it
// checks that rejects point inside the input and that emitted texts and
// attributes are valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "call_center_source.h"
#include "json_readers.h"
#include "record_emitter.h"
#include "text_values.h"

namespace {

using namespace cxmap::callcenter;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckParsed(const ParsedInput& p, std::string_view data) {
  uint64_t lines = 1;
  for (char c : data) lines += c == '\n' ? 1 : 0;
  for (const ParseReject& r : p.rejects) {
    Check(r.line <= lines);
    Check(FirstInvalidUtf8(r.excerpt) == std::string_view::npos);
    Check(FirstInvalidUtf8(r.reason) == std::string_view::npos || r.reason.find("JSON") != std::string::npos);
  }
  EmitOptions options{false, true, 64, "fuzz", ""};
  uint64_t number = 0;
  std::vector<cxmap::Record> records;
  for (const Call& call : p.calls) CallToRecords(call, options, number, records);
  for (const cxmap::Record& r : records) {
    Check(FirstInvalidUtf8(r.text) == std::string_view::npos);
    for (const auto& [k, v] : r.attributes) Check(FirstInvalidUtf8(v) == std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view data(reinterpret_cast<const char*>(bytes), size);
  (void)CallCenterSource::Sniff("fuzz.json", data);
  CheckParsed(ReadContactLens(data), data);
  CheckParsed(ReadVcon(data, 0), data);
  return 0;
}

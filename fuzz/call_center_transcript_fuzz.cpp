// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for source_call_center's text side: arbitrary bytes
// through Sniff, the Spirit X3 line grammar, the transcript assembler, the
// CDR reader and the record emitter. Besides crashes and sanitizer reports
// it checks that every reject points inside the input (line within the line
// count, column within its line + 1) and that every emitted record's text
// and attributes are valid UTF-8 (the host would reject them otherwise).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "call_center_source.h"
#include "cdr_reader.h"
#include "record_emitter.h"
#include "text_values.h"
#include "transcript_grammar.h"
#include "transcript_reader.h"

namespace {

using namespace cxmap::callcenter;

void Check(bool ok) {
  if (!ok) std::abort();
}

std::vector<std::string_view> Lines(std::string_view data) {
  std::vector<std::string_view> out;
  for (size_t pos = 0; pos < data.size();) {
    size_t end = std::min(data.find('\n', pos), data.size());
    out.push_back(data.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

void CheckParsed(const ParsedInput& p, const std::vector<std::string_view>& lines) {
  for (const ParseReject& r : p.rejects) {
    Check(r.line >= 1 && r.line <= lines.size());
    Check(r.column <= lines[r.line - 1].size() + 1);
    Check(FirstInvalidUtf8(r.excerpt) == std::string_view::npos);
  }
  for (bool per_call : {false, true}) {
    EmitOptions options{per_call, !per_call, 100, "fuzz", ""};
    uint64_t number = 0;
    std::vector<cxmap::Record> records;
    for (const Call& call : p.calls) CallToRecords(call, options, number, records);
    for (const cxmap::Record& r : records) {
      Check(FirstInvalidUtf8(r.text) == std::string_view::npos);
      Check(FirstInvalidUtf8(r.external_id) == std::string_view::npos);
      for (const auto& [k, v] : r.attributes) {
        Check(FirstInvalidUtf8(k) == std::string_view::npos && FirstInvalidUtf8(v) == std::string_view::npos);
      }
      Check(!r.csat || (*r.csat >= 1 && *r.csat <= 5));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view data(reinterpret_cast<const char*>(bytes), size);
  (void)CallCenterSource::Sniff("fuzz.txt", data);
  std::vector<std::string_view> lines = Lines(data);
  for (std::string_view line : lines) {
    TranscriptLine l = ParseTranscriptLine(line, 0);
    if (l.kind == TranscriptLine::Kind::kError) Check(l.column >= 1 && l.column <= line.size() + 1);
  }
  // Lines are counted on '\n' only; a CR before it is part of the line end.
  CheckParsed(ReadTranscript(data, {420, 4096}), lines);
  CheckParsed(ReadCdr(data, std::nullopt), lines);
  return 0;
}

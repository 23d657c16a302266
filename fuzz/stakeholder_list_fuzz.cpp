// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for source_stakeholders' reading: Sniff on the bytes,
// then decoding (UTF-8 / UTF-16 with a BOM), delimiter and header
// detection, RFC 4180 splitting and the row → record conversion, exactly
// the path Open()/NextBatch() take. Besides crashes, ASan and UBSan it
// checks what the host and the analysis rely on: every record's text,
// respondent and attributes are valid UTF-8, the name is not empty,
// support/influence attributes read back as numbers in 1..5, every reject
// has a reason and a valid UTF-8 excerpt, and row lines never go back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "csv_text.h"
#include "header_map.h"
#include "stakeholder_row.h"
#include "stakeholder_source.h"

namespace {

using namespace cxmap::stakeholders;

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Utf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cxmap::SniffResult sniff = StakeholderSource::Sniff("fuzz.csv", bytes);
  Check(sniff.confidence == 0 || sniff.confidence == 0.97 || sniff.confidence == 0.98);

  DecodedText text = DecodeList(bytes, true);
  ListLayout layout = DetectLayout(text.utf8);
  for (const auto& cell : layout.header) Check(Utf8(FoldHeader(cell)));
  if (!layout.map.IsStakeholderList()) return 0;

  CsvSplitter rows(text.utf8, layout.delimiter);
  CsvRow row;
  while (rows.Next(&row) && IsBlank(row)) {
  }
  uint64_t last_line = row.line;
  while (rows.Next(&row)) {
    Check(row.line > last_line);
    last_line = row.line;
    if (IsBlank(row) && !row.unterminated) continue;
    auto built = BuildStakeholder(layout.map, layout.header, row);
    if (auto* problem = std::get_if<RowProblem>(&built)) {
      Check(!problem->reason.empty() && Utf8(problem->reason) && Utf8(SafeExcerpt(row.raw)));
      continue;
    }
    const cxmap::Record& r = std::get<cxmap::Record>(built);
    Check(Utf8(r.text) && Utf8(r.respondent) && !r.respondent.empty());
    for (const auto& [k, v] : r.attributes) {
      Check(Utf8(k) && Utf8(v) && !k.empty());
      if (k == "support" || k == "influence") {
        ScoreCell back = ParseScore(k, v);
        Check(back.value && *back.value >= 1 && *back.value <= 5);
      }
    }
  }
  return 0;
}

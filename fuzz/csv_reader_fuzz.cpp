// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for source_csv_survey: arbitrary bytes through encoding
// detection and decoding, delimiter detection, the CSV reader, column-role
// assignment and the value parsers. Besides crashes and sanitizer reports
// it checks one property: the reader gives the same rows whether the input
// arrives whole or cut into small chunks (the streaming state machine must
// not depend on where a read() ends).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "column_roles.h"
#include "csv_reader.h"
#include "csv_survey_source.h"
#include "encoding.h"
#include "record_builder.h"
#include "unicode_text.h"
#include "value_parsers.h"

namespace {

using namespace cxmap::csv;

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<uint64_t> lines;
  std::vector<int> flags;
  bool operator==(const Parsed&) const = default;
};

Parsed ParseInChunks(std::string_view text, char delimiter, size_t chunk) {
  CsvReader reader({delimiter, '"', 4096});
  Parsed out;
  size_t pos = std::min(chunk, text.size());
  reader.Feed(text.substr(0, chunk), pos >= text.size());
  CsvRow row;
  while (true) {
    auto event = reader.Next(&row);
    if (event == CsvReader::Event::kEnd) break;
    if (event == CsvReader::Event::kNeedInput) {
      reader.Feed(text.substr(pos, chunk), pos + chunk >= text.size());
      pos = std::min(pos + chunk, text.size());
      continue;
    }
    out.rows.emplace_back(row.fields.begin(), row.fields.end());
    out.lines.push_back(row.line);
    out.flags.push_back(row.unterminated_quote * 2 + row.too_large);
  }
  return out;
}

std::string Decode(std::string_view input, const EncodingGuess& guess, size_t chunk) {
  auto decoder = Utf8Decoder::Create(guess.name);
  if (!decoder.ok()) std::abort();  // detection must only name converters ICU has
  std::string out;
  std::string_view rest = input.substr(guess.bom_length);
  do {
    size_t n = std::min(rest.size(), chunk);
    auto piece = (*decoder)->Decode(rest.substr(0, n), n == rest.size());
    if (!piece.ok()) std::abort();
    out.append(piece.value());
    rest.remove_prefix(n);
  } while (!rest.empty());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the chunk size of the streaming check.
  size_t chunk = 1 + data[0] % 17;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  (void)CsvSurveySource::Sniff("fuzz.csv", input);
  EncodingGuess guess = DetectEncoding(input, true);
  std::string text = Decode(input, guess, chunk);
  size_t columns = 0;
  char delimiter = DetectDelimiter(text, true, &columns);

  Parsed whole = ParseInChunks(text, delimiter, text.size() + 1);
  if (!(ParseInChunks(text, delimiter, chunk) == whole)) std::abort();

  if (whole.rows.empty()) return 0;
  std::vector<std::string> headers;
  for (const std::string& h : whole.rows[0]) {
    std::string clean;
    if (!CleanText(h, &clean).ok()) std::abort();
    if (!IsValidUtf8(clean, false)) std::abort();  // CleanText must repair
    headers.push_back(clean);
    (void)SuggestRoles(clean);
  }
  std::vector<std::vector<std::string>> samples(whole.rows.begin() + 1, whole.rows.end());
  (void)AssignRoles(headers, samples, {});
  std::string sub;
  for (const auto& row : samples) {
    for (const std::string& cell : row) {
      (void)ParseScore(cell, kNps);
      (void)ParseTimestamp(cell, DateOrder::kDayFirst, 420);
      (void)NormalizeLanguage(cell);
      (void)MapChannel(cell, cxmap::Channel::kSurvey, &sub);
    }
  }
  return 0;
}
